// Request and response shapes of dose records and a person's history.
import { type Static, Type } from 'typebox';
import { ProductCode } from './catalogue.schema.js';
import { Uuid } from '../../platform/schemas.js';


export const RecordDoseBody = Type.Object({
  id: Type.String({ format: 'uuid', description: "the client's id of this dose: sending it again records nothing new" }),
  personId: Uuid(),
  productCode: ProductCode,
  lotId: Uuid(),
  siteId: Uuid(),
  administeredAt: Type.String({ format: 'date-time' }),
  visitId: Type.Optional(Type.String({ format: 'uuid', description: 'the visit at the site (check-in, screening): its screening must say vaccinate; starts the 30-minute observation' })),
}, { additionalProperties: false });
export type RecordDoseBody = Static<typeof RecordDoseBody>;

export const Dose = Type.Object({
  id: Uuid(),
  personId: Uuid(),
  productCode: Type.String(),
  lotId: Uuid(),
  lotNumber: Type.String(),
  siteId: Uuid(),
  siteName: Type.String(),
  doseNumber: Type.Integer({ description: "derived from the person's history" }),
  kind: Type.Union([Type.Literal('primary'), Type.Literal('booster')]),
  administeredAt: Type.String(),
  vaccinatorId: Uuid(),
  recordedAt: Type.String(),
  visitId: Type.Union([Uuid(), Type.Null()], { description: 'the visit the dose was given at; null when recorded without one' }),
});
export type Dose = Static<typeof Dose>;
export const DoseOutcome = Type.Intersect([Dose, Type.Object({ repeat: Type.Boolean({ description: 'true: this id was already recorded' }) })]);
export type DoseOutcome = Static<typeof DoseOutcome>;

export const PersonParams = Type.Object({ personId: Uuid() });
export const HistoryQuery = Type.Object({ reason: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })) }, { additionalProperties: false });
export const DoseHistory = Type.Object({
  person: Type.Object({ id: Uuid(), fullName: Type.String(), birthYear: Type.Integer() }),
  doses: Type.Array(Dose),
  primarySeriesComplete: Type.Boolean(),
});
export type DoseHistory = Static<typeof DoseHistory>;
