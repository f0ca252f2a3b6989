// SQL of cases. Scope is the case's unit (commune_code): out-of-scope cases are simply not found.
import type { Queryable } from '../../db/database.js';
import { unitInScopeSql } from '../../platform/scope.js';
import type { Case, ListCasesQuery } from './schema.js';
import type { CaseValues } from './window.js';

export interface CaseRow {
  id: string;
  person_id: string;
  person_name: string;
  classification: Case['classification'];
  reported_at: Date;
  confirmed_at: Date | null;
  onset_date: string | null;
  isolated_at: Date | null;
  infectious_from: Date;
  infectious_to: Date;
  source: Case['source'];
  status: Case['status'];
  recovered_at: Date | null;
  deceased_at: Date | null;
  commune_code: string;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = `k.id, k.person_id, p.full_name AS person_name, k.classification, k.reported_at, k.confirmed_at, k.onset_date, k.isolated_at,
  k.infectious_from, k.infectious_to, k.source, k.status, k.recovered_at, k.deceased_at, k.commune_code, k.created_at, k.updated_at`;
const FROM = 'cases k JOIN people p ON p.id = k.person_id';

const iso = (at: Date | null) => at?.toISOString() ?? null;

/** The whitelist of what leaves the server about a case. */
export function presentCase(row: CaseRow): Case {
  return {
    id: row.id, personId: row.person_id, personName: row.person_name, classification: row.classification,
    reportedAt: row.reported_at.toISOString(), confirmedAt: iso(row.confirmed_at), onsetDate: row.onset_date, isolatedAt: iso(row.isolated_at),
    infectiousFrom: row.infectious_from.toISOString(), infectiousTo: row.infectious_to.toISOString(), source: row.source, status: row.status,
    recoveredAt: iso(row.recovered_at), deceasedAt: iso(row.deceased_at), communeCode: row.commune_code,
    createdAt: row.created_at.toISOString(), updatedAt: row.updated_at.toISOString(),
  };
}

/** The stored values of a case, as the checks in window.ts take them. */
export function valuesOf(row: CaseRow): CaseValues {
  return {
    personId: row.person_id, classification: row.classification, reportedAt: row.reported_at, confirmedAt: row.confirmed_at,
    onsetDate: row.onset_date, isolatedAt: row.isolated_at, infectiousFrom: row.infectious_from, infectiousTo: row.infectious_to,
    source: row.source, status: row.status, recoveredAt: row.recovered_at, deceasedAt: row.deceased_at, communeCode: row.commune_code,
  };
}

const params = (v: CaseValues) => [
  v.personId, v.classification, v.reportedAt, v.confirmedAt, v.onsetDate, v.isolatedAt, v.infectiousFrom, v.infectiousTo,
  v.source, v.status, v.recoveredAt, v.deceasedAt, v.communeCode,
];

export async function insertCase(tx: Queryable, values: CaseValues, createdBy: string): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO cases (person_id, classification, reported_at, confirmed_at, onset_date, isolated_at, infectious_from, infectious_to,
       source, status, recovered_at, deceased_at, commune_code, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
    [...params(values), createdBy],
  );
  return row!.id;
}

export async function updateCase(tx: Queryable, id: string, values: CaseValues): Promise<void> {
  await tx.query(
    `UPDATE cases SET person_id = $2, classification = $3, reported_at = $4, confirmed_at = $5, onset_date = $6, isolated_at = $7,
       infectious_from = $8, infectious_to = $9, source = $10, status = $11, recovered_at = $12, deceased_at = $13, commune_code = $14,
       updated_at = now()
     WHERE id = $1`,
    [id, ...params(values)],
  );
}

/** A case inside the scope (null scope: everywhere), or null as if it did not exist. */
export async function findCaseInScope(db: Queryable, id: string, scope: string | null, lock = false): Promise<CaseRow | null> {
  const [row] = await db.query<CaseRow>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE k.id = $1 AND ${unitInScopeSql('k.commune_code', 2)}${lock ? ' FOR UPDATE OF k' : ''}`,
    [id, scope],
  );
  return row ?? null;
}

/** The open case of a person, if any (the one a second report would duplicate). */
export async function findActiveCaseOf(db: Queryable, personId: string): Promise<{ id: string; commune_code: string } | null> {
  const [row] = await db.query<{ id: string; commune_code: string }>(`SELECT id, commune_code FROM cases WHERE person_id = $1 AND status = 'active'`, [personId]);
  return row ?? null;
}

export async function listCases(db: Queryable, scope: string | null, query: ListCasesQuery, limit: number, offset: number) {
  const where = `${unitInScopeSql('k.commune_code', 1)} AND ($2::text IS NULL OR k.status = $2) AND ($3::text IS NULL OR k.classification = $3)
    AND ($4::uuid IS NULL OR k.person_id = $4)
    AND ($5::text IS NULL OR EXISTS (SELECT 1 FROM units f WHERE f.code = k.commune_code AND $5 = ANY (f.path)))`;
  const filters = [scope, query.status ?? null, query.classification ?? null, query.personId ?? null, query.communeCode ?? null];
  const rows = await db.query<CaseRow>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE ${where} ORDER BY coalesce(k.confirmed_at, k.reported_at) DESC, k.id LIMIT $6 OFFSET $7`,
    [...filters, limit, offset],
  );
  const [count] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM cases k WHERE ${where}`, filters);
  return { rows, total: count?.n ?? 0 };
}

/**
 * The person a case is about: merged records forward to the survivor, and the survivor must lie
 * inside the scope. Null when there is no such person, or none the actor may see.
 */
export async function findLivePersonInScope(db: Queryable, id: string, scope: string | null): Promise<{ id: string; commune_code: string } | null> {
  const [row] = await db.query<{ id: string; commune_code: string }>(
    `SELECT l.id, l.commune_code FROM people p JOIN people l ON l.id = coalesce(p.merged_into, p.id)
     WHERE p.id = $1 AND ${unitInScopeSql('l.commune_code', 2)}`,
    [id, scope],
  );
  return row ?? null;
}
