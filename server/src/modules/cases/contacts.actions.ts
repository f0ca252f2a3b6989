// Review of a case's contacts in bulk: confirm as F1, reject, order tests, order quarantine, notify.
// All or nothing: one transaction; an id that is not a contact of the case is a 400 naming
// contactIds[i], a contact that cannot take the action a 409 naming it, and then nothing is changed
// and no message is queued. One audit row per contact: each is a decision about one person's
// health record, found later by that contact's id like any other change to it.
import type { Database, Queryable } from '../../db/database.js';
import { type Actor, requirePermission } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import { type FieldErrors, conflict, validationFailed, notFound } from '../../platform/errors.js';
import type { Permission } from '../../platform/roles.js';
import { todayInVietnam } from '../open/time.js';
import { notifyPerson } from './contacts.notify.js';
import { type ContactRow, exposuresOfContacts, lockContactsOfCase } from './contacts.repository.js';
import { followUpUntil } from './contacts.rules.js';
import type { ActionResult, ContactAction, ContactActionsBody, ContactActionsResult } from './contacts.schema.js';
import { cancelOpenOrders, upsertQuarantineOrder, upsertTestOrder } from './orders.repository.js';
import { CASES_WRITE, TRACING_RUN } from './permissions.js';
import { findCaseInScope } from './repository.js';

/** Tracers review candidates; orders and messages to the public are health officers' decisions. */
const PERMISSION: Record<ContactAction, Permission> = {
  confirm: TRACING_RUN, reject: TRACING_RUN, order_test: CASES_WRITE, order_quarantine: CASES_WRITE, notify: CASES_WRITE,
};

function bodyProblems(body: ContactActionsBody): FieldErrors {
  const fields: FieldErrors = {};
  body.contactIds.forEach((id, i) => {
    if (body.contactIds.indexOf(id) !== i) fields[`contactIds[${i}]`] = 'appears twice';
  });
  if (body.quarantine && body.action !== 'order_quarantine') fields.quarantine = 'only with action order_quarantine';
  if (body.test && body.action !== 'order_test') fields.test = 'only with action order_test';
  if (body.action === 'order_quarantine') {
    const q = body.quarantine;
    if (!q) fields.quarantine = 'required with action order_quarantine';
    else {
      if (q.to < q.from) fields['quarantine.to'] = 'must not be before quarantine.from';
      if (q.kind === 'facility' && !q.place?.trim()) fields['quarantine.place'] = 'name the facility';
    }
  }
  return fields;
}

interface Step { tx: Queryable; actor: Actor; body: ContactActionsBody; contact: ContactRow; refuse: (reason: string) => never }
type Outcome = Omit<ActionResult, 'contactId'> & { before?: Record<string, unknown>; after?: Record<string, unknown> };

const decision = (contact: ContactRow, status: string, until: string | null) => ({
  before: { status: contact.status, followUpUntil: contact.follow_up_until }, after: { status, followUpUntil: until },
});

async function confirm({ tx, actor, contact, refuse }: Step): Promise<Outcome> {
  if (contact.follow_up_outcome) refuse('follow-up has ended');
  if (contact.status === 'confirmed') return { status: 'confirmed', changed: false, orderId: null, messages: 0, note: null };
  const until = followUpUntil(contact.last_exposure_at);
  await tx.query(`UPDATE contacts SET status = 'confirmed', decided_by = $2, decided_at = now(), follow_up_until = $3, updated_at = now() WHERE id = $1`, [contact.id, actor.userId, until]);
  return { status: 'confirmed', changed: true, orderId: null, messages: 0, note: null, ...decision(contact, 'confirmed', until) };
}

/** A mistaken confirmation can be rejected while its follow-up is open; its open orders are cancelled with it. */
async function reject({ tx, actor, contact, refuse }: Step): Promise<Outcome> {
  if (contact.follow_up_outcome) refuse('follow-up has ended');
  if (contact.status === 'rejected') return { status: 'rejected', changed: false, orderId: null, messages: 0, note: null };
  await tx.query(`UPDATE contacts SET status = 'rejected', decided_by = $2, decided_at = now(), follow_up_until = NULL, updated_at = now() WHERE id = $1`, [contact.id, actor.userId]);
  const cancelled = await cancelOpenOrders(tx, contact.id);
  return { status: 'rejected', changed: true, orderId: null, messages: 0, note: cancelled ? `${cancelled} open order(s) cancelled` : null, ...decision(contact, 'rejected', null) };
}

async function orderTest({ tx, actor, body, contact, refuse }: Step): Promise<Outcome> {
  if (contact.status === 'rejected') refuse('rejected');
  if (contact.follow_up_outcome) refuse('follow-up has ended');
  const dueOn = body.test?.dueOn ?? todayInVietnam();
  const site = body.test?.site?.trim() || null;
  const order = await upsertTestOrder(tx, { contactId: contact.id, personId: contact.person_id, dueOn, site, note: body.note?.trim() || null, by: actor.userId });
  // the person is told where to go only when the order says where
  const sent = site
    ? await notifyPerson(tx, { personId: contact.person_id, phone: contact.phone, key: `test_order:${order.id}`, template: 'test_order', payload: { date: dueOn, site }, createdBy: actor.userId })
    : { messages: 0, reachable: true };
  return { status: contact.status, changed: order.created, orderId: order.id, messages: sent.messages, note: site ? unreachable(sent) : 'no site given: nobody told', after: { testOrder: { id: order.id, dueOn, site } } };
}

async function orderQuarantine({ tx, actor, body, contact, refuse }: Step): Promise<Outcome> {
  if (contact.status !== 'confirmed') refuse(`is ${contact.status}: confirm it first`);
  if (contact.follow_up_outcome) refuse('follow-up has ended');
  const q = body.quarantine!;
  const place = q.place?.trim() || contact.address || 'nơi cư trú';
  const order = await upsertQuarantineOrder(tx, {
    contactId: contact.id, personId: contact.person_id, kind: q.kind, place, startsOn: q.from, endsOn: q.to, note: body.note?.trim() || null, by: actor.userId,
  });
  // amended dates are a new message; the same order again is not
  const sent = await notifyPerson(tx, {
    personId: contact.person_id, phone: contact.phone, key: `quarantine_order:${order.id}:${q.from}:${q.to}:${q.kind}`, template: 'quarantine_order',
    payload: { kind: q.kind, place, startDate: q.from, endDate: q.to }, createdBy: actor.userId,
  });
  const before = order.before && { kind: order.before.kind, place: order.before.place, startsOn: order.before.starts_on, endsOn: order.before.ends_on };
  return {
    status: contact.status, changed: order.changed, orderId: order.id, messages: sent.messages, note: unreachable(sent),
    before: { quarantineOrder: before }, after: { quarantineOrder: { kind: q.kind, place, startsOn: q.from, endsOn: q.to } },
  };
}

/** The exposure notice names the venue and the time: only a contact found by place and time, exposed to the case itself, has one to tell. */
async function notify({ tx, actor, contact, refuse }: Step): Promise<Outcome> {
  if (contact.status === 'rejected') refuse('rejected');
  if (contact.follow_up_outcome) refuse('follow-up has ended');
  const base = { status: contact.status, changed: false, orderId: null, messages: 0 };
  if (contact.degree === 'F2') return { ...base, note: 'not sent: the outbox has no template for F2 contacts yet' };
  const latest = (await exposuresOfContacts(tx, [contact.id])).get(contact.id)?.sort((a, b) => b.last_overlap_end.getTime() - a.last_overlap_end.getTime())[0];
  if (!latest) return { ...base, note: `not sent: no place-and-time exposure to describe (found by ${contact.found_by})` };
  const sent = await notifyPerson(tx, {
    personId: contact.person_id, phone: contact.phone, key: `exposure:${contact.id}:${latest.venue_id}`, template: 'exposure_notice',
    payload: { venueName: latest.venue_name, from: latest.first_overlap_start.toISOString(), to: latest.last_overlap_end.toISOString() }, createdBy: actor.userId,
  });
  return { ...base, changed: sent.messages > 0, messages: sent.messages, note: unreachable(sent) };
}

const unreachable = (sent: { reachable: boolean }) => (sent.reachable ? null : 'not sent: no phone and no subscribed device');

const STEPS: Record<ContactAction, (step: Step) => Promise<Outcome>> = {
  confirm, reject, order_test: orderTest, order_quarantine: orderQuarantine, notify,
};

export async function actOnContacts(db: Database, actor: Actor, caseId: string, body: ContactActionsBody): Promise<ContactActionsResult> {
  requirePermission(actor, PERMISSION[body.action]);
  const problems = bodyProblems(body);
  if (Object.keys(problems).length > 0) throw validationFailed(problems);
  return db.transaction(async (tx) => {
    if (!(await findCaseInScope(tx, caseId, actor.unitCode, true))) throw notFound('case');
    const rows = new Map((await lockContactsOfCase(tx, caseId, body.contactIds)).map((row) => [row.id, row]));
    const unknown = Object.fromEntries(body.contactIds.flatMap((id, i) => (rows.has(id) ? [] : [[`contactIds[${i}]`, 'not a contact of this case']])));
    if (Object.keys(unknown).length > 0) throw validationFailed(unknown);
    const results: ActionResult[] = [];
    for (const [i, id] of body.contactIds.entries()) {
      const refuse = (reason: string): never => {
        throw conflict(`contact ${i + 1} cannot take ${body.action}: ${reason}`, { [`contactIds[${i}]`]: reason });
      };
      const { before, after, ...result } = await STEPS[body.action]({ tx, actor, body, contact: rows.get(id)!, refuse });
      await audit(tx, actor, {
        action: body.action, entity: 'contact', entityId: id, reason: body.note?.trim() || null,
        ...(before || after ? { before: before ?? null, after: after ?? null } : {}),
        detail: { caseId, changed: result.changed, orderId: result.orderId, messages: result.messages },
      });
      results.push({ contactId: id, ...result });
    }
    return { action: body.action, results };
  });
}
