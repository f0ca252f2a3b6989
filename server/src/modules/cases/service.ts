// Cases: create, read (audited), list, correct and close. Permission and scope first, then the work
// in one transaction with its audit row. A case's scope is its unit (the person's commune).
import type { Database, Queryable } from '../../db/database.js';
import { type Actor, requirePermission } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import { conflict, invalidField, notFound, validationFailed } from '../../platform/errors.js';
import type { Page } from '../../platform/pagination.js';
import { unitInScope } from '../../platform/scope.js';
import { CASES_READ, CASES_WRITE } from './permissions.js';
import * as repo from './repository.js';
import type { Case, CreateCaseBody, ListCasesQuery, UpdateCaseBody } from './schema.js';
import { type CaseValues, caseProblems, defaultWindow } from './window.js';

const instant = (text: string | null | undefined) => (text ? new Date(text) : null);

/** What the audit log keeps of a case (before/after of what changed). */
function auditedFields(item: Case) {
  const { id: _id, personName: _n, createdAt: _c, updatedAt: _u, ...fields } = item;
  return fields;
}

function assertValid(values: CaseValues) {
  const fields = caseProblems(values);
  if (Object.keys(fields).length > 0) throw validationFailed(fields);
}

/** A second active case of one person, written by a concurrent request, breaks the unique index. */
async function openCaseUnique<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if ((error as { code?: string }).code === '23505') throw conflict('this person already has an active case', { personId: 'already has an active case' });
    throw error;
  }
}

async function assertNoOpenCase(db: Queryable, actor: Actor, personId: string, exceptId: string | null) {
  const open = await repo.findActiveCaseOf(db, personId);
  if (!open || open.id === exceptId) return;
  // Name the open case only to someone who may see it.
  const visible = await unitInScope(db, actor, open.commune_code);
  throw conflict('this person already has an active case', { personId: 'already has an active case' }, visible ? { existingId: open.id } : undefined);
}

export async function createCase(db: Database, actor: Actor, input: CreateCaseBody): Promise<Case> {
  requirePermission(actor, CASES_WRITE);
  return db.transaction(async (tx) => {
    const person = await repo.findLivePersonInScope(tx, input.personId, actor.unitCode);
    if (!person) throw invalidField('personId', 'no such person');
    const times = { confirmedAt: instant(input.confirmedAt), reportedAt: instant(input.reportedAt) ?? new Date(), onsetDate: input.onsetDate ?? null, isolatedAt: instant(input.isolatedAt) };
    const window = defaultWindow(times);
    const values: CaseValues = {
      ...times, personId: person.id, classification: input.classification ?? 'confirmed', source: input.source,
      infectiousFrom: instant(input.infectiousFrom) ?? window.from, infectiousTo: instant(input.infectiousTo) ?? window.to,
      status: 'active', recoveredAt: null, deceasedAt: null, communeCode: person.commune_code,
    };
    assertValid(values);
    await assertNoOpenCase(tx, actor, person.id, null);
    const id = await openCaseUnique(() => repo.insertCase(tx, values, actor.userId));
    const created = repo.presentCase((await repo.findCaseInScope(tx, id, null))!);
    await audit(tx, actor, { action: 'create', entity: 'case', entityId: id, before: null, after: auditedFields(created) });
    return created;
  });
}

/** Opening a case is a read of health data: audited with its reason. */
export async function getCase(db: Database, actor: Actor, id: string, reason: string | undefined): Promise<Case> {
  requirePermission(actor, CASES_READ);
  return db.transaction(async (tx) => {
    const row = await repo.findCaseInScope(tx, id, actor.unitCode);
    if (!row) throw notFound('case');
    await audit(tx, actor, { action: 'read', entity: 'case', entityId: id, reason: reason ?? 'view record' });
    return repo.presentCase(row);
  });
}

export async function listCases(db: Database, actor: Actor, query: ListCasesQuery): Promise<Page<Case>> {
  requirePermission(actor, CASES_READ);
  const limit = query.limit ?? 50;
  const offset = query.offset ?? 0;
  return db.transaction(async (tx) => {
    const { rows, total } = await repo.listCases(tx, actor.unitCode, query, limit, offset);
    await audit(tx, actor, {
      action: 'search', entity: 'case', reason: 'list cases',
      detail: { status: query.status ?? null, classification: query.classification ?? null, communeCode: query.communeCode ?? null, personId: query.personId ?? null, returned: rows.length, total },
    });
    return { items: rows.map(repo.presentCase), total, limit, offset };
  });
}

/** A nullable field of a patch: undefined keeps the current value, null clears it. */
const patchedDate = (value: string | null | undefined, current: Date | null) => (value === undefined ? current : value === null ? null : new Date(value));

/** Applies a correction or a change of course: the resulting case passes the same checks as a new one. */
function patched(current: CaseValues, patch: UpdateCaseBody): CaseValues {
  const next: CaseValues = {
    ...current,
    status: patch.status ?? current.status,
    classification: patch.classification ?? current.classification,
    source: patch.source ?? current.source,
    confirmedAt: patchedDate(patch.confirmedAt, current.confirmedAt),
    onsetDate: patch.onsetDate === undefined ? current.onsetDate : patch.onsetDate,
    isolatedAt: patchedDate(patch.isolatedAt, current.isolatedAt),
    infectiousFrom: patch.infectiousFrom ? new Date(patch.infectiousFrom) : current.infectiousFrom,
    infectiousTo: patch.infectiousTo ? new Date(patch.infectiousTo) : current.infectiousTo,
    recoveredAt: patchedDate(patch.recoveredAt, current.recoveredAt),
    deceasedAt: patchedDate(patch.deceasedAt, current.deceasedAt),
  };
  // Back to active (a correction) or on to the other outcome: the old outcome's date goes.
  if (patch.status !== undefined && patch.recoveredAt === undefined && next.status !== 'recovered') next.recoveredAt = null;
  if (patch.status !== undefined && patch.deceasedAt === undefined && next.status !== 'deceased') next.deceasedAt = null;
  return next;
}

export async function updateCase(db: Database, actor: Actor, id: string, patch: UpdateCaseBody): Promise<Case> {
  requirePermission(actor, CASES_WRITE);
  return db.transaction(async (tx) => {
    const row = await repo.findCaseInScope(tx, id, actor.unitCode, true);
    if (!row) throw notFound('case');
    const before = repo.presentCase(row);
    const values = patched(repo.valuesOf(row), patch);
    assertValid(values);
    if (values.status === 'active' && row.status !== 'active') await assertNoOpenCase(tx, actor, values.personId, id);
    await openCaseUnique(() => repo.updateCase(tx, id, values));
    const after = repo.presentCase((await repo.findCaseInScope(tx, id, null))!);
    await audit(tx, actor, { action: 'update', entity: 'case', entityId: id, before: auditedFields(before), after: auditedFields(after) });
    return after;
  });
}
