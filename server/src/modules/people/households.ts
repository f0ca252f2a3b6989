// Households: who lives together (household-representative testing and F1 proposals use them).
import type { Database, Queryable } from '../../db/database.js';
import { type Actor, requirePermission } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import { type FieldErrors, conflict, notFound, validationFailed } from '../../platform/errors.js';
import { unitInScopeSql } from '../../platform/scope.js';
import { communeProblem } from '../units/service.js';
import type { CreateHouseholdBody } from './groups.schema.js';
import { householdOf } from './repository.js';
import type { Household } from './schema.js';

/** Ids among these that are active people inside the actor's scope. */
async function visiblePeople(db: Queryable, actor: Actor, ids: string[]): Promise<Set<string>> {
  const rows = await db.query<{ id: string }>(
    `SELECT id FROM people p WHERE id = ANY ($2::uuid[]) AND merged_into IS NULL AND ${unitInScopeSql('p.commune_code', 1)}`,
    [actor.unitCode, ids],
  );
  return new Set(rows.map((row) => row.id));
}

export async function createHousehold(db: Database, actor: Actor, input: CreateHouseholdBody): Promise<Household> {
  requirePermission(actor, 'people:write');
  const fields: FieldErrors = {};
  const communeError = await communeProblem(db, actor, input.communeCode);
  if (communeError) fields.communeCode = communeError;
  const ids = input.members.map((member) => member.personId);
  const visible = await visiblePeople(db, actor, ids);
  input.members.forEach((member, index) => {
    if (!visible.has(member.personId)) fields[`members[${index}].personId`] = 'unknown person';
    if (ids.indexOf(member.personId) !== index) fields[`members[${index}].personId`] = 'appears twice';
  });
  if (input.headPersonId && !ids.includes(input.headPersonId)) fields.headPersonId = 'must be one of the members';
  if (Object.keys(fields).length > 0) throw validationFailed(fields);

  return db.transaction(async (tx) => {
    const taken = await tx.query<{ person_id: string }>('SELECT person_id FROM household_members WHERE person_id = ANY ($1::uuid[]) FOR UPDATE', [ids]);
    if (taken.length > 0) {
      const busy = Object.fromEntries(taken.map((row) => [`members[${ids.indexOf(row.person_id)}].personId`, 'already belongs to a household']));
      throw conflict('a member already belongs to another household', busy);
    }
    const [row] = await tx.query<{ id: string }>(
      'INSERT INTO households (head_person_id, address, commune_code) VALUES ($1, $2, $3) RETURNING id',
      [input.headPersonId ?? null, input.address?.trim() || null, input.communeCode],
    );
    await tx.query(
      'INSERT INTO household_members (person_id, household_id, relation) SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[])',
      [ids, ids.map(() => row!.id), input.members.map((member) => member.relation ?? (member.personId === input.headPersonId ? 'head' : null))],
    );
    const household = (await householdOf(tx, ids[0]!))!;
    await audit(tx, actor, { action: 'create', entity: 'household', entityId: household.id, after: { communeCode: input.communeCode, members: ids, headPersonId: input.headPersonId ?? null } });
    return household;
  });
}

export async function getHousehold(db: Database, actor: Actor, id: string): Promise<Household> {
  requirePermission(actor, 'people:read');
  const [row] = await db.query<{ person_id: string }>(
    `SELECT m.person_id FROM households h JOIN household_members m ON m.household_id = h.id
     WHERE h.id = $2 AND ${unitInScopeSql('h.commune_code', 1)} LIMIT 1`,
    [actor.unitCode, id],
  );
  if (!row) throw notFound('household');
  const household = (await householdOf(db, row.person_id))!;
  await audit(db, actor, { action: 'read', entity: 'household', entityId: id, reason: 'view household' });
  return household;
}
