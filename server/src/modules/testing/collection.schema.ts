// Request and response shapes of collection: sessions, samples, tubes and labels (contract:
// docs/API-TESTING.md, "Collection"). The web app mirrors Session, Tube and TubeMember.
import { Type, type Static } from 'typebox';
import { PageQuery } from '../../platform/pagination.js';
import { Nullable, Uuid } from '../../platform/schemas.js';

const Instant = (description?: string) => Type.String({ format: 'date-time', ...(description ? { description } : {}) });

export const TEST_TYPES = ['rt_pcr', 'rapid_antigen'] as const;
export const SESSION_MODES = ['individual', 'pooled', 'household_representative', 'organisation_representative'] as const;
export const POOLINGS = ['lab_aliquot', 'collection_swab'] as const;
export const SESSION_STATUSES = ['open', 'closed'] as const;
export const TUBE_KINDS = ['individual', 'pool', 'representative'] as const;
export const TUBE_ORIGINS = ['collected', 'aliquot', 'resample'] as const;
export const TUBE_STATUSES = ['planned', 'collecting', 'sealed', 'received', 'resulted'] as const;
export const MEMBER_ROLES = ['sampled', 'represented'] as const;
export type TestType = (typeof TEST_TYPES)[number];
export type SessionMode = (typeof SESSION_MODES)[number];
export type Pooling = (typeof POOLINGS)[number];
export type TubeKind = (typeof TUBE_KINDS)[number];
export type TubeStatus = (typeof TUBE_STATUSES)[number];
export type MemberRole = (typeof MEMBER_ROLES)[number];

const TeamNames = Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 50, description: 'who samples: names or team labels' });
/** Printed codes and the lab's own tubes: letters, digits and dashes. */
export const Barcode = Type.String({ pattern: '^[A-Za-z0-9-]{4,40}$', description: 'the tube\'s barcode (a Vigil code VG + 10 digits must have its check digit right)' });

// ---- sessions

/** ⚑ `POST /api/v1/testing/sessions` */
export const CreateSessionBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    placeId: Type.Optional(Uuid('the testing site')),
    organisationId: Type.Optional(Uuid('the organisation sampled; required for organisation_representative')),
    communeCode: Type.String({ pattern: '^[0-9]{5}$', description: 'the commune whose staff own the session and its tubes' }),
    startsAt: Instant(),
    endsAt: Instant('after startsAt'),
    team: Type.Optional(TeamNames),
    testType: Type.Enum(TEST_TYPES),
    mode: Type.Enum(SESSION_MODES),
    pooling: Type.Optional(Type.Enum(POOLINGS, { description: 'required for pooled sessions; how a positive pool is retested' })),
    highRisk: Type.Optional(Type.Boolean({ description: 'a high-risk area: pools are capped at VIGIL_POOL_CAP_HIGH_RISK' })),
    poolCap: Type.Optional(Type.Integer({ minimum: 1, maximum: 64, description: 'most people sampled into one tube; default and upper limit from the configured caps' })),
  },
  { additionalProperties: false },
);
export type CreateSessionBody = Static<typeof CreateSessionBody>;

/** Close (or reopen) a session, or correct its name, times and team. */
export const UpdateSessionBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    startsAt: Type.Optional(Instant()),
    endsAt: Type.Optional(Instant()),
    team: Type.Optional(TeamNames),
    status: Type.Optional(Type.Enum(SESSION_STATUSES, { description: 'closed: no more samples are taken into its tubes' })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateSessionBody = Static<typeof UpdateSessionBody>;

export const Session = Type.Object({
  id: Uuid(),
  name: Type.String(),
  placeId: Nullable(Uuid()),
  organisationId: Nullable(Uuid()),
  communeCode: Type.String(),
  startsAt: Instant(),
  endsAt: Instant(),
  team: Type.Array(Type.String()),
  testType: Type.Enum(TEST_TYPES),
  mode: Type.Enum(SESSION_MODES),
  pooling: Nullable(Type.Enum(POOLINGS)),
  highRisk: Type.Boolean(),
  poolCap: Type.Integer(),
  status: Type.Enum(SESSION_STATUSES),
  createdAt: Instant(),
  updatedAt: Instant(),
});
export type Session = Static<typeof Session>;

export const HouseholdShortOfRepresentatives = Type.Object({
  householdId: Uuid(),
  size: Type.Integer({ description: 'members of the household' }),
  representatives: Type.Array(Uuid(), { description: 'its members sampled as representatives in this session so far' }),
});
export type HouseholdShortOfRepresentatives = Static<typeof HouseholdShortOfRepresentatives>;

export const SessionCounts = Type.Object({
  tubes: Type.Object(Object.fromEntries(TUBE_STATUSES.map((status) => [status, Type.Integer()])) as Record<TubeStatus, ReturnType<typeof Type.Integer>>),
  peopleSampled: Type.Integer({ description: 'distinct people sampled into the session\'s tubes' }),
  peopleRepresented: Type.Integer({ description: 'distinct people represented and not sampled themselves' }),
  householdsNeedingSecondRepresentative: Type.Array(HouseholdShortOfRepresentatives, { description: 'households of five or more with one representative so far' }),
});
export type SessionCounts = Static<typeof SessionCounts>;

export const SessionDetail = Type.Object({ ...Session.properties, counts: SessionCounts });
export type SessionDetail = Static<typeof SessionDetail>;

export const ListSessionsQuery = Type.Object({
  ...PageQuery,
  communeCode: Type.Optional(Type.String({ pattern: '^[0-9]{2,5}$', description: 'a commune, district or province: the sessions inside it' })),
  status: Type.Optional(Type.Enum(SESSION_STATUSES)),
  date: Type.Optional(Type.String({ format: 'date', description: 'sessions running on that day (Asia/Ho_Chi_Minh)' })),
  organisationId: Type.Optional(Uuid()),
});
export type ListSessionsQuery = Static<typeof ListSessionsQuery>;

export const SessionParams = Type.Object({ id: Uuid() });

export const SessionTubesQuery = Type.Object({ ...PageQuery, status: Type.Optional(Type.Enum(TUBE_STATUSES)) }, { additionalProperties: false });
export type SessionTubesQuery = Static<typeof SessionTubesQuery>;

// ---- samples

export const WalkIn = Type.Object(
  {
    fullName: Type.String({ minLength: 1, maxLength: 200 }),
    birthYear: Type.Integer({ minimum: 1890, maximum: 2200 }),
    phone: Type.Optional(Type.String({ maxLength: 32 })),
    nationalId: Type.Optional(Type.String({ maxLength: 32 })),
    communeCode: Type.String({ pattern: '^[0-9]{5}$', description: 'where the person lives' }),
    address: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false, description: 'someone without a record: found by national ID, or phone, birth year and name; registered otherwise' },
);
export type WalkIn = Static<typeof WalkIn>;

/** ⚑ One scan: a person sampled into a tube. Exactly one of personId, personCode, nationalId, walkIn. */
export const SampleItem = Type.Object(
  {
    id: Uuid('made by the collector\'s phone; sending it again changes nothing'),
    sessionId: Uuid(),
    tubeBarcode: Barcode,
    personId: Type.Optional(Uuid()),
    personCode: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'the signed personal QR code' })),
    nationalId: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
    walkIn: Type.Optional(WalkIn),
    sampledAt: Instant(),
    represents: Type.Optional(Type.Array(Uuid(), { maxItems: 64, description: 'representative modes: the people this member stands for' })),
    team: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'organisation mode: the team represented (default: the member\'s team)' })),
  },
  { additionalProperties: false },
);
export type SampleItem = Static<typeof SampleItem>;

export const SampleBatchBody = Type.Object({ items: Type.Array(SampleItem, { minItems: 1, maxItems: 1000 }) }, { additionalProperties: false });
export type SampleBatchBody = Static<typeof SampleBatchBody>;

export const SampleOutcome = Type.Object({
  id: Uuid(),
  tubeId: Uuid(),
  tubeBarcode: Type.String(),
  personId: Uuid(),
  role: Type.Enum(MEMBER_ROLES),
  repeat: Type.Boolean({ description: 'the id was already stored (or removed as a wrong scan): nothing changed' }),
});

export const SampleResult = Type.Object({
  accepted: Type.Integer(),
  repeats: Type.Integer(),
  items: Type.Array(SampleOutcome, { description: 'one per item, in order' }),
  householdsNeedingSecondRepresentative: Type.Array(HouseholdShortOfRepresentatives),
});
export type SampleResult = Static<typeof SampleResult>;

// ---- tubes

export const TubeMember = Type.Object({
  personId: Uuid(),
  fullName: Type.String(),
  birthYear: Type.Integer(),
  role: Type.Enum(MEMBER_ROLES),
  representedBy: Nullable(Uuid()),
  householdId: Nullable(Uuid()),
  organisationId: Nullable(Uuid()),
  team: Nullable(Type.String()),
  sampledAt: Nullable(Instant()),
  recordedAt: Instant(),
});
export type TubeMember = Static<typeof TubeMember>;

export const Tube = Type.Object({
  id: Uuid(),
  barcode: Type.String(),
  sessionId: Uuid(),
  communeCode: Type.String(),
  kind: Type.Enum(TUBE_KINDS),
  origin: Type.Enum(TUBE_ORIGINS),
  parentTubeId: Nullable(Uuid()),
  capacity: Type.Integer({ description: 'most people sampled into it' }),
  status: Type.Enum(TUBE_STATUSES),
  sampled: Type.Integer({ description: 'people sampled into it' }),
  represented: Type.Integer({ description: 'people represented by those sampled' }),
  openedAt: Instant(),
  sealedAt: Nullable(Instant()),
  receivedAt: Nullable(Instant()),
  resultedAt: Nullable(Instant()),
});
export type Tube = Static<typeof Tube>;

export const TubeDetail = Type.Object({ ...Tube.properties, session: Session, members: Type.Array(TubeMember) });
export type TubeDetail = Static<typeof TubeDetail>;

export const TubeParams = Type.Object({ barcode: Barcode });
export const TubeMemberParams = Type.Object({ barcode: Barcode, personId: Uuid() });
export const ReadTubeQuery = Type.Object({
  reason: Type.Optional(Type.String({ minLength: 1, maxLength: 500, description: 'why the members are looked at; written to the audit log' })),
});

// ---- labels

export const LabelsBody = Type.Object(
  {
    count: Type.Integer({ minimum: 1, maximum: 400, description: 'labels to print: fresh codes, never issued before' }),
    kind: Type.Enum(['tube', 'pool'] as const, { description: 'printed under each code: a single-sample tube or a pool' }),
  },
  { additionalProperties: false },
);
export type LabelsBody = Static<typeof LabelsBody>;
