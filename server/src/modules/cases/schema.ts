// Request and response shapes of cases and place-and-time tracing (contract: docs/API-TRACING.md).
// Shapes marked ⚑ are contracts of issue #6.
import { Type, type Static } from 'typebox';
import { PageQuery } from '../../platform/pagination.js';
import { Nullable, Uuid } from '../../platform/schemas.js';

const Instant = (description: string) => Type.String({ format: 'date-time', description });
const LocalDate = (description: string) => Type.String({ format: 'date', description });

export const CASE_SOURCES = ['community', 'in_quarantine', 'imported'] as const;
export const CASE_STATUSES = ['active', 'recovered', 'deceased'] as const;
export const CLASSIFICATIONS = ['suspected', 'confirmed'] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];
export type CaseStatus = (typeof CASE_STATUSES)[number];
export type Classification = (typeof CLASSIFICATIONS)[number];

const windowFields = {
  onsetDate: Type.Optional(Nullable(LocalDate('first day of symptoms (local date); omit when unknown or without symptoms'))),
  isolatedAt: Type.Optional(Nullable(Instant('when the case was isolated'))),
  infectiousFrom: Type.Optional(Instant('default: 2 days before onset, or before confirmation when onset is unknown')),
  infectiousTo: Type.Optional(Instant('default: isolation, or confirmation when not isolated')),
};

/** ⚑ `POST /api/v1/cases` */
export const CreateCaseBody = Type.Object(
  {
    personId: Uuid('the person (a merged record is forwarded to the one it was merged into)'),
    confirmedAt: Type.Optional(Nullable(Instant('when the case was confirmed; required unless classification is suspected'))),
    ...windowFields,
    source: Type.Enum(CASE_SOURCES, { description: 'community, in quarantine when found, or imported from another province' }),
    classification: Type.Optional(Type.Enum(CLASSIFICATIONS, { description: 'default confirmed' })),
    reportedAt: Type.Optional(Instant('when the case was reported; default now. A suspected case\'s window is counted from it')),
  },
  { additionalProperties: false },
);
export type CreateCaseBody = Static<typeof CreateCaseBody>;

/** Corrections and the course of a case. The infectious window is never recomputed: send it to change it. */
export const UpdateCaseBody = Type.Object(
  {
    status: Type.Optional(Type.Enum(CASE_STATUSES)),
    recoveredAt: Type.Optional(Nullable(Instant('required with status recovered'))),
    deceasedAt: Type.Optional(Nullable(Instant('required with status deceased'))),
    classification: Type.Optional(Type.Enum(CLASSIFICATIONS)),
    confirmedAt: Type.Optional(Nullable(Instant('required when classification becomes confirmed'))),
    source: Type.Optional(Type.Enum(CASE_SOURCES)),
    ...windowFields,
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateCaseBody = Static<typeof UpdateCaseBody>;

export const Case = Type.Object({
  id: Uuid(),
  personId: Uuid(),
  personName: Type.String(),
  classification: Type.Enum(CLASSIFICATIONS),
  reportedAt: Type.String({ format: 'date-time' }),
  confirmedAt: Nullable(Type.String({ format: 'date-time' })),
  onsetDate: Nullable(Type.String({ format: 'date' })),
  isolatedAt: Nullable(Type.String({ format: 'date-time' })),
  infectiousFrom: Type.String({ format: 'date-time' }),
  infectiousTo: Type.String({ format: 'date-time' }),
  source: Type.Enum(CASE_SOURCES),
  status: Type.Enum(CASE_STATUSES),
  recoveredAt: Nullable(Type.String({ format: 'date-time' })),
  deceasedAt: Nullable(Type.String({ format: 'date-time' })),
  communeCode: Type.String({ description: 'the unit whose staff own the case: the person\'s commune when it was created' }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type Case = Static<typeof Case>;

export const ListCasesQuery = Type.Object({
  ...PageQuery,
  status: Type.Optional(Type.Enum(CASE_STATUSES)),
  classification: Type.Optional(Type.Enum(CLASSIFICATIONS)),
  communeCode: Type.Optional(Type.String({ pattern: '^[0-9]{2,5}$', description: 'a commune, district or province: the cases inside it' })),
  personId: Type.Optional(Uuid()),
});
export type ListCasesQuery = Static<typeof ListCasesQuery>;

export const CaseParams = Type.Object({ id: Uuid() });
export const ReadCaseQuery = Type.Object({
  reason: Type.Optional(Type.String({ minLength: 1, maxLength: 500, description: 'why the record is opened; written to the audit log' })),
});

/** ⚑ `GET /api/v1/cases/{id}/exposures` */
export const ExposuresQuery = Type.Object({
  marginMinutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 240, default: 30, description: 'added before and after each of the case\'s visits' })),
  reason: Type.String({ minLength: 3, maxLength: 500, description: 'why presence data is traced: written to the audit log with the result count' }),
});
export type ExposuresQuery = Static<typeof ExposuresQuery>;

export const Exposure = Type.Object({
  personId: Uuid(),
  venueId: Uuid(),
  firstOverlapStart: Type.String({ format: 'date-time', description: 'start of the earliest overlap of this person\'s visits with the case\'s visits widened by the margin' }),
  lastOverlapEnd: Type.String({ format: 'date-time', description: 'end of the latest such overlap' }),
  overlapMinutes: Type.Integer({ minimum: 1, description: 'length of the union of the overlaps, in minutes rounded up' }),
});
export type Exposure = Static<typeof Exposure>;

export const ExposuresResult = Type.Object({
  items: Type.Array(Exposure, { description: 'one per exposed person and venue; longest overlap first' }),
  caseId: Uuid(),
  infectiousFrom: Type.String({ format: 'date-time' }),
  infectiousTo: Type.String({ format: 'date-time' }),
  marginMinutes: Type.Integer(),
  exposureVisits: Type.Integer({ description: 'the case\'s visits that intersect its infectious window' }),
});
export type ExposuresResult = Static<typeof ExposuresResult>;
