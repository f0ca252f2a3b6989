// Shapes of public exposure notices (contract: docs/API-TRACING.md, "Public exposure notices").
// The public shape names a venue and a time window only: no case, no person, no publication time.
import { Type, type Static } from 'typebox';
import { Nullable, Uuid } from '../../platform/schemas.js';

const Instant = (description?: string) => Type.String({ format: 'date-time', ...(description ? { description } : {}) });

export const PublishNoticesBody = Type.Object({
  reason: Type.String({ minLength: 3, maxLength: 500, description: 'why: written to the audit log' }),
  marginMinutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 240, description: 'added before and after each visit; default 30' })),
}, { additionalProperties: false });
export type PublishNoticesBody = Static<typeof PublishNoticesBody>;

export const WithdrawNoticeBody = Type.Object({
  reason: Type.String({ minLength: 3, maxLength: 500, description: 'why: written to the audit log' }),
}, { additionalProperties: false });

/** What staff see of a notice. */
export const Notice = Type.Object({
  id: Uuid(),
  caseId: Uuid(),
  venueId: Uuid(),
  venueName: Type.String(),
  from: Instant('the case\'s visit start minus the margin'),
  to: Instant('the case\'s visit end plus the margin'),
  marginMinutes: Type.Integer(),
  status: Type.Enum(['active', 'withdrawn'] as const),
  publishedAt: Instant(),
  withdrawnAt: Nullable(Instant()),
  withdrawReason: Nullable(Type.String()),
});
export type Notice = Static<typeof Notice>;

export const NoticeList = Type.Object({ items: Type.Array(Notice) });
export const PublishResult = Type.Object({
  published: Type.Integer({ description: 'notices new in this publication' }),
  updated: Type.Integer({ description: 'active notices whose window changed (another margin)' }),
  items: Type.Array(Notice, { description: 'every notice of the case, withdrawn ones included' }),
});
export type PublishResult = Static<typeof PublishResult>;

/** ⚑ What anyone may read, and a citizen's device compares with its own check-ins. */
export const PublicNotice = Type.Object({
  id: Uuid(),
  venueId: Uuid(),
  venueName: Type.String(),
  address: Nullable(Type.String()),
  communeCode: Type.String(),
  location: Type.Object({ lat: Type.Number(), lon: Type.Number() }),
  from: Instant(),
  to: Instant(),
});
export type PublicNotice = Static<typeof PublicNotice>;

export const PublicNotices = Type.Object({
  days: Type.Integer({ description: 'notices whose window ended within this many days' }),
  items: Type.Array(PublicNotice, { description: 'latest first' }),
});
export type PublicNotices = Static<typeof PublicNotices>;
