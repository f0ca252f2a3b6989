import type { Queryable } from '../../db/database.js';
import { unitInScopeSql } from '../../platform/scope.js';
import type { Place, PlaceKind, PlaceStatus } from './schema.js';

export interface PlaceRow {
  id: string;
  code: string | null;
  kind: PlaceKind;
  name: string;
  address: string | null;
  commune_code: string;
  commune_name: string;
  lat: number;
  lon: number;
  opening_hours: string | null;
  phone: string | null;
  capacity: number | null;
  status: PlaceStatus;
  valid_from: string | null;
  valid_to: string | null;
  notes: string | null;
  updated_at: Date;
}

export const PLACE_COLUMNS = `p.id, p.code, p.kind, p.name, p.address, p.commune_code, u.name AS commune_name,
  ST_Y(p.position::geometry) AS lat, ST_X(p.position::geometry) AS lon, p.opening_hours, p.phone, p.capacity,
  p.status, p.valid_from, p.valid_to, p.notes, p.updated_at`;
const FROM = 'places p JOIN units u ON u.code = p.commune_code';

export function presentPlace(row: PlaceRow): Place {
  return {
    id: row.id, code: row.code, kind: row.kind, name: row.name, address: row.address, communeCode: row.commune_code,
    communeName: row.commune_name, lat: row.lat, lon: row.lon, openingHours: row.opening_hours, phone: row.phone,
    capacity: row.capacity, status: row.status, validFrom: row.valid_from, validTo: row.valid_to, notes: row.notes,
    updatedAt: row.updated_at.toISOString(),
  };
}

/** Every writable field of a place, as stored. */
export interface PlaceValues {
  code: string | null;
  kind: PlaceKind;
  name: string;
  address: string | null;
  communeCode: string;
  lat: number;
  lon: number;
  openingHours: string | null;
  phone: string | null;
  capacity: number | null;
  status: PlaceStatus;
  validFrom: string | null;
  validTo: string | null;
  notes: string | null;
}

const valueParams = (v: PlaceValues) => [
  v.code, v.kind, v.name, v.address, v.communeCode, v.lon, v.lat, v.openingHours, v.phone, v.capacity, v.status, v.validFrom, v.validTo, v.notes,
];

export async function insertPlace(tx: Queryable, values: PlaceValues): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO places (code, kind, name, address, commune_code, position, opening_hours, phone, capacity, status, valid_from, valid_to, notes)
     VALUES ($1, $2, $3, $4, $5, ST_SetSRID(ST_MakePoint($6, $7), 4326)::geography, $8, $9, $10, $11, $12, $13, $14)
     RETURNING id`,
    valueParams(values),
  );
  return row!.id;
}

export async function updatePlace(tx: Queryable, id: string, values: PlaceValues): Promise<void> {
  await tx.query(
    `UPDATE places SET code = $2, kind = $3, name = $4, address = $5, commune_code = $6,
       position = ST_SetSRID(ST_MakePoint($7, $8), 4326)::geography, opening_hours = $9, phone = $10, capacity = $11,
       status = $12, valid_from = $13, valid_to = $14, notes = $15, updated_at = now()
     WHERE id = $1`,
    [id, ...valueParams(values)],
  );
}

export async function findPlace(db: Queryable, id: string, scopeUnit?: string | null, lock = false): Promise<PlaceRow | null> {
  const scoped = scopeUnit === undefined ? '' : `AND ${unitInScopeSql('p.commune_code', 2)}`;
  const params = scopeUnit === undefined ? [id] : [id, scopeUnit];
  const [row] = await db.query<PlaceRow>(`SELECT ${PLACE_COLUMNS} FROM ${FROM} WHERE p.id = $1 ${scoped}${lock ? ' FOR UPDATE OF p' : ''}`, params);
  return row ?? null;
}

export async function idsByCode(db: Queryable, codes: string[]): Promise<Map<string, { id: string; communeCode: string }>> {
  const rows = await db.query<{ id: string; code: string; commune_code: string }>('SELECT id, code, commune_code FROM places WHERE code = ANY ($1::text[])', [codes]);
  return new Map(rows.map((row) => [row.code, { id: row.id, communeCode: row.commune_code }]));
}

export interface PlaceFilter {
  kinds: PlaceKind[] | null;
  bbox: [number, number, number, number] | null;
  status: PlaceStatus | null;
  unitCode: string | null;
  folded: string | null;
}

export async function listPlaces(db: Queryable, filter: PlaceFilter, limit: number, offset: number): Promise<{ rows: PlaceRow[]; total: number }> {
  const where = `($1::text[] IS NULL OR p.kind = ANY ($1::text[]))
    AND ($2::float8[] IS NULL OR p.position::geometry && ST_MakeEnvelope($2[1], $2[2], $2[3], $2[4], 4326))
    AND ($3::text IS NULL OR p.status = $3)
    AND ($4::text IS NULL OR $4 = ANY (u.path))
    AND ($5::text IS NULL OR lower(p.name || ' ' || coalesce(p.address, '')) LIKE '%' || $5 || '%'
         OR translate(lower(p.name || ' ' || coalesce(p.address, '')), $6, $7) LIKE '%' || $5 || '%')`;
  const params = [filter.kinds, filter.bbox, filter.status, filter.unitCode, filter.folded, FOLD_FROM, FOLD_TO];
  const [count] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${FROM} WHERE ${where}`, params);
  const rows = await db.query<PlaceRow>(`SELECT ${PLACE_COLUMNS} FROM ${FROM} WHERE ${where} ORDER BY p.kind, p.name, p.id LIMIT $8 OFFSET $9`, [...params, limit, offset]);
  return { rows, total: count?.n ?? 0 };
}

/** Every place, for the open-data export. */
export async function allPlaces(db: Queryable): Promise<PlaceRow[]> {
  return db.query<PlaceRow>(`SELECT ${PLACE_COLUMNS} FROM ${FROM} ORDER BY p.kind, p.name, p.id`);
}

// Vietnamese letters with marks → plain letters, for matching folded search text in SQL on both engines.
const FOLD_FROM = 'àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ';
const FOLD_TO = 'aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd';
