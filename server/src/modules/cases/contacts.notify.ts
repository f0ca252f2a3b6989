// The one place where contacts reach the notification outbox (modules/notifications): messages are
// written in the caller's transaction, so they exist exactly when the decision that caused them commits.
import type { Queryable } from '../../db/database.js';
import { enqueue } from '../notifications/outbox.js';
import { pushSubscriptionsOf } from '../notifications/push.js';
import type { Payload, TemplateName } from '../notifications/templates.js';
import { normalisePhone } from '../people/identity.js';

export interface Notice {
  personId: string;
  phone: string | null;
  /** the message's identity without its channel: the same notice enqueued again is not sent twice */
  key: string;
  template: TemplateName;
  payload: Payload;
  createdBy: string;
}

/**
 * One message per way the person can be reached: an SMS to their phone, a Web Push to each device
 * that subscribed with their personal code. Returns the number of new messages and whether the
 * person could be reached at all.
 */
export async function notifyPerson(tx: Queryable, notice: Notice): Promise<{ messages: number; reachable: boolean }> {
  const base = { personId: notice.personId, template: notice.template, payload: notice.payload, createdBy: notice.createdBy };
  let messages = 0;
  let reachable = false;
  const phone = notice.phone ? normalisePhone(notice.phone) : null;
  if (phone) {
    reachable = true;
    if ((await enqueue(tx, { ...base, channel: 'sms', recipient: phone, dedupeKey: `${notice.key}:sms` })).created) messages++;
  }
  for (const device of await pushSubscriptionsOf(tx, notice.personId)) {
    reachable = true;
    const message = { ...base, channel: 'webpush' as const, recipient: device.id, locale: device.locale, dedupeKey: `${notice.key}:webpush:${device.id}` };
    if ((await enqueue(tx, message)).created) messages++;
  }
  return { messages, reachable };
}
