import type { Queryable } from '../../db/database.js';
import { unitInScopeSql } from '../../platform/scope.js';
import type { Zone, ZoneKind, ZoneStatus } from './schema.js';

interface ZoneRow {
  id: string;
  kind: ZoneKind;
  name: string;
  unit_code: string;
  unit_name: string;
  starts_on: string;
  ends_on: string | null;
  status: ZoneStatus;
  decision_number: string | null;
  decision_date: string | null;
  decision_body: string | null;
  description: string | null;
  geometry: string;
  updated_at: Date;
}

const COLUMNS = `z.id, z.kind, z.name, z.unit_code, u.name AS unit_name, z.starts_on, z.ends_on, z.status, z.decision_number,
  z.decision_date, z.decision_body, z.description, ST_AsGeoJSON(z.area, 6) AS geometry, z.updated_at`;
const FROM = 'zones z JOIN units u ON u.code = z.unit_code';
/** Active on the date $n: in force by its dates and not lifted or cancelled. */
const activeOn = (param: number) => `z.status = 'active' AND z.starts_on <= $${param}::date AND (z.ends_on IS NULL OR z.ends_on >= $${param}::date)`;

export function presentZone(row: ZoneRow): Zone {
  return {
    id: row.id, kind: row.kind, name: row.name, unitCode: row.unit_code, unitName: row.unit_name, startsOn: row.starts_on, endsOn: row.ends_on,
    status: row.status, decision: { number: row.decision_number, date: row.decision_date, issuedBy: row.decision_body },
    description: row.description, geometry: JSON.parse(row.geometry) as unknown, updatedAt: row.updated_at.toISOString(),
  };
}

export interface ZoneValues {
  kind: ZoneKind;
  name: string;
  unitCode: string;
  geojson: string;
  startsOn: string;
  endsOn: string | null;
  status: ZoneStatus;
  decisionNumber: string | null;
  decisionDate: string | null;
  decisionBody: string | null;
  description: string | null;
}

const params = (v: ZoneValues) => [v.kind, v.name, v.unitCode, v.geojson, v.startsOn, v.endsOn, v.status, v.decisionNumber, v.decisionDate, v.decisionBody, v.description];

export async function insertZone(tx: Queryable, values: ZoneValues): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO zones (kind, name, unit_code, area, starts_on, ends_on, status, decision_number, decision_date, decision_body, description)
     VALUES ($1, $2, $3, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($4), 4326)), $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
    params(values),
  );
  return row!.id;
}

export async function updateZone(tx: Queryable, id: string, values: ZoneValues): Promise<void> {
  await tx.query(
    `UPDATE zones SET kind = $2, name = $3, unit_code = $4, area = ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($5), 4326)), starts_on = $6,
       ends_on = $7, status = $8, decision_number = $9, decision_date = $10, decision_body = $11, description = $12, updated_at = now()
     WHERE id = $1`,
    [id, ...params(values)],
  );
}

export async function findZone(db: Queryable, id: string, scopeUnit?: string | null, lock = false): Promise<Zone | null> {
  const scoped = scopeUnit === undefined ? '' : `AND ${unitInScopeSql('z.unit_code', 2)}`;
  const [row] = await db.query<ZoneRow>(`SELECT ${COLUMNS} FROM ${FROM} WHERE z.id = $1 ${scoped}${lock ? ' FOR UPDATE OF z' : ''}`, scopeUnit === undefined ? [id] : [id, scopeUnit]);
  return row ? presentZone(row) : null;
}

export async function listZones(db: Queryable, date: string | null, kind: ZoneKind | null): Promise<Zone[]> {
  const rows = await db.query<ZoneRow>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE ($1::date IS NULL OR (${activeOn(1)})) AND ($2::text IS NULL OR z.kind = $2)
     ORDER BY z.starts_on DESC, z.name, z.id`,
    [date, kind],
  );
  return rows.map(presentZone);
}

/** Zones active on the date whose area covers the point. */
export async function zonesCovering(db: Queryable, lat: number, lon: number, date: string): Promise<Zone[]> {
  const rows = await db.query<ZoneRow>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE ${activeOn(3)} AND ST_Covers(z.area, ST_SetSRID(ST_MakePoint($1, $2), 4326))
     ORDER BY z.kind, z.starts_on DESC`,
    [lon, lat, date],
  );
  return rows.map(presentZone);
}

/** PostGIS's verdict on a GeoJSON geometry: null when valid, else the reason (self-intersection at …). */
export async function geometryProblem(db: Queryable, geojson: string): Promise<string | null> {
  const [row] = await db.query<{ valid: boolean; reason: string }>(
    'SELECT ST_IsValid(g) AS valid, ST_IsValidReason(g) AS reason FROM (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), 4326) AS g) s',
    [geojson],
  );
  return row?.valid ? null : (row?.reason ?? 'invalid geometry');
}
