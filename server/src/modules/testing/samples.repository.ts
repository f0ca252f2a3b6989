// SQL of taking samples: earlier scans (repeats), tubes opened and locked, members written.
import type { Queryable } from '../../db/database.js';
import type { MemberRole, TubeKind, TubeStatus } from './collection.schema.js';

export interface StoredScan {
  id: string;
  tube_id: string;
  barcode: string;
  session_id: string;
  person_id: string;
  role: MemberRole;
}

/**
 * Scans already stored under these ids, and scans removed as wrong (the audit row of the removal
 * keeps what it was): a phone that sends either again changes nothing.
 */
export async function storedScans(db: Queryable, ids: string[]): Promise<Map<string, StoredScan>> {
  if (ids.length === 0) return new Map();
  const stored = await db.query<StoredScan>(
    `SELECT m.id, m.tube_id, t.barcode, t.session_id, m.person_id, m.role FROM tube_members m JOIN tubes t ON t.id = m.tube_id WHERE m.id = ANY ($1::uuid[])`,
    [ids],
  );
  const removed = await db.query<{ entity_id: string; detail: { tubeId: string; barcode: string; sessionId: string; personId: string; role: MemberRole } }>(
    `SELECT entity_id, detail FROM audit_log WHERE entity = 'tube_member' AND action = 'remove' AND entity_id = ANY ($1::text[])`,
    [ids],
  );
  const scans = new Map<string, StoredScan>();
  for (const row of removed) {
    scans.set(row.entity_id, { id: row.entity_id, tube_id: row.detail.tubeId, barcode: row.detail.barcode, session_id: row.detail.sessionId, person_id: row.detail.personId, role: row.detail.role });
  }
  for (const row of stored) scans.set(row.id, row);
  return scans;
}

export interface LockedTube {
  id: string;
  barcode: string;
  session_id: string;
  kind: TubeKind;
  origin: 'collected' | 'aliquot' | 'resample';
  capacity: number;
  status: TubeStatus;
  /** opened by this request */
  opened: boolean;
}

const TUBE_COLUMNS = 'id, barcode, session_id, kind, origin, capacity, status';

export interface TubeOpening {
  barcode: string;
  sessionId: string;
  communeCode: string;
  kind: TubeKind;
  capacity: number;
}

/**
 * The tubes with these barcodes, locked until the transaction ends (so two requests filling one
 * take turns and the second counts the first's members); those that do not exist yet are opened
 * as given. Locks are taken in barcode order. A tube another request opens at the same moment
 * makes our insert wait for it, and is then locked like the others.
 */
export async function openAndLockTubes(tx: Queryable, openings: TubeOpening[], openedBy: string): Promise<LockedTube[]> {
  const sorted = [...openings].sort((a, b) => (a.barcode < b.barcode ? -1 : a.barcode > b.barcode ? 1 : 0));
  const lock = async (barcodes: string[]) => barcodes.length === 0 ? [] : tx.query<Omit<LockedTube, 'opened'>>(
    `SELECT ${TUBE_COLUMNS} FROM tubes WHERE barcode = ANY ($1::text[]) ORDER BY barcode FOR UPDATE`,
    [barcodes],
  );
  const existing = await lock(sorted.map((o) => o.barcode));
  const found = new Set(existing.map((row) => row.barcode));
  const missing = sorted.filter((o) => !found.has(o.barcode));
  const created = missing.length === 0 ? [] : await tx.query<Omit<LockedTube, 'opened'>>(
    `INSERT INTO tubes (barcode, session_id, commune_code, kind, capacity, opened_by)
     SELECT o.*, $6::uuid FROM unnest($1::text[], $2::uuid[], $3::text[], $4::text[], $5::int[]) AS o(barcode, session_id, commune_code, kind, capacity)
     ON CONFLICT (barcode) DO NOTHING RETURNING ${TUBE_COLUMNS}`,
    [missing.map((o) => o.barcode), missing.map((o) => o.sessionId), missing.map((o) => o.communeCode), missing.map((o) => o.kind), missing.map((o) => o.capacity), openedBy],
  );
  const opened = new Set(created.map((row) => row.barcode));
  const raced = await lock(missing.filter((o) => !opened.has(o.barcode)).map((o) => o.barcode));
  return [
    ...existing.map((row) => ({ ...row, opened: false })),
    ...created.map((row) => ({ ...row, opened: true })),
    ...raced.map((row) => ({ ...row, opened: false })),
  ];
}

export interface MemberState {
  tube_id: string;
  person_id: string;
  role: MemberRole;
  household_id: string | null;
}

export async function membersOf(db: Queryable, tubeIds: string[]): Promise<MemberState[]> {
  if (tubeIds.length === 0) return [];
  return db.query<MemberState>('SELECT tube_id, person_id, role, household_id FROM tube_members WHERE tube_id = ANY ($1::uuid[])', [tubeIds]);
}

export interface NewMember {
  id: string;
  tubeId: string;
  personId: string;
  role: MemberRole;
  representedBy: string | null;
  householdId: string | null;
  organisationId: string | null;
  team: string | null;
  sampledAt: Date | null;
}

export async function insertMembers(tx: Queryable, members: NewMember[], collectedBy: string): Promise<void> {
  if (members.length === 0) return;
  await tx.query(
    `INSERT INTO tube_members (id, tube_id, person_id, role, represented_by, household_id, organisation_id, team, sampled_at, collected_by)
     SELECT m.*, $10::uuid FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::uuid[], $6::uuid[], $7::uuid[], $8::text[], $9::timestamptz[])
       AS m(id, tube_id, person_id, role, represented_by, household_id, organisation_id, team, sampled_at)`,
    [
      members.map((m) => m.id), members.map((m) => m.tubeId), members.map((m) => m.personId), members.map((m) => m.role), members.map((m) => m.representedBy),
      members.map((m) => m.householdId), members.map((m) => m.organisationId), members.map((m) => m.team), members.map((m) => m.sampledAt), collectedBy,
    ],
  );
}

/** A person represented in the tube was sampled after all: the row becomes theirs, under the scan's id. */
export async function upgradeToSampled(tx: Queryable, member: NewMember, collectedBy: string): Promise<void> {
  await tx.query(
    `UPDATE tube_members SET id = $3, role = 'sampled', represented_by = NULL, sampled_at = $4, team = coalesce($5, team),
       organisation_id = coalesce($6, organisation_id), collected_by = $7, recorded_at = now()
     WHERE tube_id = $1 AND person_id = $2 AND role = 'represented'`,
    [member.tubeId, member.personId, member.id, member.sampledAt, member.team, member.organisationId, collectedBy],
  );
}

/** Each tube's limit as its members now stand (the household rule can raise or lower it). */
export async function setCapacities(tx: Queryable, capacities: { tubeId: string; capacity: number }[]): Promise<void> {
  if (capacities.length === 0) return;
  await tx.query(
    `UPDATE tubes t SET capacity = u.capacity FROM unnest($1::uuid[], $2::int[]) AS u(id, capacity) WHERE t.id = u.id AND t.capacity <> u.capacity`,
    [capacities.map((c) => c.tubeId), capacities.map((c) => c.capacity)],
  );
}

export async function householdsOf(db: Queryable, personIds: string[]): Promise<Map<string, string>> {
  if (personIds.length === 0) return new Map();
  const rows = await db.query<{ person_id: string; household_id: string }>('SELECT person_id, household_id FROM household_members WHERE person_id = ANY ($1::uuid[])', [[...new Set(personIds)]]);
  return new Map(rows.map((row) => [row.person_id, row.household_id]));
}

/** Members of the organisation among these people, with their team. */
export async function organisationTeams(db: Queryable, organisationId: string, personIds: string[]): Promise<Map<string, string | null>> {
  if (personIds.length === 0) return new Map();
  const rows = await db.query<{ person_id: string; team: string | null }>(
    'SELECT person_id, team FROM organisation_members WHERE organisation_id = $1 AND person_id = ANY ($2::uuid[])',
    [organisationId, [...new Set(personIds)]],
  );
  return new Map(rows.map((row) => [row.person_id, row.team]));
}
