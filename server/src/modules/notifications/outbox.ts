// What other modules call: enqueue(tx, message) writes a message into the outbox in the caller's
// transaction, so it is sent exactly when the decision that caused it commits.
import type { Queryable } from '../../db/database.js';
import { type FieldErrors, validationFailed } from '../../platform/errors.js';
import { normalisePhone } from '../people/identity.js';
import { CHANNELS, type Channel } from './config.js';
import { LOCALES, type Locale, type Payload, type TemplateName, payloadProblems } from './templates.js';

export interface OutboxMessage {
  /** The notice's identity, chosen by the caller (e.g. `exposure:<caseId>:<personId>:sms`): enqueued twice, it is one message. */
  dedupeKey: string;
  channel: Channel;
  /** sms: a Vietnamese phone number; email: an address; webpush: a push subscription id (see pushSubscriptionsOf). */
  recipient: string;
  personId?: string | null;
  /** The unit whose staff may see a message that has no person (a person's messages follow the person's commune). */
  unitCode?: string | null;
  template: TemplateName;
  /** Default 'vi'. */
  locale?: Locale;
  payload: Payload;
  /** The user whose decision caused it. */
  createdBy?: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@<>,;"]+@[^\s@<>,;"]+\.[^\s@<>,;"]+$/;

async function recipientOf(tx: Queryable, channel: Channel, recipient: string): Promise<string | string[]> {
  switch (channel) {
    case 'sms':
      return normalisePhone(recipient) ?? ['must be a Vietnamese phone number'];
    case 'email':
      return recipient.length <= 254 && EMAIL.test(recipient) ? recipient : ['must be an e-mail address'];
    case 'webpush': {
      if (!UUID.test(recipient)) return ['must be the id of a push subscription'];
      const rows = await tx.query('SELECT 1 FROM push_subscriptions WHERE id = $1', [recipient]);
      return rows.length > 0 ? recipient.toLowerCase() : ['is not a known push subscription'];
    }
  }
}

/**
 * Writes the message in the caller's transaction and returns its id; `created` is false when a
 * message with the same dedupe key exists (that one is kept as it is). Bad input is a 400 naming
 * the field (`payload.venueName`, `recipient` …), prefixed with `fieldPrefix` when given.
 */
export async function enqueue(tx: Queryable, message: OutboxMessage, fieldPrefix = ''): Promise<{ id: string; created: boolean }> {
  const problems: FieldErrors = {};
  if (!message.dedupeKey || message.dedupeKey.length > 200) problems.dedupeKey = 'must be 1 to 200 characters';
  const channelKnown = CHANNELS.includes(message.channel);
  if (!channelKnown) problems.channel = `must be one of ${CHANNELS.join(', ')}`;
  const locale = message.locale ?? 'vi';
  if (!LOCALES.includes(locale)) problems.locale = `must be one of ${LOCALES.join(', ')}`;
  Object.assign(problems, payloadProblems(message.template, message.payload));
  const recipient = channelKnown ? await recipientOf(tx, message.channel, message.recipient) : message.recipient;
  if (Array.isArray(recipient)) problems.recipient = recipient[0]!;
  if (Object.keys(problems).length > 0) {
    throw validationFailed(Object.fromEntries(Object.entries(problems).map(([field, reason]) => [`${fieldPrefix}${field}`, reason])));
  }
  const [inserted] = await tx.query<{ id: string }>(
    `INSERT INTO outbox_messages (dedupe_key, channel, recipient, person_id, unit_code, template, locale, payload, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (dedupe_key) DO NOTHING
     RETURNING id`,
    [message.dedupeKey, message.channel, recipient, message.personId ?? null, message.unitCode ?? null, message.template, locale,
      JSON.stringify(message.payload), message.createdBy ?? null],
  );
  if (inserted) return { id: inserted.id, created: true };
  const [existing] = await tx.query<{ id: string }>('SELECT id FROM outbox_messages WHERE dedupe_key = $1', [message.dedupeKey]);
  return { id: existing!.id, created: false };
}
