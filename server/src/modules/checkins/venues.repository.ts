// SQL of venues. Reads by staff are scoped by the venue's commune (units.path).
import type { Queryable } from '../../db/database.js';
import { unitInScopeSql } from '../../platform/scope.js';
import type { VenueKind } from './schema.js';

export interface VenueRow {
  id: string;
  code: string | null;
  name: string;
  kind: VenueKind;
  address: string | null;
  commune_code: string;
  commune_name: string;
  lat: number;
  lon: number;
  owner_name: string | null;
  owner_phone: string | null;
  default_dwell_minutes: number;
  code_version: number;
  status: 'active' | 'closed';
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = `v.id, v.code, v.name, v.kind, v.address, v.commune_code, u.name AS commune_name,
  ST_Y(v.position::geometry) AS lat, ST_X(v.position::geometry) AS lon, v.owner_name, v.owner_phone,
  v.default_dwell_minutes, v.code_version, v.status, v.created_at, v.updated_at`;
const FROM = 'venues v JOIN units u ON u.code = v.commune_code';

/** Every writable field of a venue, as stored. */
export interface VenueValues {
  code: string | null;
  name: string;
  kind: VenueKind;
  address: string | null;
  communeCode: string;
  lat: number;
  lon: number;
  ownerName: string | null;
  ownerPhone: string | null;
  defaultDwellMinutes: number;
  status: 'active' | 'closed';
}

const params = (v: VenueValues) => [v.code, v.name, v.kind, v.address, v.communeCode, v.lon, v.lat, v.ownerName, v.ownerPhone, v.defaultDwellMinutes, v.status];

export async function insertVenue(tx: Queryable, values: VenueValues): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO venues (code, name, kind, address, commune_code, position, owner_name, owner_phone, default_dwell_minutes, status)
     VALUES ($1, $2, $3, $4, $5, ST_SetSRID(ST_MakePoint($6, $7), 4326)::geography, $8, $9, $10, $11) RETURNING id`,
    params(values),
  );
  return row!.id;
}

export async function updateVenue(tx: Queryable, id: string, values: VenueValues): Promise<void> {
  await tx.query(
    `UPDATE venues SET code = $2, name = $3, kind = $4, address = $5, commune_code = $6,
       position = ST_SetSRID(ST_MakePoint($7, $8), 4326)::geography, owner_name = $9, owner_phone = $10,
       default_dwell_minutes = $11, status = $12, updated_at = now()
     WHERE id = $1`,
    [id, ...params(values)],
  );
}

export async function raiseCodeVersion(tx: Queryable, id: string): Promise<void> {
  await tx.query('UPDATE venues SET code_version = code_version + 1, updated_at = now() WHERE id = $1', [id]);
}

/** One venue; with a scope, only when its commune lies inside it. */
export async function findVenue(db: Queryable, id: string, scope: string | null = null, lock = false): Promise<VenueRow | null> {
  const [row] = await db.query<VenueRow>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE v.id = $1 AND ${unitInScopeSql('v.commune_code', 2)}${lock ? ' FOR UPDATE OF v' : ''}`,
    [id, scope],
  );
  return row ?? null;
}

export interface VenueFilter {
  /** the search text as typed: matched against the venue's own code */
  text: string | null;
  /** the search text folded: matched inside the folded name */
  folded: string | null;
  kind: VenueKind | null;
  unitCode: string | null;
  status: 'active' | 'closed' | null;
}

export async function listVenues(db: Queryable, filter: VenueFilter, scope: string | null, limit: number, offset: number) {
  const where = `${unitInScopeSql('v.commune_code', 1)}
    AND ($2::text IS NULL OR v.kind = $2)
    AND ($3::text IS NULL OR $3 = ANY (u.path))
    AND ($4::text IS NULL OR v.status = $4)
    AND ($5::text IS NULL OR lower(v.code) = lower($6) OR v.name_folded LIKE '%' || $5 || '%')`;
  const values = [scope, filter.kind, filter.unitCode, filter.status, filter.folded, filter.text];
  const [count] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${FROM} WHERE ${where}`, values);
  const rows = await db.query<VenueRow>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE ${where} ORDER BY u.name, v.name, v.id LIMIT $7 OFFSET $8`,
    [...values, limit, offset],
  );
  return { rows, total: count!.n };
}

export async function idsByCode(db: Queryable, codes: string[]): Promise<Map<string, { id: string; communeCode: string }>> {
  if (codes.length === 0) return new Map();
  const rows = await db.query<{ id: string; code: string; commune_code: string }>('SELECT id, code, commune_code FROM venues WHERE code = ANY ($1::text[])', [codes]);
  return new Map(rows.map((row) => [row.code, { id: row.id, communeCode: row.commune_code }]));
}

/** Active venues of a unit (commune, district or province), in print order. */
export async function venuesOfUnit(db: Queryable, unitCode: string): Promise<VenueRow[]> {
  return db.query<VenueRow>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE $1 = ANY (u.path) AND v.status = 'active' ORDER BY u.name, v.name, v.id`,
    [unitCode],
  );
}
