// The demo vaccination data: deterministic, every person's doses allowed by the catalogue's rules
// in the order given, and a ledger in which each holder's stock never goes below zero.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CATALOGUE, catalogueByCode } from '../vaccination/catalogue.js';
import { nextDose, type PastDose } from '../vaccination/doses.rules.js';
import { createRandom } from './random.js';
import { ADULT_BIRTH_YEAR, FIRST_DOSE_SHARE, generateVaccination, type VaccinationDemoInput } from './vaccination.js';

const catalogue = catalogueByCode(CATALOGUE);
const communes = [
  { code: '31321', name: 'Phường III', districtCode: '930', population: 10_000 },
  { code: '31324', name: 'Phường IV', districtCode: '930', population: 8_000 },
  { code: '31340', name: 'Phường Ngã Bảy', districtCode: '931', population: 9_000 },
];
const seedRandom = createRandom(1);
const people = Array.from({ length: 3_000 }, (_, i) => ({ id: seedRandom.uuid(), birthYear: 1940 + (i % 80), communeCode: communes[i % 3]!.code }));
const NOW = new Date('2026-11-26T03:00:00Z');
const input = (): VaccinationDemoInput => ({ random: createRandom(7), provinceCode: '93', communes, people, catalogue, now: NOW });
const demo = generateVaccination(input());

describe('demo vaccination', () => {
  test('the same seed gives the same data', () => {
    assert.equal(JSON.stringify(generateVaccination(input())), JSON.stringify(demo));
  });

  test('a site per commune; the share of adults vaccinated in 2021, children not at all', () => {
    assert.equal(demo.sites.length, communes.length);
    const vaccinated = new Set(demo.doses.map((d) => d.personId));
    const adults = people.filter((p) => p.birthYear <= ADULT_BIRTH_YEAR);
    assert.ok(Math.abs(vaccinated.size / adults.length - FIRST_DOSE_SHARE) < 0.04, `${vaccinated.size} of ${adults.length}`);
    assert.ok(people.filter((p) => p.birthYear > ADULT_BIRTH_YEAR).every((p) => !vaccinated.has(p.id)));
    assert.ok(demo.doses.every((d) => d.administeredAt.getUTCFullYear() === 2021));
    assert.ok(demo.doses.some((d) => d.kind === 'booster'));
  });

  test('every history follows the series, the intervals and the booster rules, on a lot of its product not yet expired', () => {
    const lots = new Map(demo.lots.map((lot) => [lot.id, lot]));
    const histories = new Map<string, PastDose[]>();
    for (const dose of demo.doses) {
      const history = histories.get(dose.personId) ?? [];
      const next = nextDose(catalogue, history, catalogue.get(dose.productCode)!, dose.administeredAt);
      assert.ok(next.ok, JSON.stringify({ dose, next }));
      assert.deepEqual([next.doseNumber, next.kind], [dose.doseNumber, dose.kind]);
      const lot = lots.get(dose.lotId)!;
      assert.equal(lot.productCode, dose.productCode);
      assert.ok(dose.administeredAt.toISOString().slice(0, 10) <= lot.expiresOn);
      history.push({ productCode: dose.productCode, doseNumber: dose.doseNumber, administeredAt: dose.administeredAt });
      histories.set(dose.personId, history);
    }
  });

  test('the ledger: each holder\'s stock of a lot stays ≥ 0 in time order, and each lot delivered what was used, wasted or is on hand', () => {
    const balance = new Map<string, number>();
    for (const m of [...demo.movements].sort((a, b) => a.at.getTime() - b.at.getTime() || b.doses - a.doses)) {
      const key = `${m.lotId}|${m.unitCode ?? m.siteId}`;
      balance.set(key, (balance.get(key) ?? 0) + m.doses);
      assert.ok(balance.get(key)! >= 0, `${key} below zero`);
    }
    for (const lot of demo.lots) {
      const delivered = demo.shipments.filter((s) => s.lotId === lot.id).reduce((sum, s) => sum + s.doses, 0);
      const onHand = [...balance].filter(([key]) => key.startsWith(lot.id)).reduce((sum, [, n]) => sum + n, 0);
      const used = demo.doses.filter((d) => d.lotId === lot.id).length + demo.wastage.filter((w) => w.lotId === lot.id).reduce((sum, w) => sum + w.doses, 0);
      assert.equal(delivered, used + onHand, lot.lotNumber);
    }
  });

  test('current lots: one expiring within a month, stock at three sites', () => {
    const current = demo.lots.filter((lot) => lot.expiresOn > '2026-01-01');
    assert.deepEqual(current.map((lot) => lot.productCode), ['PFIZER', 'MODERNA']);
    assert.equal(current[0]!.expiresOn, '2026-12-16');
  });
});
