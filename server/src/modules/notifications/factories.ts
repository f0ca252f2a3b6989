// Small builders for the notification tests.
import { randomUUID } from 'node:crypto';
import type { Database } from '../../db/database.js';
import { type NotificationConfig, loadNotificationConfig } from './config.js';
import { type OutboxMessage, enqueue } from './outbox.js';

/** A valid exposure notice by SMS with a dedupe key of its own. */
export function buildMessage(overrides: Partial<OutboxMessage> = {}): OutboxMessage {
  return {
    dedupeKey: `test:${randomUUID()}`,
    channel: 'sms',
    recipient: '0912 345 678',
    template: 'exposure_notice',
    payload: { venueName: 'Chợ Vị Thanh', from: '2021-07-15T03:30:00Z', to: '2021-07-15T05:00:00Z' },
    ...overrides,
  };
}

/** Enqueues in a transaction of its own (a decision that commits). */
export function enqueued(db: Database, overrides: Partial<OutboxMessage> = {}) {
  return db.transaction((tx) => enqueue(tx, buildMessage(overrides)));
}

/** Worker settings for tests: short back-off and lease so retries happen within a test. */
export function testConfig(env: Record<string, string> = {}): NotificationConfig {
  return loadNotificationConfig({
    VIGIL_OUTBOX_INTERVAL_MS: '20', VIGIL_OUTBOX_RETRY_BASE_MS: '100', VIGIL_OUTBOX_RETRY_MAX_MS: '1000',
    VIGIL_OUTBOX_SEND_TIMEOUT_MS: '2000', VIGIL_OUTBOX_LEASE_MS: '6000', VIGIL_OUTBOX_MAX_ATTEMPTS: '3', ...env,
  });
}

export interface MessageState {
  status: string;
  attempts: number;
  last_error: string | null;
  provider_ref: string | null;
  next_attempt_at: Date;
}

export async function stateOf(db: Database, id: string): Promise<MessageState> {
  const [row] = await db.query<MessageState>('SELECT status, attempts, last_error, provider_ref, next_attempt_at FROM outbox_messages WHERE id = $1', [id]);
  if (!row) throw new Error(`no outbox message ${id}`);
  return row;
}
