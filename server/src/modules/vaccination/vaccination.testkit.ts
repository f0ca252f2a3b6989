// Test kit of vaccination: small builders for sites, lots in stock, people and doses. Tests use these
// over HTTP; nothing here writes to the database directly.
import { randomUUID } from 'node:crypto';
import type { TestApp } from '../../testing/app.js';
import { buildPerson } from '../../testing/factories.js';
import { addDays, todayInVietnam } from '../open/time.js';

export const PROVINCE = '93';
/** Thành phố Vị Thanh and its Phường III (where the shared people factory puts people). */
export const DISTRICT = '930';
export const COMMUNE = '31321';
/** Thành phố Ngã Bảy and one of its communes: another district. */
export const OTHER_DISTRICT = '931';
export const OTHER_COMMUNE = '31340';

const DAY_MS = 86_400_000;
let sequence = 0;

/** An instant `days` days before now (negative: after). */
export const daysAgo = (days: number, from = Date.now()) => new Date(from - days * DAY_MS).toISOString();

/** A new lot number. */
export const lotNumber = () => `T${Date.now().toString(36).toUpperCase()}${++sequence}`;

/** A shipment body: 100 doses of a new Pfizer lot expiring in half a year, into the province's store. */
export function buildShipment(overrides: Record<string, unknown> = {}) {
  return { productCode: 'PFIZER', lotNumber: lotNumber(), expiresOn: addDays(todayInVietnam(), 180), doses: 100, unitCode: PROVINCE, ...overrides };
}

function expect(response: { status: number; body: unknown }, status: number, what: string): unknown {
  if (response.status !== status) throw new Error(`${what}: expected ${status}, got ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

export async function createSite(t: TestApp, communeCode = COMMUNE): Promise<string> {
  return (expect(await t.request('POST', '/api/v1/vaccination/sites', { token: t.adminToken, body: { name: `Điểm tiêm số ${++sequence}`, communeCode } }), 201, 'site') as { id: string }).id;
}

/** A site holding `doses` of a new lot (received at the province, allocated to the site). */
export async function siteWithStock(t: TestApp, options: { doses?: number; communeCode?: string; shipment?: Record<string, unknown> } = {}) {
  const siteId = await createSite(t, options.communeCode);
  const doses = options.doses ?? 20;
  const shipment = expect(await t.request('POST', '/api/v1/vaccination/shipments', { token: t.adminToken, body: buildShipment({ doses, ...options.shipment }) }), 201, 'shipment') as { lot: { id: string; lotNumber: string; productCode: string } };
  expect(await t.request('POST', '/api/v1/vaccination/movements', { token: t.adminToken, body: { lotId: shipment.lot.id, from: { unitCode: PROVINCE }, to: { siteId }, doses } }), 201, 'allocation');
  return { siteId, lotId: shipment.lot.id, lotNumber: shipment.lot.lotNumber, productCode: shipment.lot.productCode };
}

export async function createPerson(t: TestApp, overrides: Record<string, unknown> = {}): Promise<string> {
  return (expect(await t.request('POST', '/api/v1/people', { token: t.adminToken, body: buildPerson(overrides) }), 201, 'person') as { id: string }).id;
}

/** A dose body with a fresh client id, given an hour ago unless overridden. */
export function buildDose(personId: string, stock: { siteId: string; lotId: string; productCode: string }, overrides: Record<string, unknown> = {}) {
  return { id: randomUUID(), personId, productCode: stock.productCode, lotId: stock.lotId, siteId: stock.siteId, administeredAt: daysAgo(1 / 24), ...overrides };
}

export const postDose = (t: TestApp, body: unknown, token = t.adminToken) => t.request('POST', '/api/v1/vaccination/doses', { token, body });
