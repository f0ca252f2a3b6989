// Request and response shapes of the pre-vaccination screening of a visit, and of the checklist.
import { type Static, Type } from 'typebox';
import { Nullable } from '../../platform/schemas.js';

const Kind = Type.Union([Type.Literal('contraindication'), Type.Literal('postpone'), Type.Literal('precaution'), Type.Literal('info')]);
const Outcome = Type.Union([Type.Literal('vaccinate'), Type.Literal('postpone'), Type.Literal('refer')]);
const Assessment = Type.Union([Type.Literal('fit'), Type.Literal('precaution'), Type.Literal('postpone'), Type.Literal('contraindication')]);

export const ChecklistView = Type.Object({
  version: Type.String(),
  source: Type.String(),
  questions: Type.Array(Type.Object({
    id: Type.String(),
    kind: Kind,
    text: Type.Object({ vi: Type.String(), en: Type.String() }),
    derived: Type.Optional(Type.String({ description: 'answered by the server (age): leave it out' })),
    minAge: Type.Optional(Type.Integer()),
    measure: Type.Optional(Type.String({ description: 'also yes when this measurement reaches threshold' })),
    threshold: Type.Optional(Type.Number()),
  })),
});

export const ScreeningBody = Type.Object({
  answers: Type.Record(Type.String({ pattern: '^[a-z0-9_]{2,60}$' }), Type.Boolean(), { description: 'question id → yes (true) or no (false); every question not derived' }),
  temperatureC: Type.Optional(Type.Number({ minimum: 30, maximum: 45 })),
  outcome: Outcome,
  postponeUntil: Type.Optional(Type.String({ format: 'date', description: 'required when postponing: the first day to come back' })),
  referTo: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'required when referring: the hospital' })),
  reason: Type.Optional(Type.String({ minLength: 1, maxLength: 500, description: 'required to postpone or refer' })),
  note: Type.Optional(Type.String({ minLength: 1, maxLength: 1000, description: 'required to vaccinate despite a precaution' })),
}, { additionalProperties: false });
export type ScreeningBody = Static<typeof ScreeningBody>;

export const Screening = Type.Object({
  visitId: Type.String(),
  checklistVersion: Type.String(),
  answers: Type.Record(Type.String(), Type.Boolean()),
  temperatureC: Nullable(Type.Number()),
  assessment: Assessment,
  findings: Type.Array(Type.Object({ questionId: Type.String(), kind: Kind, from: Type.String() })),
  allowedOutcomes: Type.Array(Outcome),
  outcome: Outcome,
  postponeUntil: Nullable(Type.String()),
  referTo: Nullable(Type.String()),
  reason: Nullable(Type.String()),
  note: Nullable(Type.String()),
  screenedAt: Type.String(),
  screenedBy: Type.String(),
});
export type Screening = Static<typeof Screening>;
