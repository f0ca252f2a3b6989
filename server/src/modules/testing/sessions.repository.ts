// SQL of sampling sessions. Scope is the session's commune: out-of-scope sessions are not found.
import type { Queryable } from '../../db/database.js';
import { unitInScopeSql } from '../../platform/scope.js';
import type { HouseholdShortOfRepresentatives, ListSessionsQuery, Pooling, Session, SessionCounts, SessionMode, TestType } from './collection.schema.js';
import { TUBE_STATUSES, type TubeStatus } from './collection.schema.js';
import { TWO_REPRESENTATIVES_FROM } from './sessions.rules.js';

export interface SessionRow {
  id: string;
  name: string;
  place_id: string | null;
  organisation_id: string | null;
  commune_code: string;
  starts_at: Date;
  ends_at: Date;
  team: string[];
  test_type: TestType;
  mode: SessionMode;
  pooling: Pooling | null;
  high_risk: boolean;
  pool_cap: number;
  status: Session['status'];
  created_at: Date;
  updated_at: Date;
}

export interface SessionValues {
  name: string;
  placeId: string | null;
  organisationId: string | null;
  communeCode: string;
  startsAt: Date;
  endsAt: Date;
  team: string[];
  testType: TestType;
  mode: SessionMode;
  pooling: Pooling | null;
  highRisk: boolean;
  poolCap: number;
}

export const SESSION_COLUMNS = `s.id, s.name, s.place_id, s.organisation_id, s.commune_code, s.starts_at, s.ends_at, s.team, s.test_type, s.mode,
  s.pooling, s.high_risk, s.pool_cap, s.status, s.created_at, s.updated_at`;

/** The whitelist of what leaves the server about a session. */
export function presentSession(row: SessionRow): Session {
  return {
    id: row.id, name: row.name, placeId: row.place_id, organisationId: row.organisation_id, communeCode: row.commune_code,
    startsAt: row.starts_at.toISOString(), endsAt: row.ends_at.toISOString(), team: row.team, testType: row.test_type, mode: row.mode,
    pooling: row.pooling, highRisk: row.high_risk, poolCap: row.pool_cap, status: row.status,
    createdAt: row.created_at.toISOString(), updatedAt: row.updated_at.toISOString(),
  };
}

export async function insertSession(tx: Queryable, v: SessionValues, createdBy: string): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO sampling_sessions (name, place_id, organisation_id, commune_code, starts_at, ends_at, team, test_type, mode, pooling, high_risk, pool_cap, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
    [v.name, v.placeId, v.organisationId, v.communeCode, v.startsAt, v.endsAt, v.team, v.testType, v.mode, v.pooling, v.highRisk, v.poolCap, createdBy],
  );
  return row!.id;
}

export async function updateSession(tx: Queryable, id: string, patch: { name: string; startsAt: Date; endsAt: Date; team: string[]; status: Session['status'] }) {
  await tx.query(
    'UPDATE sampling_sessions SET name = $2, starts_at = $3, ends_at = $4, team = $5, status = $6, updated_at = now() WHERE id = $1',
    [id, patch.name, patch.startsAt, patch.endsAt, patch.team, patch.status],
  );
}

/**
 * A session inside the scope (null: everywhere), or null as if it did not exist. `share` keeps it
 * from being closed until the transaction ends (taking samples); `update` before changing it.
 */
export async function findSessionInScope(db: Queryable, id: string, scope: string | null, lock?: 'share' | 'update'): Promise<SessionRow | null> {
  const [row] = await db.query<SessionRow>(
    `SELECT ${SESSION_COLUMNS} FROM sampling_sessions s WHERE s.id = $1 AND ${unitInScopeSql('s.commune_code', 2)}${lock ? ` FOR ${lock.toUpperCase()}` : ''}`,
    [id, scope],
  );
  return row ?? null;
}

/** Sessions by id (any scope), locked against closing, in id order so that concurrent batches lock alike. */
export async function lockSessions(tx: Queryable, ids: string[]): Promise<SessionRow[]> {
  return tx.query<SessionRow>(`SELECT ${SESSION_COLUMNS} FROM sampling_sessions s WHERE s.id = ANY ($1::uuid[]) ORDER BY s.id FOR SHARE`, [ids]);
}

export async function listSessions(db: Queryable, scope: string | null, query: ListSessionsQuery, limit: number, offset: number) {
  // a day in Viet Nam: [date 00:00, date + 1 00:00) at UTC+7
  const where = `${unitInScopeSql('s.commune_code', 1)}
    AND ($2::text IS NULL OR EXISTS (SELECT 1 FROM units f WHERE f.code = s.commune_code AND $2 = ANY (f.path)))
    AND ($3::text IS NULL OR s.status = $3)
    AND ($4::date IS NULL OR (s.starts_at < ($4::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'
                              AND s.ends_at > $4::date::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'))
    AND ($5::uuid IS NULL OR s.organisation_id = $5)`;
  const filters = [scope, query.communeCode ?? null, query.status ?? null, query.date ?? null, query.organisationId ?? null];
  const rows = await db.query<SessionRow>(
    `SELECT ${SESSION_COLUMNS} FROM sampling_sessions s WHERE ${where} ORDER BY s.starts_at DESC, s.id LIMIT $6 OFFSET $7`,
    [...filters, limit, offset],
  );
  const [count] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM sampling_sessions s WHERE ${where}`, filters);
  return { rows, total: count?.n ?? 0 };
}

/**
 * Households of five or more in a household-representative session with fewer than two members
 * sampled as representatives so far; only those among `householdIds` when given.
 */
export async function householdsShortOfRepresentatives(db: Queryable, sessionId: string, householdIds: string[] | null): Promise<HouseholdShortOfRepresentatives[]> {
  const rows = await db.query<{ household_id: string; size: number; representatives: string[] }>(
    `SELECT m.household_id, h.size, array_agg(DISTINCT m.person_id::text) AS representatives
     FROM tube_members m JOIN tubes t ON t.id = m.tube_id
     CROSS JOIN LATERAL (SELECT count(*)::int AS size FROM household_members hm WHERE hm.household_id = m.household_id) h
     WHERE t.session_id = $1 AND t.kind = 'representative' AND m.role = 'sampled' AND m.household_id IS NOT NULL
       AND ($2::uuid[] IS NULL OR m.household_id = ANY ($2::uuid[])) AND h.size >= $3
     GROUP BY m.household_id, h.size
     HAVING count(DISTINCT m.person_id) < 2
     ORDER BY m.household_id`,
    [sessionId, householdIds, TWO_REPRESENTATIVES_FROM],
  );
  return rows.map((row) => ({ householdId: row.household_id, size: row.size, representatives: [...row.representatives].sort() }));
}

export async function sessionCounts(db: Queryable, session: SessionRow): Promise<SessionCounts> {
  const byStatus = await db.query<{ status: TubeStatus; n: number }>('SELECT status, count(*)::int AS n FROM tubes WHERE session_id = $1 GROUP BY status', [session.id]);
  const [people] = await db.query<{ sampled: number; represented: number }>(
    `WITH members AS (SELECT m.person_id, m.role FROM tube_members m JOIN tubes t ON t.id = m.tube_id WHERE t.session_id = $1)
     SELECT (SELECT count(DISTINCT person_id)::int FROM members WHERE role = 'sampled') AS sampled,
            (SELECT count(DISTINCT person_id)::int FROM members r WHERE role = 'represented'
               AND NOT EXISTS (SELECT 1 FROM members s WHERE s.person_id = r.person_id AND s.role = 'sampled')) AS represented`,
    [session.id],
  );
  const tubes = Object.fromEntries(TUBE_STATUSES.map((status) => [status, byStatus.find((row) => row.status === status)?.n ?? 0])) as Record<TubeStatus, number>;
  return {
    tubes,
    peopleSampled: people?.sampled ?? 0,
    peopleRepresented: people?.represented ?? 0,
    householdsNeedingSecondRepresentative: session.mode === 'household_representative' ? await householdsShortOfRepresentatives(db, session.id, null) : [],
  };
}
