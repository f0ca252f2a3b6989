// SQL of testing programmes. Scope is the programme's unit (commune_code): out-of-scope programmes
// are simply not found.
import type { Queryable } from '../../db/database.js';
import { unitInScopeSql } from '../../platform/scope.js';
import type { ListProgrammesQuery } from './programmes.schema.js';

export interface ProgrammeRow {
  id: string;
  name: string;
  kind: 'organisation' | 'area';
  organisation_id: string | null;
  organisation_name: string | null;
  commune_code: string;
  teams: string[] | null;
  min_age: number | null;
  max_age: number | null;
  interval_hours: number;
  starts_at: Date;
  ends_at: Date | null;
  coverage_target: number;
  status: 'active' | 'ended';
  created_at: Date;
  updated_at: Date;
}

/** What a programme stores, as the service decides it. */
export interface ProgrammeValues {
  name: string;
  kind: 'organisation' | 'area';
  organisationId: string | null;
  communeCode: string;
  teams: string[] | null;
  minAge: number | null;
  maxAge: number | null;
  intervalHours: number;
  startsAt: Date;
  endsAt: Date | null;
  coverageTarget: number;
  status: 'active' | 'ended';
}

const COLUMNS = `g.id, g.name, g.kind, g.organisation_id, o.name AS organisation_name, g.commune_code, g.teams, g.min_age, g.max_age,
  g.interval_hours, g.starts_at, g.ends_at, g.coverage_target::float8 AS coverage_target, g.status, g.created_at, g.updated_at`;
const FROM = 'testing_programmes g LEFT JOIN organisations o ON o.id = g.organisation_id';

const params = (v: ProgrammeValues) => [
  v.name, v.kind, v.organisationId, v.communeCode, v.teams, v.minAge, v.maxAge, v.intervalHours, v.startsAt, v.endsAt, v.coverageTarget, v.status,
];

export function valuesOf(row: ProgrammeRow): ProgrammeValues {
  return {
    name: row.name, kind: row.kind, organisationId: row.organisation_id, communeCode: row.commune_code, teams: row.teams,
    minAge: row.min_age, maxAge: row.max_age, intervalHours: row.interval_hours, startsAt: row.starts_at, endsAt: row.ends_at,
    coverageTarget: row.coverage_target, status: row.status,
  };
}

export async function insertProgramme(tx: Queryable, values: ProgrammeValues, createdBy: string): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO testing_programmes (name, kind, organisation_id, commune_code, teams, min_age, max_age, interval_hours, starts_at, ends_at,
       coverage_target, status, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
    [...params(values), createdBy],
  );
  return row!.id;
}

export async function updateProgramme(tx: Queryable, id: string, values: ProgrammeValues): Promise<void> {
  await tx.query(
    `UPDATE testing_programmes SET name = $2, kind = $3, organisation_id = $4, commune_code = $5, teams = $6, min_age = $7, max_age = $8,
       interval_hours = $9, starts_at = $10, ends_at = $11, coverage_target = $12, status = $13, updated_at = now()
     WHERE id = $1`,
    [id, ...params(values)],
  );
}

/** A programme inside the scope (null scope: everywhere), or null as if it did not exist. */
export async function findProgrammeInScope(db: Queryable, id: string, scope: string | null, lock = false): Promise<ProgrammeRow | null> {
  const [row] = await db.query<ProgrammeRow>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE g.id = $1 AND ${unitInScopeSql('g.commune_code', 2)}${lock ? ' FOR UPDATE OF g' : ''}`,
    [id, scope],
  );
  return row ?? null;
}

/** Programmes in scope matching the filters, latest start first; every match when `page` is null. */
export async function listProgrammes(db: Queryable, scope: string | null, query: ListProgrammesQuery, page: { limit: number; offset: number } | null) {
  const where = `${unitInScopeSql('g.commune_code', 1)} AND ($2::text IS NULL OR g.status = $2) AND ($3::text IS NULL OR g.kind = $3)
    AND ($4::uuid IS NULL OR g.organisation_id = $4)
    AND ($5::text IS NULL OR EXISTS (SELECT 1 FROM units f WHERE f.code = g.commune_code AND $5 = ANY (f.path)))`;
  const filters = [scope, query.status ?? null, query.kind ?? null, query.organisationId ?? null, query.communeCode ?? null];
  const rows = await db.query<ProgrammeRow>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE ${where} ORDER BY g.starts_at DESC, g.id${page ? ' LIMIT $6 OFFSET $7' : ''}`,
    page ? [...filters, page.limit, page.offset] : filters,
  );
  if (!page) return { rows, total: rows.length };
  const [count] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM testing_programmes g WHERE ${where}`, filters);
  return { rows, total: count?.n ?? 0 };
}

/** The organisation, when it lies inside the scope: its commune becomes the programme's. */
export async function findOrganisationInScope(db: Queryable, id: string, scope: string | null): Promise<{ id: string; commune_code: string } | null> {
  const [row] = await db.query<{ id: string; commune_code: string }>(
    `SELECT id, commune_code FROM organisations WHERE id = $1 AND ${unitInScopeSql('commune_code', 2)}`,
    [id, scope],
  );
  return row ?? null;
}
