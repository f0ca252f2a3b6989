// Web Push subscriptions of the installed app. Public: the browser's endpoint URL is the
// subscription's identity, and a personal code (optional) links the device to its person.
import type { Database, Queryable } from '../../db/database.js';
import { CITIZEN_ACTOR } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import { type FieldErrors, validationFailed } from '../../platform/errors.js';
import { codeSigner } from '../checkins/codes.js';
import { personOfCode } from '../checkins/citizens.js';
import type { SubscribeBody } from './schema.js';

function base64urlBytes(value: string): number | null {
  return /^[A-Za-z0-9_-]+={0,2}$/.test(value) ? Buffer.from(value, 'base64url').length : null;
}

function subscriptionProblems(body: SubscribeBody, allowHttp: boolean): FieldErrors {
  const problems: FieldErrors = {};
  let url: URL | null = null;
  try {
    url = new URL(body.endpoint);
  } catch {
    problems.endpoint = 'must be a URL';
  }
  // Only push services over https: the worker POSTs to this URL, so plain http would let anyone aim it anywhere.
  if (url && url.protocol !== 'https:' && !(allowHttp && url.protocol === 'http:')) problems.endpoint = 'must be an https:// URL of a push service';
  // An uncompressed P-256 public key (65 bytes) and a 16-byte secret, as PushSubscription.toJSON() gives them.
  if (base64urlBytes(body.keys.p256dh) !== 65) problems['keys.p256dh'] = 'must be a base64url P-256 public key (65 bytes)';
  if (base64urlBytes(body.keys.auth) !== 16) problems['keys.auth'] = 'must be a base64url secret of 16 bytes';
  return problems;
}

/** Records (or renews) a subscription; subscribing again from the same browser updates its keys and language. */
export async function subscribe(db: Database, body: SubscribeBody, allowHttp: boolean): Promise<{ id: string; personLinked: boolean; created: boolean }> {
  const problems = subscriptionProblems(body, allowHttp);
  if (Object.keys(problems).length > 0) throw validationFailed(problems);
  const personId = body.personCode ? await personOfCode(db, await codeSigner(db), body.personCode, 'personCode') : null;
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ id: string; person_id: string | null; created: boolean }>(
      `INSERT INTO push_subscriptions (endpoint, p256dh, auth, person_id, locale) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (endpoint) DO UPDATE SET p256dh = excluded.p256dh, auth = excluded.auth,
         person_id = coalesce(excluded.person_id, push_subscriptions.person_id), locale = excluded.locale
       RETURNING id, person_id, (xmax = 0) AS created`,
      [body.endpoint, body.keys.p256dh, body.keys.auth, personId, body.locale ?? 'vi'],
    );
    await audit(tx, CITIZEN_ACTOR, { action: row!.created ? 'subscribe' : 'renew', entity: 'push_subscription', entityId: row!.id, detail: { personLinked: row!.person_id !== null } });
    return { id: row!.id, personLinked: row!.person_id !== null, created: row!.created };
  });
}

/** Forgets a subscription (the app turned notifications off). Unknown endpoints are fine: the result is the same. */
export async function unsubscribe(db: Database, endpoint: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx.query<{ id: string }>('DELETE FROM push_subscriptions WHERE endpoint = $1 RETURNING id', [endpoint]);
    if (row) await audit(tx, CITIZEN_ACTOR, { action: 'unsubscribe', entity: 'push_subscription', entityId: row.id });
  });
}

/** The subscriptions of a person with their language, for enqueueing one webpush message per device. */
export async function pushSubscriptionsOf(db: Queryable, personId: string): Promise<{ id: string; locale: 'vi' | 'en' }[]> {
  return db.query('SELECT id, locale FROM push_subscriptions WHERE person_id = $1 ORDER BY created_at', [personId]);
}
