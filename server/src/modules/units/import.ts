// Loading another province's unit tree and official boundaries (vigil import units|boundaries).
// Everything is checked first; then all of it is written in one transaction, or nothing is.
import type { Database } from '../../db/database.js';
import { type Actor, SYSTEM_ACTOR } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import { unprocessable } from '../../platform/errors.js';
import * as repo from './repository.js';
import type { UnitLevel } from './schema.js';

const CODE_PATTERN: Record<UnitLevel, RegExp> = { province: /^\d{2}$/, district: /^\d{3}$/, commune: /^\d{5}$/ };
const PARENT_LEVEL: Record<UnitLevel, UnitLevel | null> = { province: null, district: 'province', commune: 'district' };
const LEVEL_RANK: Record<UnitLevel, number> = { province: 0, district: 1, commune: 2 };

export interface ImportUnitsResult {
  inserted: number;
  updated: number;
}

type Raw = Record<string, unknown>;
/** A JSON value that should be an object: {} when it is not, so property reads are safe. */
const asObject = (value: unknown): Raw => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Raw) : {});
const codeText = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');
const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

/** Accepts Vigil's own unit file ({units:[…]} in camelCase) and the snake_case form of public unit lists. */
export function parseUnitFile(doc: unknown): { units: repo.UnitRecord[]; problems: string[] } {
  const list = Array.isArray(doc) ? doc : (doc as Raw | null)?.units;
  if (!Array.isArray(list)) return { units: [], problems: ['the file must be a JSON array of units or an object with a "units" array'] };
  const units: repo.UnitRecord[] = [];
  const problems: string[] = [];
  list.forEach((value: unknown, index) => {
    const item = asObject(value);
    const where = `units[${index}]`;
    const code = text(item.code);
    const name = text(item.name);
    const level = text(item.level) as UnitLevel | undefined;
    if (!code || !name || !level || !(level in CODE_PATTERN)) {
      problems.push(`${where}: needs code, name and level (province, district or commune)`);
      return;
    }
    if (!CODE_PATTERN[level].test(code)) problems.push(`${where}.code: "${code}" is not a ${level} code`);
    const population = item.population;
    const populationValue = typeof population === 'object' && population !== null ? (population as Raw).value : population;
    if (populationValue != null && (!Number.isInteger(populationValue) || (populationValue as number) < 0)) {
      problems.push(`${where}.population: must be a whole number ≥ 0`);
    }
    const populationObject = typeof population === 'object' && population !== null ? (population as Raw) : undefined;
    units.push({
      code,
      name,
      shortName: text(item.shortName) ?? text(item.short_name) ?? name,
      type: text(item.type) ?? level,
      level,
      parentCode: text(item.parentCode) ?? text(item.parent_code) ?? null,
      population: (populationValue as number | null | undefined) ?? null,
      populationYear: ((item.populationYear ?? populationObject?.year) as number | undefined) ?? null,
      populationSource: text(item.populationSource) ?? text(populationObject?.basis) ?? text(populationObject?.source) ?? null,
    });
  });
  return { units, problems };
}

export async function importUnits(db: Database, doc: unknown, actor: Actor = SYSTEM_ACTOR): Promise<ImportUnitsResult> {
  const { units, problems } = parseUnitFile(doc);
  const byCode = new Map<string, repo.UnitRecord>();
  for (const unit of units) {
    if (byCode.has(unit.code)) problems.push(`unit ${unit.code} appears twice`);
    byCode.set(unit.code, unit);
  }
  const stored = await repo.listUnits(db, {});
  const storedLevel = new Map(stored.map((unit) => [unit.code, unit.level]));
  for (const unit of units) {
    const parentLevel = PARENT_LEVEL[unit.level];
    if (parentLevel === null) {
      if (unit.parentCode) problems.push(`unit ${unit.code}: a province has no parent`);
      continue;
    }
    const actual = unit.parentCode ? (byCode.get(unit.parentCode)?.level ?? storedLevel.get(unit.parentCode)) : undefined;
    if (actual !== parentLevel) problems.push(`unit ${unit.code}: parent "${unit.parentCode ?? ''}" is not a known ${parentLevel}`);
  }
  if (problems.length > 0) throw unprocessable(`the unit file was not imported: ${problems.slice(0, 20).join('; ')}`);

  const ordered = [...units].sort((a, b) => LEVEL_RANK[a.level] - LEVEL_RANK[b.level]);
  return db.transaction(async (tx) => {
    const result = { inserted: 0, updated: 0 };
    for (const unit of ordered) result[await repo.upsertUnit(tx, unit)] += 1;
    await audit(tx, actor, { action: 'import', entity: 'unit', detail: result });
    return result;
  });
}

export interface ImportBoundariesResult {
  imported: string[];
  unmatchedFeatures: string[];
  unitsWithoutBoundary: string[];
}

const ACCEPTED_CRS = /(EPSG::?4326|CRS84)$/i;

function coordinatesProblem(coordinates: unknown, depth: number): string | null {
  if (depth === 0) {
    if (!Array.isArray(coordinates) || coordinates.length < 2 || !coordinates.every((n) => typeof n === 'number' && Number.isFinite(n))) return 'a position must be [longitude, latitude]';
    const [lon, lat] = coordinates as number[];
    return lon! < -180 || lon! > 180 || lat! < -90 || lat! > 90 ? `position [${lon}, ${lat}] is not WGS84 longitude/latitude` : null;
  }
  if (!Array.isArray(coordinates) || coordinates.length === 0) return 'coordinates are empty';
  for (const child of coordinates) {
    const problem = coordinatesProblem(child, depth - 1);
    if (problem) return problem;
  }
  return null;
}

export async function importBoundaries(db: Database, doc: unknown, actor: Actor = SYSTEM_ACTOR): Promise<ImportBoundariesResult> {
  const collection = asObject(doc);
  if (collection.type !== 'FeatureCollection' || !Array.isArray(collection.features)) {
    throw unprocessable('the file must be a GeoJSON FeatureCollection');
  }
  const crsName = text(asObject(asObject(collection.crs).properties).name);
  if (crsName && !ACCEPTED_CRS.test(crsName)) throw unprocessable(`coordinates must be WGS84 (EPSG:4326), not ${crsName}`);

  const problems: string[] = [];
  const matched: { code: string; geojson: string }[] = [];
  const unmatchedFeatures: string[] = [];
  const features = (collection.features as unknown[]).map(asObject);
  const codes = features.map((feature) => codeText(asObject(feature.properties).code));
  const known = await repo.existingCodes(db, codes);
  for (const [index, feature] of features.entries()) {
    const code = codes[index]!;
    const geometry = asObject(feature.geometry);
    const where = `features[${index}]${code ? ` (code ${code})` : ''}`;
    if (!code) { problems.push(`${where}: properties.code is missing`); continue; }
    if (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') { problems.push(`${where}: geometry must be a Polygon or MultiPolygon`); continue; }
    const shape = coordinatesProblem(geometry.coordinates, geometry.type === 'Polygon' ? 2 : 3);
    if (shape) { problems.push(`${where}: ${shape}`); continue; }
    const geojson = JSON.stringify(geometry);
    const invalid = await repo.geometryProblem(db, geojson).catch((error: unknown) => (error instanceof Error ? error.message : String(error)));
    if (invalid) { problems.push(`${where}: invalid geometry: ${invalid}`); continue; }
    if (known.has(code)) matched.push({ code, geojson });
    else unmatchedFeatures.push(code);
  }
  if (problems.length > 0) throw unprocessable(`no boundary was imported: ${problems.slice(0, 20).join('; ')}`);

  return db.transaction(async (tx) => {
    for (const { code, geojson } of matched) await repo.setBoundary(tx, code, geojson);
    const result = { imported: matched.map((m) => m.code), unmatchedFeatures, unitsWithoutBoundary: await repo.codesWithoutBoundary(tx) };
    await audit(tx, actor, { action: 'import', entity: 'unit_boundary', detail: { imported: result.imported.length, unmatched: unmatchedFeatures } });
    return result;
  });
}
