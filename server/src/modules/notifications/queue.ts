// The worker's SQL: claim due messages under a lease, then settle each claim. The claim commits
// before delivery starts, so no row lock is held while a provider is slow; the lease (the message's
// next_attempt_at while it is 'sending') is what keeps other workers away, and its expiry is what
// hands a dead worker's messages to another.
import type { Queryable } from '../../db/database.js';
import type { Channel } from './config.js';
import type { Locale, Payload } from './templates.js';

export interface Claim {
  id: string;
  channel: Channel;
  recipient: string;
  template: string;
  locale: Locale;
  payload: Payload;
  /** The attempt this claim is: it fences the claim, so a worker whose lease expired cannot settle another's. */
  attempts: number;
}

/**
 * Takes up to `limit` due messages of these channels: queued ones whose back-off has passed and
 * 'sending' ones whose lease has expired (their worker died). SKIP LOCKED lets several workers
 * claim at once without waiting for each other or taking the same row.
 */
export async function claimDue(db: Queryable, options: { limit: number; leaseMs: number; workerId: string; channels: Channel[] }): Promise<Claim[]> {
  return db.query<Claim>(
    `UPDATE outbox_messages m
        SET status = 'sending', attempts = m.attempts + 1, locked_by = $3,
            next_attempt_at = now() + $2 * interval '1 millisecond', updated_at = now()
       FROM (SELECT id FROM outbox_messages
              WHERE status IN ('queued', 'sending') AND next_attempt_at <= now() AND channel = ANY ($4::text[])
              ORDER BY next_attempt_at
              LIMIT $1
              FOR UPDATE SKIP LOCKED) due
      WHERE m.id = due.id
      RETURNING m.id, m.channel, m.recipient, m.template, m.locale, m.payload, m.attempts`,
    [options.limit, options.leaseMs, options.workerId, options.channels],
  );
}

export type Outcome =
  | { kind: 'sent'; providerRef: string | null }
  | { kind: 'retry'; afterMs: number; error: string }
  | { kind: 'failed'; error: string };

/** Records the outcome of a claim; does nothing when the claim is no longer this worker's (lease expired and taken, or a delivery report came first). */
export async function settle(db: Queryable, claim: Pick<Claim, 'id' | 'attempts'>, outcome: Outcome): Promise<boolean> {
  const fence = `WHERE id = $1 AND status = 'sending' AND attempts = $2 RETURNING id`;
  let rows: unknown[];
  switch (outcome.kind) {
    case 'sent':
      rows = await db.query(`UPDATE outbox_messages SET status = 'sent', sent_at = now(), provider_ref = coalesce($3, provider_ref),
        last_error = NULL, locked_by = NULL, updated_at = now() ${fence}`, [claim.id, claim.attempts, outcome.providerRef]);
      break;
    case 'retry':
      rows = await db.query(`UPDATE outbox_messages SET status = 'queued', next_attempt_at = now() + $3 * interval '1 millisecond',
        last_error = $4, locked_by = NULL, updated_at = now() ${fence}`, [claim.id, claim.attempts, outcome.afterMs, outcome.error]);
      break;
    case 'failed':
      rows = await db.query(`UPDATE outbox_messages SET status = 'failed', failed_at = now(), last_error = $3,
        locked_by = NULL, updated_at = now() ${fence}`, [claim.id, claim.attempts, outcome.error]);
      break;
  }
  return rows.length > 0;
}

/** Due messages of a channel this worker cannot deliver keep waiting, with the reason shown to staff. */
export async function noteUnconfigured(db: Queryable, channel: Channel, reason: string): Promise<void> {
  await db.query(
    `UPDATE outbox_messages SET last_error = $2, updated_at = now()
      WHERE status = 'queued' AND channel = $1 AND next_attempt_at <= now() AND last_error IS DISTINCT FROM $2`,
    [channel, reason],
  );
}
