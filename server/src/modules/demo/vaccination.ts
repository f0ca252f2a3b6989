// Demo vaccination: a site per commune, one 2021 shipment per product allocated province →
// district → site, the doses of 2021 among the adults (series, intervals and boosters as the
// catalogue allows), opened-vial wastage, and two current lots so the stock screen has warnings.
// Pure and deterministic for a seed (the current lots are dated from `now`, like the check-ins).
import type { Catalogue } from '../vaccination/catalogue.js';
import type { Product } from '../vaccination/catalogue.schema.js';
import type { DemoCommune } from './model.js';
import { type Random, weighted } from './random.js';

const DAY_MS = 86_400_000;
const YEAR_END = Date.parse('2021-12-31T09:00:00Z');
/** The 2021 lots last beyond the year's last dose. */
const LOT_EXPIRY_2021 = '2022-06-30';
/** When each product's 2021 shipment reached Hậu Giang (the order vaccines arrived in Vietnam). */
const RECEIVED_2021: Record<string, string> = {
  ASTRAZENECA: '2021-03-10', SINOPHARM: '2021-07-15', MODERNA: '2021-07-20', PFIZER: '2021-07-25', SPUTNIK_V: '2021-08-20', JANSSEN: '2021-09-01', ABDALA: '2021-10-05',
};
const firstDoseProduct = weighted<string>([['ASTRAZENECA', 30], ['SINOPHARM', 30], ['PFIZER', 20], ['MODERNA', 13], ['ABDALA', 3], ['JANSSEN', 3], ['SPUTNIK_V', 1]]);
export const ADULT_BIRTH_YEAR = 2003;
/**
 * Share of adults with a first dose. Hậu Giang reached about 90 % by the end of 2021; the demo stops
 * at 42 % (the province in mid-October) because each dose is two rows checked against five foreign
 * keys, and PGlite spends about 0.25 ms per dose on those: 42 % keeps the seed to a few seconds.
 */
export const FIRST_DOSE_SHARE = 0.42;

export interface VaccinationPerson { id: string; birthYear: number; communeCode: string }
export interface DemoSite { id: string; name: string; communeCode: string; districtCode: string }
export interface DemoLot { id: string; productCode: string; lotNumber: string; expiresOn: string }
export interface DemoShipment { id: string; lotId: string; unitCode: string; doses: number; receivedAt: Date; reference: string }
export interface DemoTransfer { id: string; lotId: string; from: { unitCode: string }; to: { unitCode?: string; siteId?: string }; doses: number; movedAt: Date }
export interface DemoWastage { id: string; lotId: string; siteId: string; doses: number; sessionDate: string; at: Date }
export interface DemoDose { id: string; personId: string; productCode: string; lotId: string; siteId: string; doseNumber: number; kind: 'primary' | 'booster'; administeredAt: Date }
export interface DemoMovement {
  lotId: string; unitCode: string | null; siteId: string | null; doses: number; kind: 'received' | 'sent' | 'arrived' | 'administered' | 'wasted';
  shipmentId: string | null; transferId: string | null; wastageId: string | null; doseId: string | null; at: Date;
}
export interface DemoVaccination {
  sites: DemoSite[]; lots: DemoLot[]; shipments: DemoShipment[]; transfers: DemoTransfer[]; wastage: DemoWastage[]; doses: DemoDose[]; movements: DemoMovement[];
}

export interface VaccinationDemoInput {
  random: Random;
  provinceCode: string;
  communes: readonly DemoCommune[];
  people: readonly VaccinationPerson[];
  catalogue: Catalogue;
  now: Date;
}

/** A time of day between 07:30 and 16:30 in Vietnam on the day of `at`. */
function duringSession(random: Random, at: number): Date {
  const day = Math.floor((at + 7 * 3600_000) / DAY_MS) * DAY_MS - 7 * 3600_000;
  return new Date(day + (7.5 * 60 + random.int(0, 9 * 60)) * 60_000);
}

/** The first day a product's 2021 lot may be used at the sites. */
const arrival = (code: string) => Date.parse(`${RECEIVED_2021[code]}T00:00:00Z`) + 5 * DAY_MS;

/** A person's 2021 doses as [product, time] pairs, following the catalogue's series and booster rules. */
function scheduleFor(random: Random, catalogue: Catalogue): [string, Date][] {
  if (!random.chance(FIRST_DOSE_SHARE)) return [];
  const series = catalogue.get(firstDoseProduct(random));
  if (!series) return [];
  const start = arrival(series.code);
  const doses: [string, Date][] = [[series.code, duringSession(random, start + random.next() ** 0.7 * (YEAR_END - 30 * DAY_MS - start))]];
  const next = (product: Product, minDays: number) => {
    // Vietnam gave AstraZeneca's second dose 8–12 weeks after the first
    const wait = product.code === 'ASTRAZENECA' && doses.length === 1 ? random.int(56, 84) : minDays + random.int(1, 28);
    // not before the product's lot reached the sites
    const at = duringSession(random, Math.max(doses.at(-1)![1].getTime() + wait * DAY_MS, arrival(product.code)));
    if (at.getTime() <= YEAR_END) doses.push([product.code, at]);
  };
  for (let k = 1; k < series.primaryDoses && doses.length === k && random.chance(0.94); k++) {
    const completer = series.code === 'ASTRAZENECA' && random.chance(0.25) ? catalogue.get('PFIZER') ?? series : series;
    next(completer, series.minIntervalDays[k - 1] ?? 0);
  }
  if (doses.length === series.primaryDoses && series.boosterMinDays !== null && random.chance(0.6)) {
    const booster = catalogue.get(random.pick(series.boosterProducts.filter((code) => code === 'PFIZER' || code === 'MODERNA')));
    if (booster) next(booster, series.boosterMinDays);
  }
  return doses;
}

const movement = (m: Partial<DemoMovement> & Pick<DemoMovement, 'lotId' | 'doses' | 'kind' | 'at'>): DemoMovement =>
  ({ unitCode: null, siteId: null, shipmentId: null, transferId: null, wastageId: null, doseId: null, ...m });

export function generateVaccination(input: VaccinationDemoInput): DemoVaccination {
  const { random, catalogue, provinceCode } = input;
  const out: DemoVaccination = { sites: [], lots: [], shipments: [], transfers: [], wastage: [], doses: [], movements: [] };
  const siteOf = new Map<string, DemoSite>();
  for (const commune of input.communes) {
    const site = { id: random.uuid(), name: `Trạm Y tế ${commune.name}`, communeCode: commune.code, districtCode: commune.districtCode ?? provinceCode };
    out.sites.push(site);
    siteOf.set(commune.code, site);
  }
  const lotOf = new Map<string, DemoLot>();
  for (const code of Object.keys(RECEIVED_2021).filter((c) => catalogue.has(c))) {
    const lot = { id: random.uuid(), productCode: code, lotNumber: `${code.slice(0, 3)}${random.digits(4)}-21`, expiresOn: LOT_EXPIRY_2021 };
    out.lots.push(lot);
    lotOf.set(code, lot);
  }
  // doses, counted per lot and site for the allocations
  const used = new Map<string, { lot: DemoLot; site: DemoSite; doses: number; last: Date }>();
  for (const person of input.people) {
    const site = siteOf.get(person.communeCode);
    if (!site || person.birthYear > ADULT_BIRTH_YEAR) continue;
    const schedule = scheduleFor(random, catalogue);
    schedule.forEach(([productCode, at], index) => {
      const lot = lotOf.get(productCode)!;
      const primary = catalogue.get(schedule[0]![0])!.primaryDoses;
      const id = random.uuid();
      out.doses.push({ id, personId: person.id, productCode, lotId: lot.id, siteId: site.id, doseNumber: index + 1, kind: index < primary ? 'primary' : 'booster', administeredAt: at });
      out.movements.push(movement({ lotId: lot.id, siteId: site.id, doses: -1, kind: 'administered', doseId: id, at }));
      const key = `${lot.id}|${site.id}`;
      const line = used.get(key) ?? { lot, site, doses: 0, last: at };
      line.doses += 1;
      if (at > line.last) line.last = at;
      used.set(key, line);
    });
  }
  // what each site received: its doses, the rest of its last opened vials (wasted) and a few spare
  const allocations: { lot: DemoLot; site: DemoSite; doses: number }[] = [];
  for (const line of used.values()) {
    const perVial = catalogue.get(line.lot.productCode)!.dosesPerVial;
    const wasted = perVial > 1 ? random.int(0, Math.min(perVial - 1, Math.ceil(line.doses * 0.02))) : 0;
    if (wasted > 0) {
      const wastage = { id: random.uuid(), lotId: line.lot.id, siteId: line.site.id, doses: wasted, sessionDate: new Date(line.last.getTime() + 7 * 3600_000).toISOString().slice(0, 10), at: line.last };
      out.wastage.push(wastage);
      out.movements.push(movement({ lotId: line.lot.id, siteId: line.site.id, doses: -wasted, kind: 'wasted', wastageId: wastage.id, at: line.last }));
    }
    allocations.push({ lot: line.lot, site: line.site, doses: line.doses + wasted + (random.chance(0.1) ? random.int(1, 5) : 0) });
  }
  for (const lot of out.lots) {
    const received = new Date(`${RECEIVED_2021[lot.productCode]}T02:00:00Z`);
    const mine = allocations.filter((a) => a.lot === lot);
    const total = mine.reduce((sum, a) => sum + a.doses, 0);
    shipAndAllocate(out, random, provinceCode, lot, received, total + Math.ceil(total * 0.01), mine);
  }
  currentLots(out, random, provinceCode, input.now);
  return out;
}

/** A shipment into the province's store, allocated to each district and on to its sites. */
function shipAndAllocate(out: DemoVaccination, random: Random, provinceCode: string, lot: DemoLot, received: Date, doses: number, toSites: { site: DemoSite; doses: number }[]) {
  if (doses <= 0) return;
  const shipment = { id: random.uuid(), lotId: lot.id, unitCode: provinceCode, doses, receivedAt: received, reference: `Phiếu xuất ${lot.lotNumber}` };
  out.shipments.push(shipment);
  out.movements.push(movement({ lotId: lot.id, unitCode: provinceCode, doses, kind: 'received', shipmentId: shipment.id, at: received }));
  const move = (from: string, to: { unitCode?: string; siteId?: string }, count: number, movedAt: Date) => {
    const transfer = { id: random.uuid(), lotId: lot.id, from: { unitCode: from }, to, doses: count, movedAt };
    out.transfers.push(transfer);
    out.movements.push(movement({ lotId: lot.id, unitCode: from, doses: -count, kind: 'sent', transferId: transfer.id, at: movedAt }));
    out.movements.push(movement({ lotId: lot.id, unitCode: to.unitCode ?? null, siteId: to.siteId ?? null, doses: count, kind: 'arrived', transferId: transfer.id, at: movedAt }));
  };
  const districts = [...new Set(toSites.map((a) => a.site.districtCode))].sort();
  for (const district of districts) {
    const sites = toSites.filter((a) => a.site.districtCode === district);
    move(provinceCode, { unitCode: district }, sites.reduce((sum, a) => sum + a.doses, 0), new Date(received.getTime() + DAY_MS));
    for (const a of sites) move(district, { siteId: a.site.id }, a.doses, new Date(received.getTime() + 2 * DAY_MS));
  }
}

/** Lots in stock today: one expiring within weeks, one low at a site, so the warnings show. */
function currentLots(out: DemoVaccination, random: Random, provinceCode: string, now: Date) {
  const today = Date.parse(now.toISOString().slice(0, 10));
  const sites = out.sites.slice(0, 3);
  for (const [productCode, expiresInDays, perSite] of [['PFIZER', 20, [60, 12, 30]], ['MODERNA', 150, [100, 40, 8]]] as const) {
    const lot = { id: random.uuid(), productCode, lotNumber: `${productCode.slice(0, 3)}${random.digits(4)}-CUR`, expiresOn: new Date(today + expiresInDays * DAY_MS).toISOString().slice(0, 10) };
    out.lots.push(lot);
    const allocations = sites.map((site, i) => ({ site, doses: perSite[i] ?? 0 }));
    shipAndAllocate(out, random, provinceCode, lot, new Date(today - 20 * DAY_MS), 600, allocations);
  }
}
