// Request and response shapes of a programme's rounds: coverage, who was missed, reminders.
import { Type, type Static } from 'typebox';
import { PageQuery } from '../../platform/pagination.js';
import { ROUND_REASONS } from './programmes.schema.js';
import { Nullable } from '../../platform/schemas.js';


export const RoundParams = Type.Object({
  id: Type.String({ format: 'uuid' }),
  n: Type.Integer({ minimum: 1, maximum: 100_000, description: 'round number, from 1' }),
});

export const ListRoundsQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000, default: 0 })),
});
export type ListRoundsQuery = Static<typeof ListRoundsQuery>;

export const Round = Type.Object({
  number: Type.Integer(),
  opensAt: Type.String({ format: 'date-time' }),
  closesAt: Type.String({ format: 'date-time', description: 'exclusive: a sample taken at this instant belongs to the next round' }),
  state: Type.Enum(['upcoming', 'open', 'closed'] as const),
  required: Type.Integer({ description: 'people who must be tested in this round (today\'s members or residents, age on the opening day)' }),
  tested: Type.Integer({ description: 'required people with a current result sampled in the window: negative, negative by representation, positive or retest pending (not invalid)' }),
  testedByRepresentation: Type.Integer({ description: 'of the tested, those covered only by a representative\'s sample' }),
  awaitingResults: Type.Integer({ description: 'sampled or represented in the window, the tube not resulted yet; not counted as missed' }),
  retestPending: Type.Integer(),
  positives: Type.Integer({ description: 'required people with a current positive result sampled in the window' }),
  missed: Type.Integer({ description: 'required − tested − awaitingResults' }),
  coverage: Nullable(Type.Number({ description: 'tested / required; null when nobody is required' })),
  remindersSent: Type.Integer({ description: 'people reminded in this round' }),
  verdict: Nullable(Type.Enum(['passed', 'failed', 'pending'] as const, { description: 'closed rounds only' })),
  reasons: Type.Array(Type.Enum(ROUND_REASONS)),
});
export type Round = Static<typeof Round>;

export const RoundPage = Type.Object({
  items: Type.Array(Round, { description: 'latest first: every round opened so far and the next one to open' }),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
  coverageTarget: Type.Number(),
});

export const MissedQuery = Type.Object({
  ...PageQuery,
  reason: Type.String({ minLength: 3, maxLength: 500, description: 'why the list of people is read: written to the audit log' }),
});
export type MissedQuery = Static<typeof MissedQuery>;

export const MissedPerson = Type.Object({
  personId: Type.String({ format: 'uuid' }),
  fullName: Type.String(),
  birthYear: Type.Integer(),
  communeCode: Type.String(),
  team: Nullable(Type.String({ description: 'organisation programmes: the person\'s team' })),
  phone: Nullable(Type.String({ description: 'masked: the last three digits' })),
  why: Type.Enum(['not_sampled', 'invalid_result'] as const, { description: 'invalid_result: sampled, but every result in the window was invalid' }),
  lastSampledAt: Nullable(Type.String({ format: 'date-time', description: 'their latest current result sampled before this round closed' })),
  remindedAt: Nullable(Type.String({ format: 'date-time' })),
});
export type MissedPerson = Static<typeof MissedPerson>;

export const MissedPage = Type.Object({
  items: Type.Array(MissedPerson, { description: 'by name' }),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
  round: Type.Object({ number: Type.Integer(), opensAt: Type.String({ format: 'date-time' }), closesAt: Type.String({ format: 'date-time' }), state: Type.Enum(['open', 'closed'] as const) }),
});

export const RemindersResult = Type.Object({
  round: Type.Integer(),
  dueBy: Type.String({ format: 'date-time', description: 'the round closes then' }),
  missed: Type.Integer({ description: 'people missed when the request ran' }),
  enqueued: Type.Integer({ description: 'new messages in the outbox' }),
  alreadyReminded: Type.Integer({ description: 'missed people reminded before in this round: nothing sent again' }),
  withoutPhone: Type.Integer({ description: 'missed people without a phone number: nothing sent' }),
});
export type RemindersResult = Static<typeof RemindersResult>;
