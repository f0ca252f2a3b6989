// Staff-side SQL of the outbox: lists in scope, retry, and the gateway's delivery reports.
import type { Queryable } from '../../db/database.js';
import { unitInScopeSql } from '../../platform/scope.js';
import type { Channel } from './config.js';
import type { ListMessagesQuery, NotificationMessage, Status } from './schema.js';

interface MessageRow {
  id: string;
  channel: Channel;
  recipient: string;
  person_id: string | null;
  scope_unit: string | null;
  template: string;
  locale: 'vi' | 'en';
  status: Status;
  attempts: number;
  next_attempt_at: Date;
  last_error: string | null;
  provider_ref: string | null;
  created_at: Date;
  sent_at: Date | null;
  delivered_at: Date | null;
  failed_at: Date | null;
}

// A message's scope: its person's commune (following the person), else the unit it was given.
const FROM = `FROM outbox_messages m LEFT JOIN people p ON p.id = m.person_id`;
const SCOPE_UNIT = `coalesce(p.commune_code, m.unit_code)`;
const COLUMNS = `m.id, m.channel, m.recipient, m.person_id, ${SCOPE_UNIT} AS scope_unit, m.template, m.locale, m.status, m.attempts,
  m.next_attempt_at, m.last_error, m.provider_ref, m.created_at, m.sent_at, m.delivered_at, m.failed_at`;

/** Staff see that a message went out and to whom roughly; the full number or address stays in the person's record. */
export function maskRecipient(channel: Channel, recipient: string): string {
  switch (channel) {
    case 'sms':
      return `${recipient.slice(0, 3)}${'•'.repeat(Math.max(recipient.length - 6, 0))}${recipient.slice(-3)}`;
    case 'email': {
      const at = recipient.lastIndexOf('@');
      return `${recipient.slice(0, 1)}•••${recipient.slice(at)}`;
    }
    case 'webpush':
      return recipient;
  }
}

/** A provider's error may repeat the number or address it refused: staff see it masked like the recipient. */
export function maskedError(error: string | null, channel: Channel, recipient: string): string | null {
  if (error === null || channel === 'webpush') return error;
  // Phones are stored as +84…; gateways also write them 84… or 0….
  const forms = channel === 'sms' ? [recipient, recipient.replace(/^\+/, ''), recipient.replace(/^\+84/, '0')] : [recipient];
  return forms.reduce((text, form) => text.split(form).join(maskRecipient(channel, recipient)), error);
}

function present(row: MessageRow): NotificationMessage {
  const iso = (value: Date | null) => value?.toISOString() ?? null;
  return {
    id: row.id, channel: row.channel, recipient: maskRecipient(row.channel, row.recipient), personId: row.person_id, unitCode: row.scope_unit,
    template: row.template, locale: row.locale, status: row.status, attempts: row.attempts,
    nextAttemptAt: row.status === 'queued' || row.status === 'sending' ? row.next_attempt_at.toISOString() : null,
    lastError: maskedError(row.last_error, row.channel, row.recipient), providerRef: row.provider_ref, createdAt: row.created_at.toISOString(),
    sentAt: iso(row.sent_at), deliveredAt: iso(row.delivered_at), failedAt: iso(row.failed_at),
  };
}

export async function listMessages(db: Queryable, scope: string | null, query: ListMessagesQuery & { limit: number; offset: number }) {
  const rows = await db.query<MessageRow & { total: number }>(
    `SELECT ${COLUMNS}, count(*) OVER ()::int AS total ${FROM}
      WHERE ${unitInScopeSql(SCOPE_UNIT, 1)}
        AND ($2::text IS NULL OR m.status = $2) AND ($3::text IS NULL OR m.channel = $3)
        AND ($4::text IS NULL OR m.template = $4) AND ($5::uuid IS NULL OR m.person_id = $5)
      ORDER BY m.created_at DESC, m.id
      LIMIT $6 OFFSET $7`,
    [scope, query.status ?? null, query.channel ?? null, query.template ?? null, query.personId ?? null, query.limit, query.offset],
  );
  return { items: rows.map(present), total: rows[0]?.total ?? 0 };
}

export async function findMessage(db: Queryable, id: string, scope: string | null, lock = false): Promise<NotificationMessage | null> {
  const [row] = await db.query<MessageRow>(`SELECT ${COLUMNS} ${FROM} WHERE m.id = $2 AND ${unitInScopeSql(SCOPE_UNIT, 1)}${lock ? ' FOR UPDATE OF m' : ''}`, [scope, id]);
  return row ? present(row) : null;
}

/** A failed message back in the queue with a fresh count of attempts. */
export async function requeue(tx: Queryable, id: string): Promise<NotificationMessage> {
  await tx.query(`UPDATE outbox_messages SET status = 'queued', attempts = 0, next_attempt_at = now(), last_error = NULL, failed_at = NULL,
    updated_at = now() WHERE id = $1`, [id]);
  return (await findMessage(tx, id, null))!;
}

/**
 * Applies a gateway's report. 'delivered' wins over any state but itself: the report may arrive
 * before the worker recorded 'sent', or after it gave up on a delivery that did get through.
 * 'failed' (undeliverable) only changes a message the gateway accepted and has not reported delivered.
 */
export async function applyReport(db: Queryable, match: { id: string | null; reference: string | null }, report: { status: 'delivered' | 'failed'; error: string | null }) {
  const where = `(($1::uuid IS NOT NULL AND id = $1) OR ($1::uuid IS NULL AND provider_ref = $2))`;
  const [updated] = report.status === 'delivered'
    ? await db.query<{ id: string; status: Status }>(`UPDATE outbox_messages SET status = 'delivered', delivered_at = now(), locked_by = NULL, updated_at = now()
        WHERE ${where} AND status <> 'delivered' RETURNING id, status`, [match.id, match.reference])
    : await db.query<{ id: string; status: Status }>(`UPDATE outbox_messages SET status = 'failed', failed_at = now(), last_error = $3, locked_by = NULL, updated_at = now()
        WHERE ${where} AND status IN ('sending', 'sent') RETURNING id, status`, [match.id, match.reference, `gateway report: ${report.error ?? 'undeliverable'}`]);
  if (updated) return updated;
  const [current] = await db.query<{ id: string; status: Status }>(`SELECT id, status FROM outbox_messages WHERE ${where} LIMIT 1`, [match.id, match.reference]);
  return current ?? null;
}
