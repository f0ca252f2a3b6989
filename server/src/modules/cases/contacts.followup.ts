// Follow-up of a confirmed contact: a check a day (symptoms, temperature) and how it ended.
import type { Database } from '../../db/database.js';
import { type Actor, can, requirePermission } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import { conflict, invalidField, notFound } from '../../platform/errors.js';
import { todayInVietnam } from '../open/time.js';
import * as repo from './contacts.repository.js';
import type { CheckBody, ContactCheck, ContactDetail, EndFollowUpBody } from './contacts.schema.js';
import { closeOpenOrders, ordersOf, upsertCheck } from './orders.repository.js';
import { CASES_WRITE, TRACING_RUN } from './permissions.js';

/** Tracers and commune health staff call the contact each day and record what they hear. */
export async function recordCheck(db: Database, actor: Actor, contactId: string, body: CheckBody): Promise<ContactCheck> {
  requirePermission(actor, TRACING_RUN);
  const checkedOn = body.checkedOn ?? todayInVietnam();
  if (checkedOn > todayInVietnam()) throw invalidField('checkedOn', 'must not be in the future');
  return db.transaction(async (tx) => {
    const contact = await repo.findContactInScope(tx, contactId, actor.unitCode, true);
    if (!contact) throw notFound('contact');
    if (contact.status !== 'confirmed') throw conflict(`a ${contact.status} contact is not followed up; confirm it first`);
    if (contact.follow_up_outcome) throw conflict('follow-up has ended');
    const symptoms = [...new Set(body.symptoms.map((s) => s.trim()).filter(Boolean))];
    const { check, created } = await upsertCheck(tx, {
      contactId, checkedOn, symptoms, temperatureC: body.temperatureC ?? null, note: body.note?.trim() || null, by: actor.userId,
    });
    await audit(tx, actor, { action: created ? 'record_check' : 'correct_check', entity: 'contact', entityId: contactId, detail: { checkedOn, symptoms: symptoms.length, temperatureC: check.temperatureC } });
    return check;
  });
}

/**
 * Ends follow-up: completed, lost, or became a case (that case, of the contact's own person, is the
 * edge of the transmission chain). Open quarantine orders are completed and untaken tests cancelled.
 */
export async function endFollowUp(db: Database, actor: Actor, contactId: string, body: EndFollowUpBody): Promise<ContactDetail> {
  requirePermission(actor, CASES_WRITE);
  if (body.outcome === 'became_case' && !body.caseId) throw invalidField('caseId', 'required with outcome became_case');
  if (body.outcome !== 'became_case' && body.caseId) throw invalidField('caseId', 'only with outcome became_case');
  return db.transaction(async (tx) => {
    const contact = await repo.findContactInScope(tx, contactId, actor.unitCode, true);
    if (!contact) throw notFound('contact');
    if (contact.status !== 'confirmed') throw conflict(`a ${contact.status} contact has no follow-up to end`);
    if (contact.follow_up_outcome) throw conflict(`follow-up already ended (${contact.follow_up_outcome})`);
    if (body.caseId) {
      // the contact's own case: its person, or a record merged into it or it into another
      const [own] = await tx.query(
        `SELECT 1 FROM cases k JOIN people p ON p.id = k.person_id WHERE k.id = $1 AND coalesce(p.merged_into, p.id) = (SELECT coalesce(merged_into, id) FROM people WHERE id = $2)`,
        [body.caseId, contact.person_id]);
      if (!own) throw invalidField('caseId', 'not a case of this contact\'s person');
    }
    await tx.query(
      `UPDATE contacts SET follow_up_outcome = $2, follow_up_ended_at = now(), became_case_id = $3, note = coalesce($4, note), updated_at = now() WHERE id = $1`,
      [contactId, body.outcome, body.caseId ?? null, body.note?.trim() || null],
    );
    await closeOpenOrders(tx, contactId);
    await audit(tx, actor, { action: 'end_follow_up', entity: 'contact', entityId: contactId, before: { followUpOutcome: null }, after: { followUpOutcome: body.outcome, becameCaseId: body.caseId ?? null } });
    const [present] = await repo.presentContacts(tx, await repo.contactsByIds(tx, [contactId]), can(actor, TRACING_RUN));
    return { ...present!, ...(await ordersOf(tx, contactId)) };
  });
}
