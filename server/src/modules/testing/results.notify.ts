// Where results reach people through the notification outbox, in the transaction of the result:
// each person hears their own result (SMS to their phone, Web Push to the devices they subscribed),
// and the commune's health centre hears that a positive result proposes a case (no personal data in
// that message: staff open Vigil to see who).
import type { Queryable } from '../../db/database.js';
import { enqueue } from '../notifications/outbox.js';
import { type Payload, payloadProblems } from '../notifications/templates.js';
import { todayInVietnam } from '../open/time.js';
import { normalisePhone } from '../people/identity.js';
import type { TestType } from './collection.schema.js';
import type { PersonOutcome } from './propagate.js';

/** What a person is told: their outcome, or that they must be sampled again. Retests the lab makes from kept samples are silent. */
export type ToldResult = 'positive' | 'negative' | 'negative_by_representation' | 'resample';

export function toldResult(outcome: PersonOutcome, sampledAgain: boolean): ToldResult | null {
  switch (outcome) {
    case 'positive':
    case 'negative':
    case 'negative_by_representation':
      return outcome;
    case 'retest_pending':
    case 'invalid':
      return sampledAgain ? 'resample' : null;
  }
}

export interface ResultNotice {
  personResultId: string;
  personId: string;
  testType: TestType;
  sampledAt: Date;
  result: ToldResult;
}

interface Message {
  dedupeKey: string;
  channel: 'sms' | 'webpush';
  recipient: string;
  personId: string;
  locale: 'vi' | 'en';
  payload: Payload;
}

/**
 * The outbox's enqueue for many messages in one statement (a lab batch reaches thousands of
 * people): the same checks (template payload, recipient), the same dedupe key and ON CONFLICT. To
 * move into modules/notifications/outbox.ts as enqueueMany; until then it writes that module's table here.
 */
async function enqueueAll(tx: Queryable, messages: readonly Message[], createdBy: string): Promise<number> {
  if (messages.length === 0) return 0;
  for (const message of messages) {
    const problems = payloadProblems('test_result', message.payload);
    if (Object.keys(problems).length > 0) throw new Error(`test_result payload: ${JSON.stringify(problems)}`);
  }
  const rows = await tx.query(
    `INSERT INTO outbox_messages (dedupe_key, channel, recipient, person_id, unit_code, template, locale, payload, created_by)
     SELECT x.dedupe_key, x.channel, x.recipient, x.person_id, NULL, 'test_result', x.locale, x.payload::jsonb, $1
     FROM unnest($2::text[], $3::text[], $4::text[], $5::uuid[], $6::text[], $7::text[]) AS x (dedupe_key, channel, recipient, person_id, locale, payload)
     ON CONFLICT (dedupe_key) DO NOTHING
     RETURNING id`,
    [createdBy, messages.map((m) => m.dedupeKey), messages.map((m) => m.channel), messages.map((m) => m.recipient), messages.map((m) => m.personId),
      messages.map((m) => m.locale), messages.map((m) => JSON.stringify(m.payload))],
  );
  return rows.length;
}

/**
 * Each person's result, by SMS to their phone and by Web Push to each device that subscribed with
 * their personal code; the person result's id in the dedupe key makes a retried request send
 * nothing new. Returns the messages queued.
 */
export async function notifyResults(tx: Queryable, notices: readonly ResultNotice[], createdBy: string): Promise<number> {
  if (notices.length === 0) return 0;
  const personIds = [...new Set(notices.map((n) => n.personId))];
  const phones = new Map((await tx.query<{ id: string; phone: string | null }>('SELECT id, phone FROM people WHERE id = ANY ($1::uuid[])', [personIds])).map((row) => [row.id, row.phone]));
  const devices = await tx.query<{ id: string; person_id: string; locale: 'vi' | 'en' }>(
    'SELECT id, person_id, locale FROM push_subscriptions WHERE person_id = ANY ($1::uuid[]) ORDER BY created_at', [personIds],
  );
  const messages: Message[] = [];
  for (const notice of notices) {
    const payload = { testType: notice.testType, sampledOn: todayInVietnam(notice.sampledAt), result: notice.result };
    const key = `test_result:${notice.personResultId}`;
    const phone = normalisePhone(phones.get(notice.personId) ?? '');
    if (phone) messages.push({ dedupeKey: `${key}:sms`, channel: 'sms', recipient: phone, personId: notice.personId, locale: 'vi', payload });
    for (const device of devices.filter((d) => d.person_id === notice.personId)) {
      messages.push({ dedupeKey: `${key}:webpush:${device.id}`, channel: 'webpush', recipient: device.id, personId: notice.personId, locale: device.locale, payload });
    }
  }
  return enqueueAll(tx, messages, createdBy);
}

/**
 * Health staff to alert about a case proposal: the open health centres (places of kind
 * health_centre with a phone) of the person's commune, or of its district when the commune has none.
 */
async function healthCentresFor(tx: Queryable, communeCode: string): Promise<{ id: string; phone: string }[]> {
  return tx.query<{ id: string; phone: string }>(
    `WITH commune AS (SELECT code, parent_code FROM units WHERE code = $1),
          own AS (SELECT p.id, p.phone FROM places p, commune c WHERE p.commune_code = c.code AND p.kind = 'health_centre' AND p.status IN ('open', 'full') AND p.phone IS NOT NULL)
     SELECT id, phone FROM own
     UNION ALL
     SELECT p.id, p.phone FROM places p JOIN units u ON u.code = p.commune_code, commune c
     WHERE NOT EXISTS (SELECT 1 FROM own) AND u.parent_code = c.parent_code AND p.kind = 'health_centre' AND p.status IN ('open', 'full') AND p.phone IS NOT NULL`,
    [communeCode],
  );
}

export async function alertHealthStaff(tx: Queryable, proposal: { id: string; communeCode: string; testType: TestType; sampledAt: Date }, createdBy: string): Promise<number> {
  const [unit] = await tx.query<{ name: string }>('SELECT name FROM units WHERE code = $1', [proposal.communeCode]);
  const payload = { testType: proposal.testType, sampledOn: todayInVietnam(proposal.sampledAt), communeName: unit?.name ?? proposal.communeCode };
  let messages = 0;
  for (const centre of await healthCentresFor(tx, proposal.communeCode)) {
    // a health centre's phone that is not a Vietnamese number is skipped rather than failing the result
    const phone = normalisePhone(centre.phone);
    if (!phone) continue;
    const sent = await enqueue(tx, {
      dedupeKey: `case_proposal:${proposal.id}:${centre.id}:sms`, channel: 'sms', recipient: phone, unitCode: proposal.communeCode,
      template: 'case_proposal_alert', payload, createdBy,
    });
    if (sent.created) messages++;
  }
  return messages;
}
