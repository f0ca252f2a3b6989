// Changing the stock: sites, shipments received, allocations and transfers, wastage. Each runs in one
// transaction holding the lot's row lock, so a balance is checked and changed by one request at a time.
import type { Database } from '../../db/database.js';
import { type Actor, can, requirePermission } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import { conflict, forbidden, invalidField, validationFailed } from '../../platform/errors.js';
import { unitInScopeSql } from '../../platform/scope.js';
import { communeProblem } from '../units/service.js';
import { todayInVietnam } from '../open/time.js';
import type { Catalogue } from './catalogue.js';
import { holderOut, isAllocation, resolveHolder } from './holders.js';
import { VACCINATION_READ, VACCINATION_RECORD, VACCINATION_STOCK } from './permissions.js';
import * as repo from './stock.repository.js';
import type { CreateSiteBody, MoveStockBody, Movement, ReceiveShipmentBody, Shipment, Site, Wastage, WastageBody } from './stock.schema.js';

export function requireVaccinationReader(actor: Actor) {
  if (![VACCINATION_READ, VACCINATION_RECORD, VACCINATION_STOCK].some((p) => can(actor, p))) throw forbidden(`role ${actor.role} may not read vaccination data`);
}

const presentSite = (row: { id: string; name: string; commune_code: string; place_id: string | null; active: boolean }): Site =>
  ({ id: row.id, name: row.name, communeCode: row.commune_code, placeId: row.place_id, active: row.active });

export async function createSite(db: Database, actor: Actor, body: CreateSiteBody): Promise<Site> {
  requirePermission(actor, VACCINATION_STOCK);
  const problem = await communeProblem(db, actor, body.communeCode);
  if (problem) throw invalidField('communeCode', problem);
  if (body.placeId && (await db.query('SELECT 1 FROM places WHERE id = $1', [body.placeId])).length === 0) throw invalidField('placeId', 'no such place');
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ id: string; name: string; commune_code: string; place_id: string | null; active: boolean }>(
      'INSERT INTO vaccination_sites (name, commune_code, place_id, created_by) VALUES ($1, $2, $3, $4) RETURNING id, name, commune_code, place_id, active',
      [body.name.trim(), body.communeCode, body.placeId ?? null, actor.userId],
    );
    await audit(tx, actor, { action: 'create', entity: 'vaccination_site', entityId: row!.id, after: { name: row!.name, communeCode: row!.commune_code } });
    return presentSite(row!);
  });
}

export async function listSites(db: Database, actor: Actor, unitCode: string | undefined): Promise<Site[]> {
  requireVaccinationReader(actor);
  const rows = await db.query<{ id: string; name: string; commune_code: string; place_id: string | null; active: boolean }>(
    `SELECT s.id, s.name, s.commune_code, s.place_id, s.active FROM vaccination_sites s JOIN units u ON u.code = s.commune_code
     WHERE ${unitInScopeSql('s.commune_code', 1)} AND ($2::text IS NULL OR $2 = ANY (u.path)) ORDER BY u.path, s.name`,
    [actor.unitCode, unitCode ?? null],
  );
  return rows.map(presentSite);
}

/** A delivery into a store (by default the province's, or the actor's own unit). */
export async function receiveShipment(db: Database, actor: Actor, catalogue: Catalogue, body: ReceiveShipmentBody): Promise<Shipment> {
  requirePermission(actor, VACCINATION_STOCK);
  if (!catalogue.has(body.productCode)) throw invalidField('productCode', `unknown product ${body.productCode}; known: ${[...catalogue.keys()].join(', ')}`);
  const unitCode = body.unitCode ?? actor.unitCode;
  if (!unitCode) throw invalidField('unitCode', 'is required: the store (province or district) that received the doses');
  const receivedAt = body.receivedAt ? new Date(body.receivedAt) : new Date();
  if (receivedAt.getTime() > Date.now() + 5 * 60_000) throw invalidField('receivedAt', 'is in the future');
  return db.transaction(async (tx) => {
    const store = await resolveHolder(tx, actor, { unitCode }, 'store', true).catch(() => {
      throw invalidField('unitCode', `no store ${unitCode} in your area`);
    });
    const lot = await repo.lotFor(tx, body.productCode, body.lotNumber, body.expiresOn);
    if (lot.expires_on !== body.expiresOn) {
      throw validationFailed({ expiresOn: `lot ${body.lotNumber} of ${body.productCode} was received before with expiry ${lot.expires_on}` });
    }
    const [shipment] = await tx.query<{ id: string }>(
      'INSERT INTO vaccine_shipments (lot_id, unit_code, doses, received_at, reference, received_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
      [lot.id, unitCode, body.doses, receivedAt, body.reference ?? null, actor.userId],
    );
    await repo.insertMovement(tx, { lotId: lot.id, holder: store.ref, doses: body.doses, kind: 'received', shipmentId: shipment!.id });
    await audit(tx, actor, { action: 'receive', entity: 'vaccine_shipment', entityId: shipment!.id, detail: { lotId: lot.id, productCode: body.productCode, lotNumber: body.lotNumber, doses: body.doses, unitCode } });
    return { id: shipment!.id, lot: repo.presentLot(lot), unitCode, doses: body.doses, receivedAt: receivedAt.toISOString(), reference: body.reference ?? null };
  });
}

/** Moves doses of a lot from a holder in the actor's scope to another holder; never more than the source has. */
export async function moveStock(db: Database, actor: Actor, body: MoveStockBody): Promise<Movement> {
  requirePermission(actor, VACCINATION_STOCK);
  return db.transaction(async (tx) => {
    const lot = await repo.lockLot(tx, body.lotId);
    if (!lot) throw invalidField('lotId', 'no such lot');
    const from = await resolveHolder(tx, actor, body.from, 'from', true);
    const to = await resolveHolder(tx, actor, body.to, 'to', false);
    if (from.ref.unitCode === to.ref.unitCode && from.ref.siteId === to.ref.siteId) throw invalidField('to', 'must differ from from');
    const available = await repo.onHand(tx, lot.id, from.ref);
    if (available < body.doses) throw conflict(`only ${available} dose(s) of lot ${lot.lot_number} at the source`, { doses: `is more than the ${available} dose(s) of lot ${lot.lot_number} the source holds` }, { onHand: available });
    const kind = isAllocation(from, to) ? 'allocation' : 'transfer';
    const [transfer] = await tx.query<{ id: string }>(
      `INSERT INTO vaccine_transfers (lot_id, kind, from_unit_code, from_site_id, to_unit_code, to_site_id, doses, note, moved_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [lot.id, kind, from.ref.unitCode ?? null, from.ref.siteId ?? null, to.ref.unitCode ?? null, to.ref.siteId ?? null, body.doses, body.note ?? null, actor.userId],
    );
    await repo.insertMovement(tx, { lotId: lot.id, holder: from.ref, doses: -body.doses, kind: 'sent', transferId: transfer!.id });
    await repo.insertMovement(tx, { lotId: lot.id, holder: to.ref, doses: body.doses, kind: 'arrived', transferId: transfer!.id });
    await audit(tx, actor, { action: kind, entity: 'vaccine_transfer', entityId: transfer!.id, detail: { lotId: lot.id, from: holderOut(from.ref), to: holderOut(to.ref), doses: body.doses } });
    return { id: transfer!.id, kind, lotId: lot.id, from: holderOut(from.ref), to: holderOut(to.ref), doses: body.doses, fromOnHand: available - body.doses };
  });
}

/** Doses discarded at a site (an opened vial's rest at the end of a session, a broken vial …). */
export async function recordWastage(db: Database, actor: Actor, body: WastageBody): Promise<Wastage> {
  requirePermission(actor, VACCINATION_RECORD);
  if (body.sessionDate > todayInVietnam()) throw invalidField('sessionDate', 'is in the future');
  return db.transaction(async (tx) => {
    const lot = await repo.lockLot(tx, body.lotId);
    if (!lot) throw invalidField('lotId', 'no such lot');
    const site = await resolveHolder(tx, actor, { siteId: body.siteId }, 'site', true).catch(() => {
      throw invalidField('siteId', 'no such vaccination site in your area');
    });
    const available = await repo.onHand(tx, lot.id, site.ref);
    if (available < body.doses) throw conflict(`only ${available} dose(s) of lot ${lot.lot_number} at this site`, { doses: `is more than the ${available} dose(s) of lot ${lot.lot_number} at this site` }, { onHand: available });
    const [row] = await tx.query<{ id: string }>(
      'INSERT INTO vaccine_wastage (lot_id, site_id, doses, reason, session_date, note, recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id',
      [lot.id, body.siteId, body.doses, body.reason, body.sessionDate, body.note ?? null, actor.userId],
    );
    await repo.insertMovement(tx, { lotId: lot.id, holder: site.ref, doses: -body.doses, kind: 'wasted', wastageId: row!.id });
    await audit(tx, actor, { action: 'waste', entity: 'vaccine_wastage', entityId: row!.id, detail: { lotId: lot.id, siteId: body.siteId, doses: body.doses, reason: body.reason } });
    return { id: row!.id, siteId: body.siteId, lotId: lot.id, doses: body.doses, reason: body.reason, sessionDate: body.sessionDate, onHand: available - body.doses };
  });
}
