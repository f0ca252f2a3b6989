// Finding records that are probably the same person, and merging them.
import type { Database, Queryable } from '../../db/database.js';
import { type Actor, requirePermission } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import { AppError, conflict, invalidField, notFound } from '../../platform/errors.js';
import type { Page } from '../../platform/pagination.js';
import { unitInScopeSql } from '../../platform/scope.js';
import { resolveVaccinationMerge } from '../vaccination/registration.merge.js';
import { PERSON_COLUMNS, type PersonRow, findPersonInScope, presentPerson } from './repository.js';
import type { DuplicateReason, Person } from './schema.js';

const PAIRS_SQL = `
  WITH scoped AS (
    SELECT id, national_id, phone, birth_year, birth_date, name_folded, commune_code FROM people p
    WHERE merged_into IS NULL AND ${unitInScopeSql('p.commune_code', 1)}
  ), pairs AS (
    SELECT a.id AS a, b.id AS b, 'national_id' AS reason FROM scoped a JOIN scoped b ON a.national_id = b.national_id AND a.id < b.id
    UNION ALL
    SELECT a.id, b.id, 'phone_birth_year' FROM scoped a JOIN scoped b ON a.phone = b.phone AND a.birth_year = b.birth_year AND a.id < b.id
    UNION ALL
    SELECT a.id, b.id, 'name_birth_date_commune' FROM scoped a JOIN scoped b
      ON a.name_folded = b.name_folded AND a.birth_date = b.birth_date AND a.commune_code = b.commune_code AND a.id < b.id
  )
  SELECT a, b, array_agg(DISTINCT reason ORDER BY reason) AS reasons, count(*) OVER () AS total
  FROM pairs WHERE NOT EXISTS (SELECT 1 FROM people_distinct_pairs d WHERE d.person_a = pairs.a AND d.person_b = pairs.b)
  GROUP BY a, b ORDER BY a, b LIMIT $2 OFFSET $3`;

export async function listDuplicates(db: Database, actor: Actor, limit: number, offset: number): Promise<Page<{ a: Person; b: Person; reasons: DuplicateReason[] }>> {
  requirePermission(actor, 'people:merge');
  const pairs = await db.query<{ a: string; b: string; reasons: DuplicateReason[]; total: number }>(PAIRS_SQL, [actor.unitCode, limit, offset]);
  const ids = [...new Set(pairs.flatMap((pair) => [pair.a, pair.b]))];
  const rows = await db.query<PersonRow>(`SELECT ${PERSON_COLUMNS} FROM people WHERE id = ANY ($1::uuid[])`, [ids]);
  const byId = new Map(rows.map((row) => [row.id, presentPerson(row)]));
  await audit(db, actor, { action: 'search', entity: 'person', reason: 'duplicate review', detail: { duplicatePairs: pairs.length } });
  return {
    items: pairs.map((pair) => ({ a: byId.get(pair.a)!, b: byId.get(pair.b)!, reasons: pair.reasons })),
    total: pairs[0]?.total ?? 0,
    limit,
    offset,
  };
}

export async function dismissPair(db: Database, actor: Actor, personA: string, personB: string): Promise<void> {
  requirePermission(actor, 'people:merge');
  if (personA === personB) throw invalidField('personB', 'must differ from personA');
  const [a, b] = personA < personB ? [personA, personB] : [personB, personA];
  await db.transaction(async (tx) => {
    for (const id of [a, b]) if (!(await findPersonInScope(tx, id, actor.unitCode))) throw notFound('person');
    await tx.query('INSERT INTO people_distinct_pairs (person_a, person_b, decided_by) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [a, b, actor.userId]);
    await audit(tx, actor, { action: 'dismiss_duplicate', entity: 'person', entityId: a, detail: { otherId: b } });
  });
}

// Membership tables where both records may already be linked to the same thing: the merged
// person's row is dropped rather than moved. Everywhere else a collision stops the merge (409),
// because dropping, say, a dose record would lose history.
const DROP_DUPLICATE_MEMBERSHIP = new Set(['household_members', 'organisation_members']);
// References handled by the merge itself.
const NOT_MOVED = new Set(['people.merged_into', 'people_distinct_pairs.person_a', 'people_distinct_pairs.person_b']);

/** Every column of every module that references a person: found from the foreign keys, so new modules are covered. */
async function personReferences(tx: Queryable): Promise<{ table: string; column: string }[]> {
  const rows = await tx.query<{ table_name: string; column_name: string }>(
    `SELECT cl.relname AS table_name, a.attname AS column_name
     FROM pg_constraint c
     JOIN pg_class cl ON cl.oid = c.conrelid
     JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
     WHERE c.contype = 'f' AND c.confrelid = 'people'::regclass AND cardinality(c.conkey) = 1 AND c.conparentid = 0
     ORDER BY 1, 2`,
  );
  return rows.map((row) => ({ table: row.table_name, column: row.column_name })).filter((ref) => !NOT_MOVED.has(`${ref.table}.${ref.column}`));
}

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

async function dropCollidingMemberships(tx: Queryable, table: string, column: string, mergedId: string, survivorId: string) {
  const [key] = await tx.query<{ columns: string[] }>(
    `SELECT array_agg(a.attname::text ORDER BY a.attnum) AS columns FROM pg_index i
     JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
     WHERE i.indrelid = $1::regclass AND i.indisprimary GROUP BY i.indexrelid`,
    [table],
  );
  const others = (key?.columns ?? []).filter((name) => name !== column);
  const sameKey = others.map((name) => `AND y.${quote(name)} = x.${quote(name)}`).join(' ');
  await tx.query(
    `DELETE FROM ${quote(table)} x WHERE x.${quote(column)} = $1
     AND EXISTS (SELECT 1 FROM ${quote(table)} y WHERE y.${quote(column)} = $2 ${sameKey})`,
    [mergedId, survivorId],
  );
}

const FILLABLE: (keyof PersonRow)[] = ['national_id', 'birth_date', 'sex', 'phone', 'address'];

export async function mergePeople(db: Database, actor: Actor, survivorId: string, mergedId: string, reason: string) {
  requirePermission(actor, 'people:merge');
  if (survivorId === mergedId) throw invalidField('mergedId', 'must differ from the surviving person');
  return db.transaction(async (tx) => {
    // Lock in id order so two merges of the same pair cannot deadlock.
    const [first, second] = survivorId < mergedId ? [survivorId, mergedId] : [mergedId, survivorId];
    const locked = new Map<string, PersonRow | null>();
    for (const id of [first, second]) locked.set(id, await findPersonInScope(tx, id, actor.unitCode, true));
    const survivor = locked.get(survivorId);
    const merged = locked.get(mergedId);
    if (!survivor || !merged) throw notFound('person');
    if (survivor.merged_into || merged.merged_into) throw conflict('one of these records was already merged', undefined, { mergedInto: survivor.merged_into ?? merged.merged_into });

    // The survivor keeps its own values and takes the merged record's where it had none.
    const fill = FILLABLE.filter((field) => survivor[field] === null && merged[field] !== null);
    if (fill.length > 0) {
      const sets = fill.map((field, i) => `${field} = $${i + 2}`).join(', ');
      await tx.query(`UPDATE people SET ${sets}, updated_at = now() WHERE id = $1`, [survivorId, ...fill.map((field) => merged[field])]);
    }

    // Modules whose rows allow one open item per person settle the pair first, so moving cannot collide.
    await resolveVaccinationMerge(tx, actor, survivorId, mergedId);

    const moved: Record<string, number> = {};
    for (const { table, column } of await personReferences(tx)) {
      if (DROP_DUPLICATE_MEMBERSHIP.has(table)) await dropCollidingMemberships(tx, table, column, mergedId, survivorId);
      try {
        const rows = await tx.query(`UPDATE ${quote(table)} SET ${quote(column)} = $1 WHERE ${quote(column)} = $2 RETURNING 1`, [survivorId, mergedId]);
        if (rows.length > 0) moved[`${table}.${column}`] = rows.length;
      } catch (error) {
        if ((error as { code?: string }).code === '23505') throw new AppError('conflict', `both records have conflicting ${table} entries; resolve them before merging`);
        throw error;
      }
    }
    await tx.query('DELETE FROM people_distinct_pairs WHERE person_a = $1 OR person_b = $1', [mergedId]);
    await tx.query('UPDATE people SET merged_into = $1, updated_at = now() WHERE id = $2', [survivorId, mergedId]);

    const [after] = await tx.query<PersonRow>(`SELECT ${PERSON_COLUMNS} FROM people WHERE id = $1`, [survivorId]);
    await audit(tx, actor, {
      action: 'merge', entity: 'person', entityId: survivorId, reason,
      before: Object.fromEntries(fill.map((f) => [f, survivor[f]])), after: Object.fromEntries(fill.map((f) => [f, after![f]])),
      detail: { mergedId, moved },
    });
    await audit(tx, actor, { action: 'merged_into', entity: 'person', entityId: mergedId, reason, detail: { survivorId } });
    return { survivor: presentPerson(after!), moved };
  });
}
