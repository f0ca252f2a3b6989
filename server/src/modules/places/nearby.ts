// "Around me" and "at this point": the nearest open testing and vaccination sites (PostGIS
// geography KNN, distances in metres on the spheroid), the active zones covering the point,
// and the epidemic level in force for the point's commune.
import type { Bbox } from '../../config.js';
import type { Database, Queryable } from '../../db/database.js';
import { validationFailed } from '../../platform/errors.js';
import { levelsInForce } from '../open/levels.js';
import { todayInVietnam } from '../open/time.js';
import * as zones from '../zones/service.js';
import { pointOutsideProvince } from './area.js';
import type { NearbyQuery, NearbyResult, PlaceKind } from './schema.js';

type NearSite = NearbyResult['testingSites'][number];

async function nearestSites(db: Queryable, kind: PlaceKind, lat: number, lon: number, date: string, limit: number): Promise<NearSite[]> {
  const rows = await db.query<Omit<NearSite, 'distanceMetres'> & { distance: number }>(
    `SELECT p.id, p.kind, p.name, p.address, p.status, p.opening_hours AS "openingHours", p.phone,
            ST_Y(p.position::geometry) AS lat, ST_X(p.position::geometry) AS lon,
            ST_Distance(p.position, pt.g) AS distance
     FROM places p, (SELECT ST_SetSRID(ST_MakePoint($2, $3), 4326)::geography AS g) pt
     WHERE p.kind = $1 AND p.status <> 'closed'
       AND (p.valid_from IS NULL OR p.valid_from <= $4::date) AND (p.valid_to IS NULL OR p.valid_to >= $4::date)
     ORDER BY p.position <-> pt.g
     LIMIT $5`,
    [kind, lon, lat, date, limit],
  );
  // <-> orders by the index's sphere distance; ST_Distance is the spheroid one: sort by it at the end.
  return rows.map(({ distance, ...site }) => ({ ...site, distanceMetres: Math.round(distance) })).sort((a, b) => a.distanceMetres - b.distanceMetres);
}

async function unitAt(db: Queryable, lat: number, lon: number, communeGiven: string | undefined): Promise<NearbyResult['unit']> {
  const [covering] = await db.query<{ code: string; name: string; level: string }>(
    `SELECT code, name, level FROM units
     WHERE level IN ('commune', 'district') AND boundary IS NOT NULL AND ST_Covers(boundary, ST_SetSRID(ST_MakePoint($1, $2), 4326))
     ORDER BY CASE level WHEN 'commune' THEN 0 ELSE 1 END LIMIT 1`,
    [lon, lat],
  );
  if (covering?.level === 'commune' || (covering && !communeGiven)) return { ...covering, how: 'boundary' };
  if (communeGiven) {
    const [given] = await db.query<{ code: string; name: string; level: string }>(`SELECT code, name, level FROM units WHERE code = $1 AND level = 'commune'`, [communeGiven]);
    if (!given) throw validationFailed({ commune: `${communeGiven} is not a known commune` });
    return { ...given, how: 'given' };
  }
  return null;
}

export async function nearby(db: Database, query: NearbyQuery, provinceBbox: Bbox): Promise<NearbyResult> {
  const { lat, lon } = query;
  const provinces = await db.query<{ code: string }>(`SELECT code FROM units WHERE level = 'province' ORDER BY code`);
  const verdicts = await Promise.all(provinces.map(({ code }) => pointOutsideProvince(db, code, lat, lon, provinceBbox)));
  if (verdicts.length > 0 && verdicts.every((problem) => problem !== null)) {
    const message = `position (${lat}, ${lon}) ${verdicts[0]!}`;
    throw validationFailed({ lat: message, lon: message });
  }
  const date = query.date ?? todayInVietnam();
  const limit = query.limit ?? 3;
  const notes: string[] = [];
  const unit = await unitAt(db, lat, lon, query.commune);
  if (!unit) notes.push('no imported commune or district boundary covers this point, so its commune is unknown: send ?commune= to name it');
  else if (unit.level === 'district') notes.push('only district boundaries cover this point: the level shown is the district\'s');

  let epidemicLevel: NearbyResult['epidemicLevel'] = null;
  if (unit) {
    const levels = await levelsInForce(db, date);
    const [parent] = await db.query<{ parent_code: string | null }>('SELECT parent_code FROM units WHERE code = $1', [unit.code]);
    const found = levels.get(unit.code) ?? (parent?.parent_code ? levels.get(parent.parent_code) : undefined);
    if (found) epidemicLevel = { level: found.level, colour: found.colour, unitCode: found.unitCode, effectiveFrom: found.effectiveFrom };
    else notes.push('no epidemic level is published for this commune or its district');
  }
  const [testingSites, vaccinationSites, covering] = await Promise.all([
    nearestSites(db, 'testing_site', lat, lon, date, limit),
    nearestSites(db, 'vaccination_site', lat, lon, date, limit),
    zones.zonesCovering(db, lat, lon, date),
  ]);
  return {
    point: { lat, lon }, date, unit, epidemicLevel, testingSites, vaccinationSites, notes,
    insideZones: covering.map((zone) => ({ id: zone.id, kind: zone.kind, name: zone.name, startsOn: zone.startsOn, endsOn: zone.endsOn, decisionNumber: zone.decision.number })),
  };
}
