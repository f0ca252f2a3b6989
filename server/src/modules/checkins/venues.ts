// Venues with QR codes: staff register, edit, close and import them (scoped by commune, audited);
// a venue's code can be revoked and reissued. Citizens read a venue's public facts from its code.
import type { Database, Queryable } from '../../db/database.js';
import { type Actor, requirePermission } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import { type FieldErrors, invalidField, notFound, validationFailed } from '../../platform/errors.js';
import type { Page } from '../../platform/pagination.js';
import { normalisePhone } from '../people/identity.js';
import { foldName } from '../people/fold.js';
import type { Bbox } from '../../config.js';
import { pointsOutsideProvince, provinceOf } from '../places/area.js';
import * as units from '../units/service.js';
import { type CodeSigner, codeSigner } from './codes.js';
import { VENUES_EDIT } from './permissions.js';
import type { CreateVenueBody, ListVenuesQuery, PublicVenue, UpdateVenueBody, Venue } from './schema.js';
import * as repo from './venues.repository.js';

export const DEFAULT_DWELL_MINUTES = 60;

/** The URL a venue's poster encodes: opening it on a phone checks in. */
export const venueUrl = (publicUrl: string, code: string) => `${publicUrl}/v/${code}`;

export function presentVenue(row: repo.VenueRow, signer: CodeSigner, publicUrl: string): Venue {
  return {
    id: row.id, code: row.code, name: row.name, kind: row.kind, address: row.address, communeCode: row.commune_code,
    communeName: row.commune_name, location: { lat: row.lat, lon: row.lon }, ownerName: row.owner_name, ownerPhone: row.owner_phone,
    defaultDwellMinutes: row.default_dwell_minutes, status: row.status, codeVersion: row.code_version,
    qrUrl: venueUrl(publicUrl, signer.sign('venue', row.id, row.code_version)),
    createdAt: row.created_at.toISOString(), updatedAt: row.updated_at.toISOString(),
  };
}

const auditedFields = (venue: Venue) => {
  const { id: _id, qrUrl: _q, communeName: _c, createdAt: _ca, updatedAt: _u, ...fields } = venue;
  return fields;
};

export function venueValues(input: CreateVenueBody & { status?: 'active' | 'closed' | undefined }): repo.VenueValues {
  const ownerPhone = input.ownerPhone ? (normalisePhone(input.ownerPhone) ?? input.ownerPhone) : null;
  return {
    code: input.code ?? null, name: input.name.normalize('NFC').trim().replace(/\s+/g, ' '), kind: input.kind, address: input.address ?? null,
    communeCode: input.communeCode, lat: input.location.lat, lon: input.location.lon, ownerName: input.ownerName ?? null, ownerPhone,
    defaultDwellMinutes: input.defaultDwellMinutes ?? DEFAULT_DWELL_MINUTES, status: input.status ?? 'active',
  };
}

/**
 * Field problems of many venues at once (imports): commune and scope, position inside the province,
 * owner phone. `name(i, field)` names the field of the i-th venue.
 */
export async function venuesProblems(db: Queryable, actor: Actor, values: readonly repo.VenueValues[], name: (i: number, field: string) => string, box: Bbox): Promise<FieldErrors> {
  const fields: FieldErrors = {};
  // Imports repeat a few dozen communes over thousands of rows: look each one up once.
  const communes = new Map<string, { problem: string | null; province: string | null }>();
  const byProvince = new Map<string, number[]>();
  for (const [i, venue] of values.entries()) {
    let commune = communes.get(venue.communeCode);
    if (!commune) {
      const problem = await units.communeProblem(db, actor, venue.communeCode);
      commune = { problem, province: problem ? null : await provinceOf(db, venue.communeCode) };
      communes.set(venue.communeCode, commune);
    }
    if (commune.problem) {
      fields[name(i, 'communeCode')] = commune.problem;
      continue;
    }
    const province = commune.province!;
    byProvince.set(province, [...(byProvince.get(province) ?? []), i]);
    if (venue.ownerPhone && !normalisePhone(venue.ownerPhone)) fields[name(i, 'ownerPhone')] = 'is not a Vietnamese phone number';
  }
  for (const [province, indexes] of byProvince) {
    const outside = await pointsOutsideProvince(db, province, indexes.map((i) => values[i]!), box);
    for (const [k, reason] of outside) {
      const venue = values[indexes[k]!]!;
      fields[name(indexes[k]!, 'location')] = `(${venue.lat}, ${venue.lon}) ${reason}`;
    }
  }
  return fields;
}

async function assertCodeFree(tx: Queryable, code: string | null, exceptId: string | null) {
  if (!code) return;
  const existing = (await repo.idsByCode(tx, [code])).get(code);
  if (existing && existing.id !== exceptId) throw invalidField('code', `is already used by another venue (${existing.id})`);
}

export async function createVenue(db: Database, actor: Actor, publicUrl: string, input: CreateVenueBody, box: Bbox): Promise<Venue> {
  requirePermission(actor, VENUES_EDIT);
  const values = venueValues(input);
  const fields = await venuesProblems(db, actor, [values], (_i, field) => field, box);
  if (Object.keys(fields).length > 0) throw validationFailed(fields);
  const signer = await codeSigner(db);
  return db.transaction(async (tx) => {
    await assertCodeFree(tx, values.code, null);
    const id = await repo.insertVenue(tx, values);
    const venue = presentVenue((await repo.findVenue(tx, id))!, signer, publicUrl);
    await audit(tx, actor, { action: 'create', entity: 'venue', entityId: id, before: null, after: auditedFields(venue) });
    return venue;
  });
}

export async function updateVenue(db: Database, actor: Actor, publicUrl: string, id: string, patch: UpdateVenueBody, box: Bbox): Promise<Venue> {
  requirePermission(actor, VENUES_EDIT);
  const signer = await codeSigner(db);
  return db.transaction(async (tx) => {
    const row = await repo.findVenue(tx, id, actor.unitCode, true);
    if (!row) throw notFound('venue');
    const before = presentVenue(row, signer, publicUrl);
    const values = venueValues({ ...before, ...patch });
    const fields = await venuesProblems(tx, actor, [values], (_i, field) => field, box);
    if (Object.keys(fields).length > 0) throw validationFailed(fields);
    await assertCodeFree(tx, values.code, id);
    await repo.updateVenue(tx, id, values);
    const after = presentVenue((await repo.findVenue(tx, id))!, signer, publicUrl);
    await audit(tx, actor, { action: 'update', entity: 'venue', entityId: id, before: auditedFields(before), after: auditedFields(after) });
    return after;
  });
}

/** Revokes every printed code of the venue and issues a new one (a lost or misused poster). */
export async function reissueCode(db: Database, actor: Actor, publicUrl: string, id: string, reason: string | undefined): Promise<Venue> {
  requirePermission(actor, VENUES_EDIT);
  const signer = await codeSigner(db);
  return db.transaction(async (tx) => {
    const row = await repo.findVenue(tx, id, actor.unitCode, true);
    if (!row) throw notFound('venue');
    await repo.raiseCodeVersion(tx, id);
    const after = presentVenue((await repo.findVenue(tx, id))!, signer, publicUrl);
    await audit(tx, actor, { action: 'reissue_code', entity: 'venue', entityId: id, reason: reason ?? null, before: { codeVersion: row.code_version }, after: { codeVersion: after.codeVersion } });
    return after;
  });
}

export async function getVenue(db: Database, actor: Actor, publicUrl: string, id: string): Promise<Venue> {
  const row = await repo.findVenue(db, id, actor.unitCode);
  if (!row) throw notFound('venue');
  return presentVenue(row, await codeSigner(db), publicUrl);
}

export async function listVenues(db: Database, actor: Actor, publicUrl: string, query: ListVenuesQuery): Promise<Page<Venue>> {
  const limit = query.limit ?? 50;
  const offset = query.offset ?? 0;
  const filter: repo.VenueFilter = {
    text: query.q?.trim() || null, folded: query.q?.trim() ? foldName(query.q) : null, kind: query.kind ?? null, unitCode: query.communeCode ?? null, status: query.status ?? null,
  };
  const { rows, total } = await repo.listVenues(db, filter, actor.unitCode, limit, offset);
  const signer = await codeSigner(db);
  return { items: rows.map((row) => presentVenue(row, signer, publicUrl)), total, limit, offset };
}

/**
 * The venue a scanned code stands for. A forged or altered code, or one replaced by a reissued
 * code, is refused with a message naming `field`, so the phone can tell the citizen what happened.
 */
export async function venueOfCode(db: Queryable, signer: CodeSigner, code: string, field: string): Promise<repo.VenueRow> {
  const decoded = signer.verify(code, 'venue');
  if (!decoded) throw invalidField(field, 'is not a valid venue code (forged, altered or mistyped)');
  const row = await repo.findVenue(db, decoded.id);
  if (!row) throw invalidField(field, 'belongs to no registered venue');
  if (row.code_version !== decoded.version) throw invalidField(field, 'was revoked and replaced by a new code: scan the current poster');
  return row;
}

export type PublicVenueRow = Pick<repo.VenueRow, 'id' | 'name' | 'kind' | 'address' | 'commune_name' | 'default_dwell_minutes' | 'status'>;

export const publicVenue = (row: PublicVenueRow): PublicVenue => ({
  id: row.id, name: row.name, kind: row.kind, address: row.address, communeName: row.commune_name,
  defaultDwellMinutes: row.default_dwell_minutes, status: row.status,
});

export async function publicVenueOfCode(db: Database, code: string): Promise<PublicVenue> {
  return publicVenue(await venueOfCode(db, await codeSigner(db), code, 'code'));
}
