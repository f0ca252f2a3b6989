// Request and response shapes of adverse events following immunisation (AEFI) and their follow-ups.
import { type Static, Type } from 'typebox';
import { PageQuery, pageOf } from '../../platform/pagination.js';
import { Nullable, Uuid } from '../../platform/schemas.js';

const IsoTime = Type.String({ format: 'date-time' });

/** The value list of symptoms (after the Ministry's AEFI reporting form and the Brighton case definitions). */
export const AEFI_SYMPTOMS = [
  'injection_site_reaction', 'fever', 'headache', 'fatigue', 'myalgia', 'chills', 'nausea_vomiting', 'diarrhoea', 'dizziness', 'syncope',
  'rash', 'urticaria', 'angioedema', 'difficulty_breathing', 'anaphylaxis', 'hypotension', 'chest_pain', 'palpitations', 'seizure',
  'paralysis', 'thrombosis', 'bleeding', 'lymphadenopathy', 'other',
] as const;
export type AefiSymptom = (typeof AEFI_SYMPTOMS)[number];
/** Symptoms that make an event serious whatever else is said. */
export const SERIOUS_SYMPTOMS: readonly AefiSymptom[] = ['anaphylaxis', 'seizure', 'paralysis', 'thrombosis', 'hypotension', 'angioedema'];

export const Severity = Type.Union([Type.Literal('mild'), Type.Literal('serious')]);
export const AefiAction = Type.Union([Type.Literal('observed'), Type.Literal('treated_on_site'), Type.Literal('referred')]);
export const FollowUpStatus = Type.Union([Type.Literal('recovering'), Type.Literal('recovered'), Type.Literal('hospitalised'), Type.Literal('died'), Type.Literal('unknown')]);
export type FollowUpStatus = Static<typeof FollowUpStatus>;
export const AefiStatus = Type.Union([Type.Literal('reported'), FollowUpStatus]);

/** What is reported about the event itself (also sent when ending an observation with a reaction). */
const aefiDetailProperties = {
  id: Type.String({ format: 'uuid', description: "the client's id of this report: sending it again reports nothing new" }),
  onsetAt: IsoTime,
  severity: Severity,
  symptoms: Type.Array(Type.Unsafe<AefiSymptom>(Type.String({ enum: [...AEFI_SYMPTOMS] })), { minItems: 1, maxItems: AEFI_SYMPTOMS.length, uniqueItems: true }),
  description: Type.Optional(Type.String({ minLength: 1, maxLength: 2000, description: 'required with the symptom other' })),
  action: AefiAction,
  actionNote: Type.Optional(Type.String({ minLength: 1, maxLength: 1000, description: 'what was done (treatment given on site …)' })),
  hospital: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'required when referred' })),
};
export const AefiDetails = Type.Object(aefiDetailProperties, { additionalProperties: false });
export type AefiDetails = Static<typeof AefiDetails>;

export const CreateAefiBody = Type.Object({ doseId: Uuid(), ...aefiDetailProperties }, { additionalProperties: false });
export type CreateAefiBody = Static<typeof CreateAefiBody>;

export const FollowUpBody = Type.Object({
  id: Type.String({ format: 'uuid', description: "the client's id of this follow-up" }),
  status: FollowUpStatus,
  note: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
  observedAt: Type.Optional(IsoTime),
}, { additionalProperties: false });
export type FollowUpBody = Static<typeof FollowUpBody>;

export const AefiParams = Type.Object({ aefiId: Uuid() });
export const ReadQuery = Type.Object({ reason: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })) }, { additionalProperties: false });
export const AefiListQuery = Type.Object({
  unitCode: Type.Optional(Type.String({ pattern: '^[0-9]{2,5}$', description: "the site's unit (province, district or commune)" })),
  severity: Type.Optional(Severity),
  status: Type.Optional(AefiStatus),
  from: Type.Optional(Type.String({ format: 'date', description: 'reported on or after (Vietnam)' })),
  to: Type.Optional(Type.String({ format: 'date' })),
  reason: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
  ...PageQuery,
}, { additionalProperties: false });
export type AefiListQuery = Static<typeof AefiListQuery>;

export const FollowUp = Type.Object({ id: Uuid(), status: FollowUpStatus, note: Nullable(Type.String()), observedAt: Type.String(), recordedAt: Type.String(), recordedBy: Uuid() });
export type FollowUp = Static<typeof FollowUp>;

export const AefiReport = Type.Object({
  id: Uuid(),
  doseId: Uuid(),
  person: Type.Object({ id: Uuid(), fullName: Type.String(), birthYear: Type.Integer() }),
  siteId: Uuid(),
  siteName: Type.String(),
  unitCode: Type.String(),
  productCode: Type.String(),
  lotNumber: Type.String(),
  doseNumber: Type.Integer(),
  administeredAt: Type.String(),
  onsetAt: Type.String(),
  severity: Severity,
  symptoms: Type.Array(Type.String()),
  description: Nullable(Type.String()),
  action: AefiAction,
  actionNote: Nullable(Type.String()),
  hospital: Nullable(Type.String()),
  status: AefiStatus,
  reportedAt: Type.String(),
  reportedBy: Uuid(),
  updatedAt: Type.String(),
});
export type AefiReport = Static<typeof AefiReport>;
export const AefiDetail = Type.Intersect([AefiReport, Type.Object({ followUps: Type.Array(FollowUp) })]);
export type AefiDetail = Static<typeof AefiDetail>;
export const AefiOutcome = Type.Intersect([AefiDetail, Type.Object({ repeat: Type.Boolean() })]);
export type AefiOutcome = Static<typeof AefiOutcome>;
export const AefiPage = pageOf(AefiReport);

/** The live event of a serious AEFI (the stream is public: ids and units only, no personal data). */
export const AEFI_SERIOUS_EVENT = 'vaccination.aefi_serious';
