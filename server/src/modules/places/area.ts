// "Inside the province": inside the union of the imported boundaries of the province's units
// when any were imported, otherwise inside the configured bounding box (VIGIL_PROVINCE_BBOX,
// Hậu Giang's by default). The error says which test was applied, so staff know whether a
// missing boundary is the cause.
import { type Bbox, DEFAULT_PROVINCE_BBOX } from '../../config.js';
import type { Queryable } from '../../db/database.js';

const bboxText = (box: Bbox) => `lon ${box[0]}–${box[2]}, lat ${box[1]}–${box[3]}`;

interface AreaVerdict {
  hasBoundaries: boolean;
  inside: boolean;
  name: string;
}

async function verdict(db: Queryable, provinceCode: string, geometrySql: string, test: 'point' | 'area', params: unknown[]): Promise<AreaVerdict> {
  const predicate = test === 'point' ? 'ST_Covers(u.boundary, g.geom)' : 'ST_Intersects(u.boundary, g.geom)';
  const [row] = await db.query<{ has_boundaries: boolean; inside: boolean; name: string | null }>(
    `WITH g AS (SELECT ${geometrySql} AS geom)
     SELECT EXISTS (SELECT 1 FROM units u WHERE u.path[1] = $1 AND u.boundary IS NOT NULL) AS has_boundaries,
            EXISTS (SELECT 1 FROM units u, g WHERE u.path[1] = $1 AND u.boundary IS NOT NULL AND ${predicate}) AS inside,
            (SELECT name FROM units WHERE code = $1) AS name`,
    [provinceCode, ...params],
  );
  return { hasBoundaries: row?.has_boundaries ?? false, inside: row?.inside ?? false, name: row?.name ?? `province ${provinceCode}` };
}

const insideBox = (box: Bbox, lat: number, lon: number) => lon >= box[0] && lon <= box[2] && lat >= box[1] && lat <= box[3];

/** Why a point cannot be in this province, or null when it can. `box`: the configured VIGIL_PROVINCE_BBOX. */
export async function pointOutsideProvince(db: Queryable, provinceCode: string, lat: number, lon: number, box: Bbox = DEFAULT_PROVINCE_BBOX): Promise<string | null> {
  const result = await verdict(db, provinceCode, 'ST_SetSRID(ST_MakePoint($2, $3), 4326)', 'point', [lon, lat]);
  if (result.hasBoundaries) return result.inside ? null : `lies outside ${result.name} (outside the imported boundaries of its units)`;
  return insideBox(box, lat, lon) ? null : `lies outside ${result.name} (outside its bounding box ${bboxText(box)}; no unit boundaries are imported)`;
}

/** Why a (valid) GeoJSON area cannot be in this province, or null when it can. */
export async function areaOutsideProvince(db: Queryable, provinceCode: string, geojson: string, box: Bbox = DEFAULT_PROVINCE_BBOX): Promise<string | null> {
  const result = await verdict(db, provinceCode, 'ST_SetSRID(ST_GeomFromGeoJSON($2), 4326)', 'area', [geojson]);
  if (result.hasBoundaries) return result.inside ? null : `lies outside ${result.name} (it touches none of the imported boundaries of its units)`;
  const [row] = await db.query<{ inside: boolean }>(
    'SELECT ST_CoveredBy(ST_SetSRID(ST_GeomFromGeoJSON($1), 4326), ST_MakeEnvelope($2, $3, $4, $5, 4326)) AS inside',
    [geojson, ...box],
  );
  return row?.inside ? null : `lies outside ${result.name} (not within its bounding box ${bboxText(box)}; no unit boundaries are imported)`;
}

/** The province code of a unit (first element of its path), or null for an unknown unit. */
export async function provinceOf(db: Queryable, unitCode: string): Promise<string | null> {
  const [row] = await db.query<{ province: string }>('SELECT path[1] AS province FROM units WHERE code = $1', [unitCode]);
  return row?.province ?? null;
}

/** Bulk form of pointOutsideProvince for imports: the reason for each point outside (by index). */
export async function pointsOutsideProvince(db: Queryable, provinceCode: string, points: readonly { lat: number; lon: number }[], box: Bbox = DEFAULT_PROVINCE_BBOX): Promise<Map<number, string>> {
  const outside = new Map<number, string>();
  if (points.length === 0) return outside;
  const [first] = points;
  const sample = await verdict(db, provinceCode, 'ST_SetSRID(ST_MakePoint($2, $3), 4326)', 'point', [first!.lon, first!.lat]);
  if (sample.hasBoundaries) {
    const rows = await db.query<{ i: number }>(
      `SELECT p.i FROM unnest($2::float8[], $3::float8[]) WITH ORDINALITY AS p(lon, lat, i)
       WHERE NOT EXISTS (SELECT 1 FROM units u WHERE u.path[1] = $1 AND u.boundary IS NOT NULL
                           AND ST_Covers(u.boundary, ST_SetSRID(ST_MakePoint(p.lon, p.lat), 4326)))`,
      [provinceCode, points.map((p) => p.lon), points.map((p) => p.lat)],
    );
    for (const { i } of rows) outside.set(i - 1, `lies outside ${sample.name} (outside the imported boundaries of its units)`);
    return outside;
  }
  points.forEach((p, i) => {
    if (!insideBox(box, p.lat, p.lon)) outside.set(i, `lies outside ${sample.name} (outside its bounding box ${bboxText(box)}; no unit boundaries are imported)`);
  });
  return outside;
}

/** The province's area as the public map opens on it: where it comes from, and its box. */
export interface ProvinceArea {
  bbox: Bbox;
  /** `boundaries`: the extent of the imported boundaries of its units; `configuration`: VIGIL_PROVINCE_BBOX. */
  from: 'boundaries' | 'configuration';
}

/**
 * The extent of the imported boundaries of the province's units (the province's own, or its
 * districts' and communes'), or the configured box while none is imported. Every province of the
 * unit tree counts (a deployment serves one).
 */
export async function provinceArea(db: Queryable, box: Bbox): Promise<ProvinceArea> {
  const [row] = await db.query<{ west: number | null; south: number | null; east: number | null; north: number | null }>(
    `SELECT ST_XMin(e) AS west, ST_YMin(e) AS south, ST_XMax(e) AS east, ST_YMax(e) AS north
       FROM (SELECT ST_Extent(boundary)::geometry AS e FROM units WHERE boundary IS NOT NULL) AS extent`,
  );
  if (row?.west == null || row.south == null || row.east == null || row.north == null) return { bbox: box, from: 'configuration' };
  const round = (degrees: number) => Math.round(degrees * 1e5) / 1e5; // about a metre: plenty for a view
  return { bbox: [round(row.west), round(row.south), round(row.east), round(row.north)], from: 'boundaries' };
}
