import type { Queryable } from '../../db/database.js';
import type { Unit, UnitLevel } from './schema.js';

interface UnitRow {
  code: string;
  name: string;
  short_name: string;
  type: string;
  level: UnitLevel;
  parent_code: string | null;
  population: number | null;
  population_year: number | null;
  population_source: string | null;
  has_boundary: boolean;
  geometry?: unknown;
}

const COLUMNS = `code, name, short_name, type, level, parent_code, population, population_year, population_source,
  boundary IS NOT NULL AS has_boundary`;
const LEVEL_ORDER = `CASE level WHEN 'province' THEN 1 WHEN 'district' THEN 2 ELSE 3 END`;

function present(row: UnitRow): Unit {
  const unit: Unit = {
    code: row.code,
    name: row.name,
    shortName: row.short_name,
    type: row.type,
    level: row.level,
    parentCode: row.parent_code,
    population: row.population,
    populationYear: row.population_year,
    populationSource: row.population_source,
    hasBoundary: row.has_boundary,
  };
  if ('geometry' in row) unit.geometry = typeof row.geometry === 'string' ? JSON.parse(row.geometry) : row.geometry;
  return unit;
}

export async function listUnits(db: Queryable, filter: { level?: UnitLevel | undefined; parent?: string | undefined }): Promise<Unit[]> {
  const rows = await db.query<UnitRow>(
    `SELECT ${COLUMNS} FROM units
     WHERE ($1::text IS NULL OR level = $1) AND ($2::text IS NULL OR parent_code = $2)
     ORDER BY ${LEVEL_ORDER}, code`,
    [filter.level ?? null, filter.parent ?? null],
  );
  return rows.map(present);
}

export async function findUnit(db: Queryable, code: string, withGeometry = false): Promise<Unit | null> {
  const geometry = withGeometry ? ', ST_AsGeoJSON(boundary, 6) AS geometry' : '';
  const [row] = await db.query<UnitRow>(`SELECT ${COLUMNS}${geometry} FROM units WHERE code = $1`, [code]);
  return row ? present(row) : null;
}

export async function existingCodes(db: Queryable, codes: string[]): Promise<Set<string>> {
  const rows = await db.query<{ code: string }>('SELECT code FROM units WHERE code = ANY ($1::text[])', [codes]);
  return new Set(rows.map((row) => row.code));
}

export async function setPopulation(tx: Queryable, code: string, population: number, year: number, source: string | null): Promise<void> {
  await tx.query(
    `UPDATE units SET population = $2, population_year = $3, population_source = $4, updated_at = now() WHERE code = $1`,
    [code, population, year, source],
  );
}

export interface UnitRecord {
  code: string;
  name: string;
  shortName: string;
  type: string;
  level: UnitLevel;
  parentCode: string | null;
  population?: number | null | undefined;
  populationYear?: number | null | undefined;
  populationSource?: string | null | undefined;
}

/** Inserts or updates one unit; its parent must already exist. A population left out is kept. */
export async function upsertUnit(tx: Queryable, unit: UnitRecord): Promise<'inserted' | 'updated'> {
  const [row] = await tx.query<{ inserted: boolean }>(
    `INSERT INTO units (code, name, short_name, type, level, parent_code, path, population, population_year, population_source)
     VALUES ($1, $2, $3, $4, $5, $6,
       COALESCE((SELECT path FROM units WHERE code = $6), ARRAY[]::text[]) || $1::text, $7, $8, $9)
     ON CONFLICT (code) DO UPDATE SET
       name = EXCLUDED.name, short_name = EXCLUDED.short_name, type = EXCLUDED.type, level = EXCLUDED.level,
       parent_code = EXCLUDED.parent_code, path = EXCLUDED.path,
       population = COALESCE(EXCLUDED.population, units.population),
       population_year = COALESCE(EXCLUDED.population_year, units.population_year),
       population_source = COALESCE(EXCLUDED.population_source, units.population_source),
       updated_at = now()
     RETURNING (xmax = 0) AS inserted`,
    [unit.code, unit.name, unit.shortName, unit.type, unit.level, unit.parentCode, unit.population ?? null, unit.populationYear ?? null, unit.populationSource ?? null],
  );
  return row?.inserted ? 'inserted' : 'updated';
}

export async function setBoundary(tx: Queryable, code: string, geojson: string): Promise<void> {
  await tx.query(
    `UPDATE units SET boundary = ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($2), 4326)), updated_at = now() WHERE code = $1`,
    [code, geojson],
  );
}

/** PostGIS's verdict on a GeoJSON geometry: null when valid, else the reason. */
export async function geometryProblem(db: Queryable, geojson: string): Promise<string | null> {
  const [row] = await db.query<{ valid: boolean; reason: string }>(
    `SELECT ST_IsValid(g) AS valid, ST_IsValidReason(g) AS reason FROM (SELECT ST_GeomFromGeoJSON($1) AS g) s`,
    [geojson],
  );
  return row?.valid ? null : (row?.reason ?? 'invalid geometry');
}

export async function codesWithoutBoundary(db: Queryable): Promise<string[]> {
  const rows = await db.query<{ code: string }>(`SELECT code FROM units WHERE boundary IS NULL ORDER BY ${LEVEL_ORDER}, code`);
  return rows.map((row) => row.code);
}

export async function countUnits(db: Queryable): Promise<number> {
  const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM units');
  return row?.n ?? 0;
}
