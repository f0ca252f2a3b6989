// SQL of tubes: one tube in scope (the commune of its session), its members, sealing and removing a wrong scan.
import type { Queryable } from '../../db/database.js';
import { unitInScopeSql } from '../../platform/scope.js';
import type { MemberRole, Tube, TubeKind, TubeMember, TubeStatus } from './collection.schema.js';

export interface TubeRow {
  id: string;
  barcode: string;
  session_id: string;
  commune_code: string;
  kind: TubeKind;
  origin: Tube['origin'];
  parent_tube_id: string | null;
  capacity: number;
  status: TubeStatus;
  sampled: number;
  represented: number;
  opened_at: Date;
  sealed_at: Date | null;
  received_at: Date | null;
  resulted_at: Date | null;
}

const COLUMNS = `t.id, t.barcode, t.session_id, t.commune_code, t.kind, t.origin, t.parent_tube_id, t.capacity, t.status,
  (SELECT count(*)::int FROM tube_members m WHERE m.tube_id = t.id AND m.role = 'sampled') AS sampled,
  (SELECT count(*)::int FROM tube_members m WHERE m.tube_id = t.id AND m.role = 'represented') AS represented,
  t.opened_at, t.sealed_at, t.received_at, t.resulted_at`;

const iso = (at: Date | null) => at?.toISOString() ?? null;

/** The whitelist of what leaves the server about a tube. */
export function presentTube(row: TubeRow): Tube {
  return {
    id: row.id, barcode: row.barcode, sessionId: row.session_id, communeCode: row.commune_code, kind: row.kind, origin: row.origin,
    parentTubeId: row.parent_tube_id, capacity: row.capacity, status: row.status, sampled: row.sampled, represented: row.represented,
    openedAt: row.opened_at.toISOString(), sealedAt: iso(row.sealed_at), receivedAt: iso(row.received_at), resultedAt: iso(row.resulted_at),
  };
}

/** A tube in the scope (null: everywhere), or null as if it did not exist; `lock` until the transaction ends. */
export async function findTubeInScope(db: Queryable, barcode: string, scope: string | null, lock = false): Promise<TubeRow | null> {
  if (lock) {
    // FOR UPDATE cannot sit beside the counting subqueries: lock first, then read
    const [locked] = await db.query<{ id: string }>(`SELECT t.id FROM tubes t WHERE t.barcode = $1 AND ${unitInScopeSql('t.commune_code', 2)} FOR UPDATE`, [barcode, scope]);
    if (!locked) return null;
  }
  const [row] = await db.query<TubeRow>(`SELECT ${COLUMNS} FROM tubes t WHERE t.barcode = $1 AND ${unitInScopeSql('t.commune_code', 2)}`, [barcode, scope]);
  return row ?? null;
}

export async function sealTube(tx: Queryable, id: string): Promise<void> {
  await tx.query(`UPDATE tubes SET status = 'sealed', sealed_at = now() WHERE id = $1 AND status = 'collecting'`, [id]);
}

interface MemberRow {
  id: string;
  person_id: string;
  full_name: string;
  birth_year: number;
  role: MemberRole;
  represented_by: string | null;
  household_id: string | null;
  organisation_id: string | null;
  team: string | null;
  sampled_at: Date | null;
  recorded_at: Date;
}

export async function membersWithNames(db: Queryable, tubeId: string): Promise<TubeMember[]> {
  const rows = await db.query<MemberRow>(
    `SELECT m.id, m.person_id, p.full_name, p.birth_year, m.role, m.represented_by, m.household_id, m.organisation_id, m.team, m.sampled_at, m.recorded_at
     FROM tube_members m JOIN people p ON p.id = m.person_id WHERE m.tube_id = $1
     ORDER BY m.role DESC, m.recorded_at, p.name_folded`,
    [tubeId],
  );
  return rows.map((row) => ({
    personId: row.person_id, fullName: row.full_name, birthYear: row.birth_year, role: row.role, representedBy: row.represented_by,
    householdId: row.household_id, organisationId: row.organisation_id, team: row.team, sampledAt: iso(row.sampled_at), recordedAt: row.recorded_at.toISOString(),
  }));
}

/** Removes the person from the tube, and those they represent in it; returns the rows removed. */
export async function removeMember(tx: Queryable, tubeId: string, personId: string): Promise<{ id: string; person_id: string; role: MemberRole }[]> {
  return tx.query<{ id: string; person_id: string; role: MemberRole }>(
    `DELETE FROM tube_members WHERE tube_id = $1 AND (person_id = $2 OR represented_by = $2) RETURNING id, person_id, role`,
    [tubeId, personId],
  );
}

/** Households of the people sampled into the tube (null for those without one). */
export async function sampledHouseholds(db: Queryable, tubeId: string): Promise<(string | null)[]> {
  const rows = await db.query<{ household_id: string | null }>(`SELECT household_id FROM tube_members WHERE tube_id = $1 AND role = 'sampled'`, [tubeId]);
  return rows.map((row) => row.household_id);
}

/** A page of a session's tubes (no people): collectors' tubes by opening, then planned retests. */
export async function pageOfSessionTubes(db: Queryable, sessionId: string, status: TubeStatus | undefined, limit: number, offset: number): Promise<{ rows: TubeRow[]; total: number }> {
  const where = `t.session_id = $1 AND ($2::text IS NULL OR t.status = $2)`;
  const rows = await db.query<TubeRow>(
    `SELECT ${COLUMNS} FROM tubes t WHERE ${where} ORDER BY t.origin = 'collected' DESC, t.opened_at, t.barcode LIMIT $3 OFFSET $4`,
    [sessionId, status ?? null, limit, offset],
  );
  const [count] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM tubes t WHERE ${where}`, [sessionId, status ?? null]);
  return { rows, total: count?.n ?? 0 };
}

/** Every tube of a session for its label sheet: those opened by collectors first, then planned retests. */
export async function tubesOfSession(db: Queryable, sessionId: string): Promise<{ barcode: string; kind: TubeKind; origin: Tube['origin'] }[]> {
  return db.query<{ barcode: string; kind: TubeKind; origin: Tube['origin'] }>(
    `SELECT barcode, kind, origin FROM tubes WHERE session_id = $1 ORDER BY origin = 'collected' DESC, opened_at, barcode`,
    [sessionId],
  );
}
