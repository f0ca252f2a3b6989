// Request and response shapes of testing programmes ("rounds", issue #7; contract: docs/API-TESTING.md).
import { Type, type Static } from 'typebox';
import { PageQuery } from '../../platform/pagination.js';
import { Nullable, Uuid } from '../../platform/schemas.js';

const Instant = (description: string) => Type.String({ format: 'date-time', description });
const Age = (description: string) => Type.Integer({ minimum: 0, maximum: 150, description });
const Teams = Type.Array(Type.String({ minLength: 1, maxLength: 100 }), {
  minItems: 1, maxItems: 50, uniqueItems: true, description: 'organisations only: the teams that must be tested (omit: every member)',
});

export const PROGRAMME_STATUSES = ['active', 'ended'] as const;
export const PROGRAMME_KINDS = ['organisation', 'area'] as const;
export const GREEN_STATUSES = ['green', 'not_green', 'pending'] as const;
export const ROUND_REASONS = ['positive', 'coverage_below_target', 'nobody_required', 'results_pending'] as const;

export const CreateProgrammeBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    organisationId: Type.Optional(Uuid('test this organisation\'s members; give this or communeCode')),
    communeCode: Type.Optional(Type.String({ pattern: '^[0-9]{5}$', description: 'test the people living in this commune; give this or organisationId' })),
    teams: Type.Optional(Teams),
    minAge: Type.Optional(Age('only people at least this old (whole years) on the day a round opens')),
    maxAge: Type.Optional(Age('only people at most this old on the day a round opens')),
    intervalHours: Type.Optional(Type.Integer({ minimum: 1, maximum: 720, default: 72, description: 'length of a round' })),
    startsAt: Instant('when round 1 opens'),
    endsAt: Type.Optional(Instant('no round opens at or after this time')),
    coverageTarget: Type.Optional(Type.Number({ minimum: 0.001, maximum: 1, default: 1, description: 'share of the required people to test in each round (kept to three decimals)' })),
  },
  { additionalProperties: false },
);
export type CreateProgrammeBody = Static<typeof CreateProgrammeBody>;

export const UpdateProgrammeBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    teams: Type.Optional(Nullable(Teams)),
    minAge: Type.Optional(Nullable(Age('null: no lower bound'))),
    maxAge: Type.Optional(Nullable(Age('null: no upper bound'))),
    intervalHours: Type.Optional(Type.Integer({ minimum: 1, maximum: 720, description: 'only before round 1 opens' })),
    startsAt: Type.Optional(Instant('only before round 1 opens')),
    endsAt: Type.Optional(Nullable(Instant('null: no end'))),
    coverageTarget: Type.Optional(Type.Number({ minimum: 0.001, maximum: 1 })),
    status: Type.Optional(Type.Enum(PROGRAMME_STATUSES, { description: 'ended: no further round opens (endsAt becomes now unless earlier)' })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateProgrammeBody = Static<typeof UpdateProgrammeBody>;

export const FailedRound = Type.Object({
  number: Type.Integer(),
  reasons: Type.Array(Type.Enum(ROUND_REASONS)),
  coverage: Nullable(Type.Number()),
  positives: Type.Integer(),
});

export const GreenStatus = Type.Object({
  status: Type.Enum(GREEN_STATUSES, { description: 'green: every closed round reached the target with no positive; not_green: a round failed; pending: no round closed yet, or results awaited' }),
  closedRounds: Type.Integer(),
  failedRoundCount: Type.Integer(),
  failedRounds: Type.Array(FailedRound, { description: 'latest first, at most 10' }),
  pendingRounds: Type.Array(Type.Integer()),
});

export const RoundRef = Type.Object({
  number: Type.Integer(),
  opensAt: Type.String({ format: 'date-time' }),
  closesAt: Type.String({ format: 'date-time' }),
});

export const Programme = Type.Object({
  id: Uuid(),
  name: Type.String(),
  kind: Type.Enum(PROGRAMME_KINDS),
  organisationId: Nullable(Uuid()),
  organisationName: Nullable(Type.String()),
  communeCode: Type.String({ description: 'the unit whose staff own the programme: the organisation\'s commune, or the area' }),
  teams: Nullable(Type.Array(Type.String())),
  minAge: Nullable(Type.Integer()),
  maxAge: Nullable(Type.Integer()),
  intervalHours: Type.Integer(),
  startsAt: Type.String({ format: 'date-time' }),
  endsAt: Nullable(Type.String({ format: 'date-time' })),
  coverageTarget: Type.Number(),
  status: Type.Enum(PROGRAMME_STATUSES),
  currentRound: Nullable(RoundRef),
  greenStatus: GreenStatus,
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type Programme = Static<typeof Programme>;

export const ListProgrammesQuery = Type.Object({
  ...PageQuery,
  status: Type.Optional(Type.Enum(PROGRAMME_STATUSES)),
  greenStatus: Type.Optional(Type.Enum(GREEN_STATUSES)),
  kind: Type.Optional(Type.Enum(PROGRAMME_KINDS)),
  organisationId: Type.Optional(Uuid()),
  communeCode: Type.Optional(Type.String({ pattern: '^[0-9]{2,5}$', description: 'a commune, district or province: the programmes inside it' })),
});
export type ListProgrammesQuery = Static<typeof ListProgrammesQuery>;

export const ProgrammeParams = Type.Object({ id: Uuid() });
