// Web Push to the installed app: web-push encrypts the payload for the browser (aes128gcm) and
// signs the VAPID header; we send the request ourselves with fetch, bounded by the worker's timeout.
// The outbox id is the Topic (a push service keeps one pending message per topic, so a retry replaces
// an undelivered first copy) and the notification tag in the payload (the app shows one per tag).
import webpush from 'web-push';
import type { Queryable } from '../../../db/database.js';
import { DeliveryError, type Sender, networkError, retryableStatus } from './sender.js';

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

/** Generated once and kept in `settings`, like the token key: every node signs with the same keys, and subscriptions survive restarts. */
export async function vapidKeys(db: Queryable): Promise<VapidKeys> {
  await db.query(`INSERT INTO settings (key, value) VALUES ('vapid_keys', $1) ON CONFLICT (key) DO NOTHING`, [JSON.stringify(webpush.generateVAPIDKeys())]);
  const [row] = await db.query<{ value: string }>(`SELECT value FROM settings WHERE key = 'vapid_keys'`);
  return JSON.parse(row!.value) as VapidKeys;
}

/** What the app's service worker receives (decrypted). */
export interface PushPayload {
  id: string;
  tag: string;
  template: string;
  title: string;
  body: string;
  lang: string;
}

/** A day: a notice older than that is stale; the push service drops it rather than deliver it late. */
const TTL_SECONDS = 24 * 3600;

export function webPushSender(db: Queryable, subject: string): Sender {
  let keys: Promise<VapidKeys> | undefined;
  return {
    async send(delivery, signal) {
      const [subscription] = await db.query<{ endpoint: string; p256dh: string; auth: string }>(
        'SELECT endpoint, p256dh, auth FROM push_subscriptions WHERE id = $1', [delivery.recipient]);
      if (!subscription) throw new DeliveryError('the push subscription was removed (the app unsubscribed or the browser dropped it)', true);
      keys ??= vapidKeys(db);
      const { publicKey, privateKey } = await keys;
      const payload: PushPayload = {
        id: delivery.id, tag: delivery.id, template: delivery.template, title: delivery.message.title, body: delivery.message.body, lang: delivery.locale,
      };
      const request = webpush.generateRequestDetails(
        { endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } },
        JSON.stringify(payload),
        { vapidDetails: { subject, publicKey, privateKey }, TTL: TTL_SECONDS, topic: delivery.id.replace(/-/g, ''), urgency: 'high', contentEncoding: 'aes128gcm' },
      );
      let response: Response;
      try {
        response = await fetch(request.endpoint, { method: request.method, headers: request.headers, body: request.body, signal });
        await response.arrayBuffer();
      } catch (error) {
        throw networkError(error, 'push service');
      }
      if (response.status === 404 || response.status === 410) {
        // The browser unsubscribed or the subscription expired: it will never work again.
        await db.query('DELETE FROM push_subscriptions WHERE id = $1', [delivery.recipient]);
        throw new DeliveryError(`push service answered ${response.status}: the subscription has expired and was removed`, true);
      }
      if (!response.ok) throw new DeliveryError(`push service answered ${response.status}`, !retryableStatus(response.status));
      await db.query('UPDATE push_subscriptions SET last_used_at = now() WHERE id = $1', [delivery.recipient]);
      return { providerRef: response.headers.get('location') };
    },
    close() {},
  };
}
