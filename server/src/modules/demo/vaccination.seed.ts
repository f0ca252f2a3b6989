// Inserts the demo vaccination rows (vaccination.ts) in the seed's transaction: the catalogue
// first (the app writes it only when it is ready, after the seed), then sites, lots, the ledger,
// then the coming sessions, registrations and bookings (vaccination.booking.seed.ts).
import type { Queryable } from '../../db/database.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { CATALOGUE, catalogueByCode, syncCatalogue } from '../vaccination/catalogue.js';
import type { DemoCommune } from './model.js';
import { createRandom } from './random.js';
import { insertRows } from './rows.js';
import { generateVaccination } from './vaccination.js';
import { type BookingSeedResult, insertDemoBookings } from './vaccination.booking.seed.js';
import type { BookingPerson } from './vaccination.booking.js';

export interface VaccinationSeedResult extends BookingSeedResult {
  sites: number;
  lots: number;
  doses: number;
}

async function demoVaccinatorId(tx: Queryable): Promise<string> {
  const [row] = await tx.query<{ id: string }>(`SELECT id FROM users WHERE username LIKE 'demo.vaccinator.%' ORDER BY username LIMIT 1`);
  return row?.id ?? SYSTEM_ACTOR.userId;
}

export async function insertDemoVaccination(
  tx: Queryable, seed: number, communes: readonly DemoCommune[], people: readonly BookingPerson[], now = new Date(),
  /** People who register for nothing (the planted duplicates, so that their merge is not refused). */
  notRegistering: ReadonlySet<string> = new Set(),
): Promise<VaccinationSeedResult> {
  await syncCatalogue(tx, CATALOGUE);
  const [province] = await tx.query<{ code: string }>(`SELECT code FROM units WHERE level = 'province' ORDER BY code LIMIT 1`);
  if (!province) return { sites: 0, lots: 0, doses: 0, sessions: 0, slots: 0, registrations: 0, bookings: 0 };
  // its own stream: adding vaccination leaves the people and venues unchanged
  const catalogue = catalogueByCode(CATALOGUE);
  const data = generateVaccination({ random: createRandom(seed ^ 0x7acc), provinceCode: province.code, communes, people, catalogue, now });
  const vaccinatorId = await demoVaccinatorId(tx);
  await insertRows(tx, 'vaccination_sites', [
    { name: 'id', type: 'uuid', value: (s) => s.id },
    { name: 'name', type: 'text', value: (s) => s.name },
    { name: 'commune_code', type: 'text', value: (s) => s.communeCode },
  ], data.sites);
  await insertRows(tx, 'vaccine_lots', [
    { name: 'id', type: 'uuid', value: (l) => l.id },
    { name: 'product_code', type: 'text', value: (l) => l.productCode },
    { name: 'lot_number', type: 'text', value: (l) => l.lotNumber },
    { name: 'expires_on', type: 'date', value: (l) => l.expiresOn },
  ], data.lots);
  await insertRows(tx, 'vaccine_shipments', [
    { name: 'id', type: 'uuid', value: (s) => s.id },
    { name: 'lot_id', type: 'uuid', value: (s) => s.lotId },
    { name: 'unit_code', type: 'text', value: (s) => s.unitCode },
    { name: 'doses', type: 'int', value: (s) => s.doses },
    { name: 'received_at', type: 'timestamptz', value: (s) => s.receivedAt },
    { name: 'reference', type: 'text', value: (s) => s.reference },
  ], data.shipments);
  await insertRows(tx, 'vaccine_transfers', [
    { name: 'id', type: 'uuid', value: (t) => t.id },
    { name: 'lot_id', type: 'uuid', value: (t) => t.lotId },
    { name: 'from_unit_code', type: 'text', value: (t) => t.from.unitCode },
    { name: 'to_unit_code', type: 'text', value: (t) => t.to.unitCode ?? null },
    { name: 'to_site_id', type: 'uuid', value: (t) => t.to.siteId ?? null },
    { name: 'doses', type: 'int', value: (t) => t.doses },
    { name: 'moved_at', type: 'timestamptz', value: (t) => t.movedAt },
  ], data.transfers, { kind: `'allocation'` });
  await insertRows(tx, 'vaccine_wastage', [
    { name: 'id', type: 'uuid', value: (w) => w.id },
    { name: 'lot_id', type: 'uuid', value: (w) => w.lotId },
    { name: 'site_id', type: 'uuid', value: (w) => w.siteId },
    { name: 'doses', type: 'int', value: (w) => w.doses },
    { name: 'session_date', type: 'date', value: (w) => w.sessionDate },
    { name: 'recorded_at', type: 'timestamptz', value: (w) => w.at },
  ], data.wastage, { reason: `'opened_vial'` });
  await insertRows(tx, 'dose_records', [
    { name: 'id', type: 'uuid', value: (d) => d.id },
    { name: 'person_id', type: 'uuid', value: (d) => d.personId },
    { name: 'product_code', type: 'text', value: (d) => d.productCode },
    { name: 'lot_id', type: 'uuid', value: (d) => d.lotId },
    { name: 'site_id', type: 'uuid', value: (d) => d.siteId },
    { name: 'dose_number', type: 'int', value: (d) => d.doseNumber },
    { name: 'kind', type: 'text', value: (d) => d.kind },
    { name: 'administered_at', type: 'timestamptz', value: (d) => d.administeredAt },
    // recorded on the vaccinator's phone a few minutes after
    { name: 'recorded_at', type: 'timestamptz', value: (d) => new Date(d.administeredAt.getTime() + 5 * 60_000) },
  ], data.doses, { vaccinator_id: `'${vaccinatorId}'::uuid` });
  await insertRows(tx, 'vaccine_stock_movements', [
    { name: 'lot_id', type: 'uuid', value: (m) => m.lotId },
    { name: 'unit_code', type: 'text', value: (m) => m.unitCode },
    { name: 'site_id', type: 'uuid', value: (m) => m.siteId },
    { name: 'doses', type: 'int', value: (m) => m.doses },
    { name: 'kind', type: 'text', value: (m) => m.kind },
    { name: 'shipment_id', type: 'uuid', value: (m) => m.shipmentId },
    { name: 'transfer_id', type: 'uuid', value: (m) => m.transferId },
    { name: 'wastage_id', type: 'uuid', value: (m) => m.wastageId },
    { name: 'dose_id', type: 'uuid', value: (m) => m.doseId },
    { name: 'at', type: 'timestamptz', value: (m) => m.at },
  ], data.movements);
  const bookings = await insertDemoBookings(tx, seed, people, data, catalogue, vaccinatorId, now, notRegistering);
  return { sites: data.sites.length, lots: data.lots.length, doses: data.doses.length, ...bookings };
}
