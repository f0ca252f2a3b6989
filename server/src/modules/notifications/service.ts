// Staff and gateway actions on the outbox: permission and scope first, then the work.
import { timingSafeEqual } from 'node:crypto';
import type { Database } from '../../db/database.js';
import { type Actor, requirePermission } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import { conflict, notFound, unauthorized, validationFailed } from '../../platform/errors.js';
import { type Page, pageParams } from '../../platform/pagination.js';
import { NOTIFICATIONS_READ, NOTIFICATIONS_SEND } from './permissions.js';
import * as repo from './repository.js';
import type { DeliveryReportBody, ListMessagesQuery, NotificationMessage } from './schema.js';

/** Messages in the actor's scope, newest first. Which messages a person got is health information: the read is audited with its filters and count. */
export async function listMessages(db: Database, actor: Actor, query: ListMessagesQuery): Promise<Page<NotificationMessage>> {
  requirePermission(actor, NOTIFICATIONS_READ);
  const page = pageParams(query);
  const { items, total } = await repo.listMessages(db, actor.unitCode, { ...query, ...page });
  const { limit: _l, offset: _o, ...filters } = query;
  await audit(db, actor, { action: 'read', entity: 'notification', entityId: query.personId ?? null, detail: { filters, count: items.length } });
  return { items, total, ...page };
}

/** Puts a failed message back in the queue (after the number or the gateway was fixed). */
export async function retryMessage(db: Database, actor: Actor, id: string): Promise<NotificationMessage> {
  requirePermission(actor, NOTIFICATIONS_SEND);
  return db.transaction(async (tx) => {
    const message = await repo.findMessage(tx, id, actor.unitCode, true);
    if (!message) throw notFound('notification');
    if (message.status !== 'failed') throw conflict(`only a failed message can be sent again; this one is ${message.status}`, { status: `is ${message.status}` });
    const after = await repo.requeue(tx, id);
    await audit(tx, actor, { action: 'retry', entity: 'notification', entityId: id, before: { status: message.status, lastError: message.lastError }, after: { status: after.status, lastError: null } });
    return after;
  });
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A delivery report from the SMS gateway, authenticated by the shared secret. */
export async function reportDelivery(db: Database, secret: string | null, given: string | undefined, report: DeliveryReportBody) {
  if (!secret) throw unauthorized('delivery reports are not enabled (VIGIL_SMS_REPORT_SECRET is not set)');
  if (!given || !sameSecret(given, secret)) throw unauthorized('the report secret is missing or wrong');
  if (!report.id && !report.reference) throw validationFailed({ id: 'id or reference is required' });
  const result = await repo.applyReport(db, { id: report.id ?? null, reference: report.id ? null : report.reference ?? null }, { status: report.status, error: report.error ?? null });
  if (!result) throw notFound('notification');
  return result;
}
