// Contacts of a case (F1, F2): proposed by place-and-time tracing and from the household, named by
// the case or imported, listed and opened (reads audited with a reason). Contract: docs/API-TRACING.md.
// Permission and scope first (a contact is in scope when its case is), then one transaction with its audit row.
import type { Database, Queryable } from '../../db/database.js';
import { type Actor, can, requirePermission } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import { conflict, invalidField, notFound } from '../../platform/errors.js';
import { type Page, pageParams } from '../../platform/pagination.js';
import * as repo from './contacts.repository.js';
import type { AddContactBody, Contact, ContactDetail, ListContactsQuery, ProposeBody, ProposeResult } from './contacts.schema.js';
import { type ExposureRow, countExposureVisits, exposuresOf } from './exposures.repository.js';
import { DEFAULT_MARGIN_MINUTES } from './exposures.js';
import { ordersOf } from './orders.repository.js';
import { CASES_READ, TRACING_RUN } from './permissions.js';
import { findCaseInScope } from './repository.js';

export function checkedReason(reason: string): string {
  const trimmed = reason.trim();
  if (trimmed.length < 3) throw invalidField('reason', 'say why (at least 3 characters)');
  return trimmed;
}

/** Phones in full only on a single record, and only for those who call contacts (tracing:run). */
const fullPhoneFor = (actor: Actor) => can(actor, TRACING_RUN);

interface Run {
  caseId: string;
  degree: 'F1' | 'F2';
  viaContactId: string | null;
  createdBy: string;
  household: string[];
  /** household members are taken to have shared the home until then */
  householdLastAt: Date;
  exposures: ExposureRow[];
  /** people never proposed by this run (the case's own person for F2) */
  exclude: Set<string>;
  marginMinutes: number;
}

/** Stores one run's candidates and their evidence; the household first, so that is how they were found. */
async function storeRun(tx: Queryable, run: Run) {
  const base = { caseId: run.caseId, degree: run.degree, viaContactId: run.viaContactId, createdBy: run.createdBy };
  const household = await repo.upsertCandidates(tx, {
    ...base, foundBy: 'household', found: run.household.filter((id) => !run.exclude.has(id)).map((personId) => ({ personId, lastExposureAt: run.householdLastAt })),
  });
  const lastAt = new Map<string, Date>();
  for (const e of run.exposures) {
    if (run.exclude.has(e.person_id)) continue;
    const known = lastAt.get(e.person_id);
    if (!known || e.last_overlap_end > known) lastAt.set(e.person_id, e.last_overlap_end);
  }
  const placeTime = await repo.upsertCandidates(tx, { ...base, foundBy: 'place_time', found: [...lastAt].map(([personId, at]) => ({ personId, lastExposureAt: at })) });
  const idOf = new Map(placeTime.map((row) => [row.person_id, row.id]));
  await repo.upsertExposures(tx, run.exposures.filter((e) => idOf.has(e.person_id)).map((e) => ({
    contactId: idOf.get(e.person_id)!, venueId: e.venue_id, firstOverlapStart: e.first_overlap_start, lastOverlapEnd: e.last_overlap_end, overlapMinutes: e.overlap_minutes,
  })), run.marginMinutes);
  const inserted = new Set([...household, ...placeTime].filter((row) => row.inserted).map((row) => row.id));
  const touched = [...new Set([...household, ...placeTime].map((row) => row.id))];
  return { added: [...inserted], updated: touched.length - inserted.size, touched };
}

async function runResult(tx: Queryable, caseId: string, marginMinutes: number, exposureVisits: number, stored: Awaited<ReturnType<typeof storeRun>>): Promise<ProposeResult> {
  const items = await repo.presentContacts(tx, await repo.contactsByIds(tx, stored.touched), false);
  return { caseId, marginMinutes, exposureVisits, added: stored.added.length, updated: stored.updated, items };
}

/** F1 candidates of a case: everyone its tracing finds, and its household. Repeatable: only new people are added. */
export async function proposeContacts(db: Database, actor: Actor, caseId: string, body: ProposeBody): Promise<ProposeResult> {
  requirePermission(actor, TRACING_RUN);
  const reason = checkedReason(body.reason);
  const marginMinutes = body.marginMinutes ?? DEFAULT_MARGIN_MINUTES;
  return db.transaction(async (tx) => {
    // locked: two runs for one case wait for each other instead of racing on the same people
    const found = await findCaseInScope(tx, caseId, actor.unitCode, true);
    if (!found) throw notFound('case');
    const input = { personId: found.person_id, from: found.infectious_from, to: found.infectious_to, marginMinutes };
    const exposureVisits = await countExposureVisits(tx, input);
    const exposures = await exposuresOf(tx, input);
    const household = await repo.householdMembersOf(tx, found.person_id);
    const stored = await storeRun(tx, {
      caseId, degree: 'F1', viaContactId: null, createdBy: actor.userId, household, householdLastAt: found.infectious_to,
      exposures, exclude: new Set(), marginMinutes,
    });
    await audit(tx, actor, {
      action: 'propose_contacts', entity: 'case', entityId: caseId, reason,
      detail: { marginMinutes, infectiousFrom: input.from.toISOString(), infectiousTo: input.to.toISOString(), exposureVisits, results: exposures.length, household: household.length, added: stored.added, updated: stored.updated },
    });
    return runResult(tx, caseId, marginMinutes, exposureVisits, stored);
  });
}

/**
 * F2 candidates, on request, from a confirmed F1: the same tracing from the F1's own visits, from its
 * earliest known exposure (infected then at the earliest) to the end of its follow-up or now.
 */
export async function traceFromContact(db: Database, actor: Actor, contactId: string, body: ProposeBody): Promise<ProposeResult> {
  requirePermission(actor, TRACING_RUN);
  const reason = checkedReason(body.reason);
  const marginMinutes = body.marginMinutes ?? DEFAULT_MARGIN_MINUTES;
  return db.transaction(async (tx) => {
    const f1 = await repo.findContactInScope(tx, contactId, actor.unitCode, true);
    if (!f1) throw notFound('contact');
    if (f1.degree !== 'F1' || f1.status !== 'confirmed') throw conflict('F2 contacts are traced from a confirmed F1 contact', { id: `is ${f1.degree === 'F1' ? f1.status : 'an F2 contact'}` });
    const caseRow = (await findCaseInScope(tx, f1.case_id, null))!;
    const from = (await repo.firstExposureOf(tx, f1.id)) ?? f1.last_exposure_at ?? caseRow.infectious_from;
    const followUpEnd = f1.follow_up_ended_at ?? (f1.follow_up_until ? new Date(Date.parse(`${f1.follow_up_until}T00:00:00+07:00`) + 86_400_000) : null);
    const now = new Date();
    const to = followUpEnd && followUpEnd < now ? followUpEnd : now;
    const input = { personId: f1.person_id, from, to: to > from ? to : from, marginMinutes };
    const exposureVisits = await countExposureVisits(tx, input);
    const exposures = await exposuresOf(tx, input);
    const household = await repo.householdMembersOf(tx, f1.person_id);
    const stored = await storeRun(tx, {
      caseId: f1.case_id, degree: 'F2', viaContactId: f1.id, createdBy: actor.userId, household, householdLastAt: input.to,
      exposures, exclude: new Set([caseRow.person_id]), marginMinutes,
    });
    await audit(tx, actor, {
      action: 'trace_contact', entity: 'contact', entityId: f1.id, reason,
      detail: { caseId: f1.case_id, marginMinutes, from: input.from.toISOString(), to: input.to.toISOString(), exposureVisits, results: exposures.length, household: household.length, added: stored.added, updated: stored.updated },
    });
    return runResult(tx, f1.case_id, marginMinutes, exposureVisits, stored);
  });
}

/** A contact named by the case or from an imported list. The person may live anywhere: contacts follow the case. */
export async function addContact(db: Database, actor: Actor, caseId: string, body: AddContactBody): Promise<Contact> {
  requirePermission(actor, TRACING_RUN);
  const lastExposureAt = body.lastExposureAt ? new Date(body.lastExposureAt) : null;
  if (lastExposureAt && lastExposureAt.getTime() > Date.now() + 5 * 60_000) throw invalidField('lastExposureAt', 'must not be in the future');
  return db.transaction(async (tx) => {
    const found = await findCaseInScope(tx, caseId, actor.unitCode, true);
    if (!found) throw notFound('case');
    const [person] = await tx.query<{ id: string }>('SELECT l.id FROM people p JOIN people l ON l.id = coalesce(p.merged_into, p.id) WHERE p.id = $1', [body.personId]);
    if (!person) throw invalidField('personId', 'no such person');
    if (person.id === found.person_id) throw invalidField('personId', 'is the case\'s own person');
    const [existing] = await tx.query<{ id: string }>('SELECT id FROM contacts WHERE case_id = $1 AND person_id = $2', [caseId, person.id]);
    if (existing) throw conflict('this person is already a contact of this case', { personId: 'already a contact of this case' }, { existingId: existing.id });
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO contacts (case_id, person_id, degree, found_by, last_exposure_at, note, created_by) VALUES ($1, $2, 'F1', $3, $4, $5, $6) RETURNING id`,
      [caseId, person.id, body.foundBy, lastExposureAt, body.note?.trim() || null, actor.userId],
    );
    await audit(tx, actor, { action: 'create', entity: 'contact', entityId: row!.id, after: { caseId, personId: person.id, foundBy: body.foundBy, lastExposureAt } });
    const [created] = await repo.presentContacts(tx, await repo.contactsByIds(tx, [row!.id]), fullPhoneFor(actor));
    return created!;
  });
}

/** The contacts of a case, phones masked: a list shows many people, so it is audited with its reason. */
export async function listContacts(db: Database, actor: Actor, caseId: string, query: ListContactsQuery): Promise<Page<Contact>> {
  requirePermission(actor, CASES_READ);
  const reason = checkedReason(query.reason);
  const { limit, offset } = pageParams(query);
  return db.transaction(async (tx) => {
    if (!(await findCaseInScope(tx, caseId, actor.unitCode))) throw notFound('case');
    const { rows, total } = await repo.listContacts(tx, caseId, { status: query.status ?? null, degree: query.degree ?? null }, limit, offset);
    await audit(tx, actor, { action: 'list_contacts', entity: 'case', entityId: caseId, reason, detail: { status: query.status ?? null, degree: query.degree ?? null, returned: rows.length, total } });
    return { items: await repo.presentContacts(tx, rows, false), total, limit, offset };
  });
}

export async function getContact(db: Database, actor: Actor, id: string, reason: string | undefined): Promise<ContactDetail> {
  requirePermission(actor, CASES_READ);
  return db.transaction(async (tx) => {
    const row = await repo.findContactInScope(tx, id, actor.unitCode);
    if (!row) throw notFound('contact');
    await audit(tx, actor, { action: 'read', entity: 'contact', entityId: id, reason: reason?.trim() || 'view record' });
    const [contact] = await repo.presentContacts(tx, [row], fullPhoneFor(actor));
    return { ...contact!, ...(await ordersOf(tx, id)) };
  });
}
