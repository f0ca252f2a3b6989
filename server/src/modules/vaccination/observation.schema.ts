// Request and response shapes of the observation after a dose: the site's list, and ending one.
import { type Static, Type } from 'typebox';
import { AefiDetails, AefiOutcome } from './aefi.schema.js';
import { Nullable, Uuid } from '../../platform/schemas.js';


export const SiteObservationParams = Type.Object({ siteId: Uuid() });
export const ObservationParams = Type.Object({ doseId: Uuid() });
export const ObservationListQuery = Type.Object({ reason: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })) }, { additionalProperties: false });

export const ObservationItem = Type.Object({
  doseId: Uuid(),
  visitId: Uuid(),
  person: Type.Object({ id: Uuid(), fullName: Type.String(), birthYear: Type.Integer() }),
  productCode: Type.String(),
  lotNumber: Type.String(),
  doseNumber: Type.Integer(),
  startedAt: Type.String(),
  dueAt: Type.String(),
  minutesLeft: Type.Integer({ description: 'whole minutes until dueAt, 0 once due' }),
  due: Type.Boolean({ description: 'the 30 minutes are over: the person may leave once checked' }),
});
export type ObservationItem = Static<typeof ObservationItem>;
export const ObservationList = Type.Object({ siteId: Uuid(), asOf: Type.String(), minutes: Type.Integer(), items: Type.Array(ObservationItem) });
export type ObservationList = Static<typeof ObservationList>;

export const EndObservationBody = Type.Object({
  outcome: Type.Union([Type.Literal('no_reaction'), Type.Literal('reaction'), Type.Literal('left_early')], {
    description: 'no_reaction once the time is over; left_early when the person would not stay; reaction opens an AEFI report (aefi required)',
  }),
  note: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
  aefi: Type.Optional(AefiDetails),
}, { additionalProperties: false });
export type EndObservationBody = Static<typeof EndObservationBody>;

export const EndedObservation = Type.Object({
  doseId: Uuid(),
  visitId: Uuid(),
  outcome: Type.String(),
  endedAt: Type.String(),
  note: Nullable(Type.String()),
  aefi: Nullable(AefiOutcome),
  repeat: Type.Boolean(),
});
export type EndedObservation = Static<typeof EndedObservation>;
