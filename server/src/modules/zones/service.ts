// Lockdown zones and medical isolation areas: drawn or imported by staff (scoped, audited),
// read by anyone. A zone is valid PostGIS geometry inside the province, with its dates in order.
import { type Bbox, DEFAULT_PROVINCE_BBOX } from '../../config.js';
import type { Database, Queryable } from '../../db/database.js';
import { type Actor, requirePermission } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import { type FieldErrors, notFound, validationFailed } from '../../platform/errors.js';
import { unitInScope } from '../../platform/scope.js';
import { areaOutsideProvince, provinceOf } from '../places/service.js';
import { todayInVietnam } from '../open/time.js';
import { shapeProblem } from './geometry.js';
import { ZONES_EDIT } from './permissions.js';
import * as repo from './repository.js';
import { zonesOfCollection } from './import.js';
import type { CreateZoneBody, ImportZonesBody, ListZonesQuery, UpdateZoneBody, Zone, ZoneKind } from './schema.js';

const auditedFields = (zone: Zone) => {
  const { id: _id, updatedAt: _u, unitName: _n, geometry: _g, ...fields } = zone;
  return fields;
};

function valuesOf(input: CreateZoneBody): repo.ZoneValues {
  return {
    kind: input.kind, name: input.name.trim(), unitCode: input.unitCode, geojson: JSON.stringify(input.geometry), startsOn: input.startsOn,
    endsOn: input.endsOn ?? null, status: input.status ?? 'active', decisionNumber: input.decision?.number ?? null,
    decisionDate: input.decision?.date ?? null, decisionBody: input.decision?.issuedBy ?? null, description: input.description ?? null,
  };
}

/**
 * Field problems of a zone (unit and scope, geometry, dates); `name` prefixes the field names.
 * `provinceBbox`: the configured box an area must lie in while no boundary is imported.
 */
export async function zoneProblems(db: Queryable, actor: Actor, input: CreateZoneBody, provinceBbox: Bbox, name: (field: string) => string = (f) => f): Promise<FieldErrors> {
  const fields: FieldErrors = {};
  if (input.endsOn && input.endsOn < input.startsOn) fields[name('endsOn')] = `is before startsOn (${input.startsOn})`;
  const [unit] = await db.query<{ level: string }>('SELECT level FROM units WHERE code = $1', [input.unitCode]);
  if (!unit) fields[name('unitCode')] = `unknown unit code ${input.unitCode}`;
  else if (unit.level === 'province') fields[name('unitCode')] = 'must be a district or commune';
  else if (!(await unitInScope(db, actor, input.unitCode))) fields[name('unitCode')] = 'is outside your scope';
  const shape = shapeProblem(input.geometry);
  if (shape) {
    fields[name('geometry')] = shape;
    return fields;
  }
  const geojson = JSON.stringify(input.geometry);
  const invalid = await repo.geometryProblem(db, geojson);
  if (invalid) fields[name('geometry')] = `is not a valid ${input.geometry.type}: ${invalid}`;
  else if (unit) {
    const province = await provinceOf(db, input.unitCode);
    const outside = province ? await areaOutsideProvince(db, province, geojson, provinceBbox) : null;
    if (outside) fields[name('geometry')] = outside;
  }
  return fields;
}

/** `provinceBbox`: the routes pass the configured one (the default serves scripts seeding Hậu Giang). */
export async function createZone(db: Database, actor: Actor, input: CreateZoneBody, provinceBbox: Bbox = DEFAULT_PROVINCE_BBOX): Promise<Zone> {
  requirePermission(actor, ZONES_EDIT);
  const fields = await zoneProblems(db, actor, input, provinceBbox);
  if (Object.keys(fields).length > 0) throw validationFailed(fields);
  return db.transaction((tx) => insert(tx, actor, input));
}

async function insert(tx: Queryable, actor: Actor, input: CreateZoneBody, reason?: string): Promise<Zone> {
  const id = await repo.insertZone(tx, valuesOf(input));
  const zone = (await repo.findZone(tx, id))!;
  await audit(tx, actor, { action: 'create', entity: 'zone', entityId: id, reason: reason ?? null, before: null, after: auditedFields(zone) });
  return zone;
}

/** Imports a FeatureCollection of zones: every feature is checked first, then all are created or none. */
export async function importZones(db: Database, actor: Actor, collection: ImportZonesBody, provinceBbox: Bbox): Promise<{ created: number; ids: string[] }> {
  requirePermission(actor, ZONES_EDIT);
  const inputs = zonesOfCollection(collection);
  const fields: FieldErrors = {};
  for (const [index, input] of inputs.entries()) {
    Object.assign(fields, await zoneProblems(db, actor, input, provinceBbox, (field) => (field === 'geometry' ? `features[${index}].geometry` : `features[${index}].properties.${field}`)));
  }
  if (Object.keys(fields).length > 0) throw validationFailed(fields);
  return db.transaction(async (tx) => {
    const ids: string[] = [];
    for (const input of inputs) ids.push((await insert(tx, actor, input, 'GeoJSON import')).id);
    return { created: ids.length, ids };
  });
}

export async function updateZone(db: Database, actor: Actor, id: string, patch: UpdateZoneBody, provinceBbox: Bbox): Promise<Zone> {
  requirePermission(actor, ZONES_EDIT);
  return db.transaction(async (tx) => {
    const before = await repo.findZone(tx, id, actor.unitCode, true);
    if (!before) throw notFound('zone');
    const merged: CreateZoneBody = {
      kind: before.kind, name: before.name, unitCode: before.unitCode, geometry: before.geometry as CreateZoneBody['geometry'],
      startsOn: before.startsOn, endsOn: before.endsOn, status: before.status, decision: before.decision, description: before.description, ...patch,
    };
    const fields = await zoneProblems(tx, actor, merged, provinceBbox);
    if (Object.keys(fields).length > 0) throw validationFailed(fields);
    await repo.updateZone(tx, id, valuesOf(merged));
    const after = (await repo.findZone(tx, id))!;
    const geometryChanged = JSON.stringify(before.geometry) !== JSON.stringify(after.geometry);
    await audit(tx, actor, {
      action: 'update', entity: 'zone', entityId: id, before: auditedFields(before), after: auditedFields(after),
      detail: geometryChanged ? { geometryChanged: true } : null,
    });
    return after;
  });
}

// Public reads.

export async function getZone(db: Database, id: string): Promise<Zone> {
  const zone = await repo.findZone(db, id);
  if (!zone) throw notFound('zone');
  return zone;
}

export async function listZones(db: Database, query: ListZonesQuery): Promise<{ date: string | null; items: Zone[] }> {
  const date = query.all ? null : (query.date ?? todayInVietnam());
  return { date, items: await repo.listZones(db, date, query.kind ?? null) };
}

/** The zones active on a date (today in Vietnam when left out). */
export async function activeZones(db: Queryable, date: string, kind: ZoneKind | null = null): Promise<Zone[]> {
  return repo.listZones(db, date, kind);
}

/** Active zones on the date whose area covers the point ("am I inside a lockdown?"). */
export async function zonesCovering(db: Queryable, lat: number, lon: number, date: string): Promise<Zone[]> {
  return repo.zonesCovering(db, lat, lon, date);
}
