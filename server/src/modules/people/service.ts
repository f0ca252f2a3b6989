import type { Database, Queryable } from '../../db/database.js';
import { type Actor, requirePermission } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import { conflict, notFound } from '../../platform/errors.js';
import type { Page } from '../../platform/pagination.js';
import { foldName } from './fold.js';
import { normalisePhone } from './identity.js';
import * as repo from './repository.js';
import type { CreatePersonBody, Person, SearchPeopleQuery, UpdatePersonBody } from './schema.js';
import { personValues } from './validate.js';

/** What the audit log keeps of a person's fields (before/after of what changed). */
function auditedFields(person: Person) {
  const { id: _id, createdAt: _c, updatedAt: _u, isDemo: _d, ...fields } = person;
  return fields;
}

async function assertNationalIdFree(db: Queryable, actor: Actor, nationalId: string | null, exceptId: string | null) {
  if (!nationalId) return;
  const existing = await repo.findActiveByNationalId(db, nationalId, exceptId);
  if (!existing) return;
  // Say which record only to someone who may see it.
  const visible = (await repo.findPersonInScope(db, existing.id, actor.unitCode)) !== null;
  throw conflict('a person with this national ID is already registered', { nationalId: 'is already registered' }, visible ? { existingId: existing.id } : undefined);
}

export async function createPerson(db: Database, actor: Actor, input: CreatePersonBody): Promise<Person> {
  requirePermission(actor, 'people:write');
  const values = await personValues(db, actor, input);
  await assertNationalIdFree(db, actor, values.nationalId, null);
  return db.transaction(async (tx) => {
    const person = repo.presentPerson(await repo.insertPerson(tx, values));
    await audit(tx, actor, { action: 'create', entity: 'person', entityId: person.id, before: null, after: auditedFields(person) });
    return person;
  });
}

export async function updatePerson(db: Database, actor: Actor, id: string, patch: UpdatePersonBody): Promise<Person> {
  requirePermission(actor, 'people:write');
  return db.transaction(async (tx) => {
    const row = await repo.findPersonInScope(tx, id, actor.unitCode, true);
    if (!row) throw notFound('person');
    if (row.merged_into) throw conflict('this record was merged into another; edit that one', undefined, { mergedInto: row.merged_into });
    const before = repo.presentPerson(row);
    const values = await personValues(tx, actor, { ...before, ...patch, fullName: patch.fullName ?? before.fullName, communeCode: patch.communeCode ?? before.communeCode });
    await assertNationalIdFree(tx, actor, values.nationalId, id);
    const after = repo.presentPerson(await repo.updatePerson(tx, id, values));
    await audit(tx, actor, { action: 'update', entity: 'person', entityId: id, before: auditedFields(before), after: auditedFields(after) });
    return after;
  });
}

/** Opening a person's record is a read of personal data: audited with its reason. */
export async function getPerson(db: Database, actor: Actor, id: string, reason: string | undefined) {
  requirePermission(actor, 'people:read');
  const row = await repo.findPersonInScope(db, id, actor.unitCode);
  if (!row) throw notFound('person');
  const [household, organisations] = await Promise.all([repo.householdOf(db, id), repo.organisationsOf(db, id)]);
  await audit(db, actor, { action: 'read', entity: 'person', entityId: id, reason: reason ?? 'view record' });
  return { ...repo.presentPerson(row), household, organisations };
}

export function parseSearchTerm(q: string | undefined): repo.SearchTerm {
  const text = q?.trim();
  if (!text) return null;
  if (/^\d{12}$/.test(text)) return { kind: 'nationalId', value: text };
  if (/^[+\d][\d\s.\-()]{7,}$/.test(text)) {
    const phone = normalisePhone(text);
    if (phone) return { kind: 'phone', value: phone };
  }
  return { kind: 'name', value: foldName(text) };
}

export async function searchPeople(db: Database, actor: Actor, query: SearchPeopleQuery): Promise<Page<Person>> {
  requirePermission(actor, 'people:read');
  const limit = query.limit ?? 50;
  const offset = query.offset ?? 0;
  const term = parseSearchTerm(query.q);
  const { rows, total } = await repo.searchPeople(db, term, query.communeCode ?? null, actor.unitCode, limit, offset);
  await audit(db, actor, { action: 'search', entity: 'person', reason: 'search', detail: { q: query.q ?? null, communeCode: query.communeCode ?? null, results: rows.length } });
  return { items: rows.map(repo.presentPerson), total, limit, offset };
}
