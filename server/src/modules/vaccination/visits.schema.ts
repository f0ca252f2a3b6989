// Request and response shapes of a visit at a vaccination site: the check-in and what it shows the
// vaccinator (the person, their doses, the next dose, today's booking, the screening, the dose).
import { type Static, Type } from 'typebox';
import { Dose } from './doses.schema.js';
import { Screening } from './screening.schema.js';
import { Nullable, Uuid } from '../../platform/schemas.js';


export const CheckInBody = Type.Object({
  id: Type.String({ format: 'uuid', description: "the client's id of this visit: sending it again checks nobody in twice" }),
  siteId: Uuid(),
  personCode: Type.Optional(Type.String({ minLength: 1, maxLength: 300, description: 'the personal QR code (or the URL it carries)' })),
  nationalId: Type.Optional(Type.String({ pattern: '^[0-9]{12}$' })),
  personId: Type.Optional(Uuid()),
}, { additionalProperties: false, description: 'exactly one of personCode, nationalId, personId' });
export type CheckInBody = Static<typeof CheckInBody>;

export const VisitParams = Type.Object({ visitId: Uuid() });
export const VisitQuery = Type.Object({ reason: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })) }, { additionalProperties: false });

export const NextDose = Type.Object({
  status: Type.Union([Type.Literal('due'), Type.Literal('none')], { description: 'none: no further dose is configured (reason says why)' }),
  doseNumber: Type.Integer(),
  kind: Type.Union([Type.Literal('primary'), Type.Literal('booster')]),
  seriesProductCode: Nullable(Type.String()),
  earliestDate: Type.Optional(Type.String({ description: 'YYYY-MM-DD in Vietnam' })),
  dueToday: Type.Optional(Type.Boolean()),
  products: Type.Optional(Type.Array(Type.String(), { description: 'products that may be given as this dose' })),
  reason: Type.Optional(Type.String()),
});

export const TodaysBooking = Type.Object({
  id: Uuid(),
  sessionId: Uuid(),
  sessionDate: Type.String(),
  productCode: Type.String(),
  slotStartsAt: Nullable(Type.String()),
  slotEndsAt: Nullable(Type.String()),
  status: Type.String({ description: 'attended once the person is checked in' }),
});
export type TodaysBooking = Static<typeof TodaysBooking>;

export const Visit = Type.Object({
  id: Uuid(),
  siteId: Uuid(),
  siteName: Type.String(),
  checkedInAt: Type.String(),
  identifiedBy: Type.Union([Type.Literal('personal_code'), Type.Literal('national_id'), Type.Literal('person_id')]),
  person: Type.Object({ id: Uuid(), fullName: Type.String(), birthYear: Type.Integer(), sex: Nullable(Type.String()) }),
  doses: Type.Array(Dose),
  primarySeriesComplete: Type.Boolean(),
  next: NextDose,
  booking: Nullable(TodaysBooking),
  screening: Nullable(Screening),
  doseId: Nullable(Uuid()),
});
export type Visit = Static<typeof Visit>;
export const VisitOutcome = Type.Intersect([Visit, Type.Object({ repeat: Type.Boolean({ description: 'true: this visit id was already checked in' }) })]);
export type VisitOutcome = Static<typeof VisitOutcome>;

export const SiteVisitsParams = Type.Object({ siteId: Uuid() });
export const SiteVisitsQuery = Type.Object({
  stage: Type.Optional(Type.Union([Type.Literal('waiting'), Type.Literal('all')], { description: 'waiting (default): checked in today, no dose yet; all: every visit of today' })),
  reason: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
}, { additionalProperties: false });
export type SiteVisitsQuery = Static<typeof SiteVisitsQuery>;
export const SiteVisitItem = Type.Object({
  id: Uuid(),
  person: Type.Object({ id: Uuid(), fullName: Type.String(), birthYear: Type.Integer() }),
  checkedInAt: Type.String(),
  screeningOutcome: Nullable(Type.Union([Type.Literal('vaccinate'), Type.Literal('postpone'), Type.Literal('refer')])),
  doseId: Nullable(Uuid()),
});
export type SiteVisitItem = Static<typeof SiteVisitItem>;
export const SiteVisitList = Type.Object({ siteId: Uuid(), date: Type.String(), items: Type.Array(SiteVisitItem) });
export type SiteVisitList = Static<typeof SiteVisitList>;
