// Places: staff create, edit, close and import them (scoped by commune, audited); anyone reads them.
import { type Bbox, DEFAULT_PROVINCE_BBOX } from '../../config.js';
import type { Database, Queryable } from '../../db/database.js';
import { type Actor, requirePermission } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import { type FieldErrors, notFound, validationFailed } from '../../platform/errors.js';
import type { Page } from '../../platform/pagination.js';
import { foldName } from '../people/fold.js';
import * as units from '../units/service.js';
import { pointOutsideProvince, provinceOf } from './area.js';
import { PLACES_EDIT } from './permissions.js';
import * as repo from './repository.js';
import type { CreatePlaceBody, ListPlacesQuery, Place, PlaceKind, UpdatePlaceBody } from './schema.js';

export { areaOutsideProvince, pointOutsideProvince, provinceOf } from './area.js';

const auditedFields = (place: Place) => {
  const { id: _id, updatedAt: _u, communeName: _n, ...fields } = place;
  return fields;
};

export function valuesOf(input: CreatePlaceBody): repo.PlaceValues {
  return {
    code: input.code ?? null, kind: input.kind, name: input.name.trim(), address: input.address ?? null, communeCode: input.communeCode,
    lat: input.lat, lon: input.lon, openingHours: input.openingHours ?? null, phone: input.phone ?? null, capacity: input.capacity ?? null,
    status: input.status ?? 'open', validFrom: input.validFrom ?? null, validTo: input.validTo ?? null, notes: input.notes ?? null,
  };
}

/**
 * Field problems of a place's values (commune, position, dates); `name` prefixes the field names.
 * `provinceBbox`: the configured box a position must lie in while no boundary is imported.
 */
export async function placeProblems(db: Queryable, actor: Actor, values: repo.PlaceValues, provinceBbox: Bbox, name: (field: string) => string = (f) => f): Promise<FieldErrors> {
  const fields: FieldErrors = {};
  const communeProblem = await units.communeProblem(db, actor, values.communeCode);
  if (communeProblem) fields[name('communeCode')] = communeProblem;
  else {
    const province = await provinceOf(db, values.communeCode);
    const outside = province ? await pointOutsideProvince(db, province, values.lat, values.lon, provinceBbox) : null;
    if (outside) {
      const message = `position (${values.lat}, ${values.lon}) ${outside}`;
      fields[name('lat')] = message;
      fields[name('lon')] = message;
    }
  }
  if (values.validFrom && values.validTo && values.validTo < values.validFrom) fields[name('validTo')] = `is before validFrom (${values.validFrom})`;
  return fields;
}

/** `provinceBbox`: the routes pass the configured one (the default serves scripts seeding Hậu Giang). */
export async function createPlace(db: Database, actor: Actor, input: CreatePlaceBody, provinceBbox: Bbox = DEFAULT_PROVINCE_BBOX): Promise<Place> {
  requirePermission(actor, PLACES_EDIT);
  const values = valuesOf(input);
  const fields = await placeProblems(db, actor, values, provinceBbox);
  if (Object.keys(fields).length > 0) throw validationFailed(fields);
  return db.transaction(async (tx) => {
    await assertCodeFree(tx, values.code, null);
    const id = await repo.insertPlace(tx, values);
    const place = repo.presentPlace((await repo.findPlace(tx, id))!);
    await audit(tx, actor, { action: 'create', entity: 'place', entityId: id, before: null, after: auditedFields(place) });
    return place;
  });
}

async function assertCodeFree(tx: Queryable, code: string | null, exceptId: string | null) {
  if (!code) return;
  const existing = (await repo.idsByCode(tx, [code])).get(code);
  if (existing && existing.id !== exceptId) throw validationFailed({ code: `is already used by another place (${existing.id})` });
}

export async function updatePlace(db: Database, actor: Actor, id: string, patch: UpdatePlaceBody, provinceBbox: Bbox): Promise<Place> {
  requirePermission(actor, PLACES_EDIT);
  return db.transaction(async (tx) => {
    const row = await repo.findPlace(tx, id, actor.unitCode, true);
    if (!row) throw notFound('place');
    const before = repo.presentPlace(row);
    const values = { ...valuesOf({ ...before, ...patch }), status: patch.status ?? before.status };
    const fields = await placeProblems(tx, actor, values, provinceBbox);
    if (Object.keys(fields).length > 0) throw validationFailed(fields);
    await assertCodeFree(tx, values.code, id);
    await repo.updatePlace(tx, id, values);
    const after = repo.presentPlace((await repo.findPlace(tx, id))!);
    await audit(tx, actor, { action: 'update', entity: 'place', entityId: id, before: auditedFields(before), after: auditedFields(after) });
    return after;
  });
}

export async function closePlace(db: Database, actor: Actor, id: string, reason: string | undefined): Promise<Place> {
  requirePermission(actor, PLACES_EDIT);
  return db.transaction(async (tx) => {
    const row = await repo.findPlace(tx, id, actor.unitCode, true);
    if (!row) throw notFound('place');
    const before = repo.presentPlace(row);
    await repo.updatePlace(tx, id, { ...valuesOf(before), status: 'closed' });
    const after = repo.presentPlace((await repo.findPlace(tx, id))!);
    await audit(tx, actor, { action: 'close', entity: 'place', entityId: id, reason: reason ?? null, before: { status: before.status }, after: { status: after.status } });
    return after;
  });
}

// Public reads: places are public facts.

export async function getPlace(db: Database, id: string): Promise<Place> {
  const row = await repo.findPlace(db, id);
  if (!row) throw notFound('place');
  return repo.presentPlace(row);
}

export function parseBbox(text: string | undefined): [number, number, number, number] | null {
  if (!text) return null;
  const box = text.split(',').map(Number) as [number, number, number, number];
  if (box.some((n) => !Number.isFinite(n)) || box[0] > box[2] || box[1] > box[3]) throw validationFailed({ bbox: 'must be minLon,minLat,maxLon,maxLat with min ≤ max' });
  return box;
}

export async function listPlaces(db: Database, query: ListPlacesQuery): Promise<Page<Place>> {
  const limit = query.limit ?? 50;
  const offset = query.offset ?? 0;
  const filter: repo.PlaceFilter = {
    kinds: query.kind ? (query.kind.split(',') as PlaceKind[]) : null,
    bbox: parseBbox(query.bbox),
    status: query.status ?? null,
    unitCode: query.communeCode ?? null,
    folded: query.q?.trim() ? foldName(query.q) : null,
  };
  const { rows, total } = await repo.listPlaces(db, filter, limit, offset);
  return { items: rows.map(repo.presentPlace), total, limit, offset };
}

export async function allPlaces(db: Queryable): Promise<Place[]> {
  return (await repo.allPlaces(db)).map(repo.presentPlace);
}
