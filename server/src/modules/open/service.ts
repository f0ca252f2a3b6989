// The open-data documents: GeoJSON of places, zones and unit levels, CSV of the statistics.
// Each carries its as-of time; they are built here and cached by routes.ts.
import type { Bbox } from '../../config.js';
import type { Database } from '../../db/database.js';
import { provinceArea } from '../places/area.js';
import * as places from '../places/service.js';
import * as stats from '../stats/service.js';
import * as units from '../units/service.js';
import * as zones from '../zones/service.js';
import { toCsv } from './csv.js';
import { levelsInForce } from './levels.js';
import { todayInVietnam } from './time.js';

export interface Built {
  body: string;
  contentType: string;
  asOf: string;
}

const GEOJSON = 'application/geo+json; charset=utf-8';
const EPOCH = new Date(0).toISOString();
const latest = (times: string[]) => times.reduce((max, time) => (time > max ? time : max), EPOCH);
const collection = (asOf: string, extra: Record<string, unknown>, features: unknown[]) =>
  JSON.stringify({ type: 'FeatureCollection', asOf, generatedAt: new Date().toISOString(), ...extra, features });

export async function placesGeojson(db: Database): Promise<Built> {
  const all = await places.allPlaces(db);
  const asOf = latest(all.map((place) => place.updatedAt));
  const features = all.map(({ lat, lon, ...properties }) => ({ type: 'Feature', id: properties.id, geometry: { type: 'Point', coordinates: [lon, lat] }, properties }));
  return { body: collection(asOf, {}, features), contentType: GEOJSON, asOf };
}

export async function zonesGeojson(db: Database, date: string | undefined): Promise<Built> {
  const day = date ?? todayInVietnam();
  const active = await zones.activeZones(db, day);
  const asOf = latest(active.map((zone) => zone.updatedAt));
  const features = active.map(({ geometry, ...properties }) => ({ type: 'Feature', id: properties.id, geometry, properties }));
  return { body: collection(asOf, { date: day }, features), contentType: GEOJSON, asOf };
}

/**
 * Units with their levels, and the province's area (`provinceBbox`, `provinceBboxFrom`): the extent of
 * the imported boundaries, or the configured box. The map opens on it, so it needs no box of its own.
 */
export async function levelsGeojson(db: Database, date: string | undefined, level: 'district' | 'commune' | undefined, configuredBbox: Bbox): Promise<Built> {
  const day = date ?? todayInVietnam();
  const [all, levels, area] = await Promise.all([units.listUnits(db, level ? { level } : {}), levelsInForce(db, day), provinceArea(db, configuredBbox)]);
  const withBoundary = new Set(all.filter((unit) => unit.hasBoundary).map((unit) => unit.code));
  const features = [];
  for (const unit of all) {
    const found = levels.get(unit.code);
    const geometry = unit.hasBoundary ? (await units.getUnit(db, unit.code, true)).geometry : null;
    features.push({
      type: 'Feature', id: unit.code, geometry,
      properties: {
        code: unit.code, name: unit.name, unitLevel: unit.level, parentCode: unit.parentCode, population: unit.population,
        level: found?.level ?? null, colour: found?.colour ?? null, effectiveFrom: found?.effectiveFrom ?? null,
        hasBoundary: unit.hasBoundary,
        // Without its own boundary the map draws the nearest unit above that has one, as an approximate area.
        approximateAreaOf: unit.hasBoundary ? null : (unit.parentCode && withBoundary.has(unit.parentCode) ? unit.parentCode : null),
      },
    });
  }
  const asOf = latest([...levels.values()].map((found) => found.publishedAt));
  const extra = { date: day, boundariesImported: withBoundary.size > 0, provinceBbox: area.bbox, provinceBboxFrom: area.from };
  return { body: collection(asOf, extra, features), contentType: GEOJSON, asOf };
}

export const STATS_COLUMNS = [
  'date', 'unitCode', 'unitName', 'unitLevel', 'population', 'confirmedCommunity', 'confirmedQuarantine', 'confirmed', 'suspected',
  'recovered', 'deaths', 'cumulativeConfirmed', 'cumulativeRecovered', 'cumulativeDeaths', 'confirmed7d', 'confirmed7dPer100k', 'rateNote',
  'vaccinatedFirstDose', 'vaccinatedFull', 'vaccinatedBooster', 'adultsCoverage', 'aggregated', 'reportingUnits', 'source', 'asOf',
] as const;

export async function statsCsv(db: Database, from: string | undefined, to: string | undefined): Promise<Built> {
  const rows = await stats.statsTable(db, { from, to });
  const asOf = latest(rows.map((row) => row.asOf));
  const body = toCsv([...STATS_COLUMNS], rows.map((row) => STATS_COLUMNS.map((column) => {
    const value = row[column];
    return typeof value === 'boolean' ? String(value) : value;
  })));
  return { body, contentType: 'text/csv; charset=utf-8', asOf };
}
