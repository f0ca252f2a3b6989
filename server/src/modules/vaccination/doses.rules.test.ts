// The dose rules without a database: the catalogue file, and which dose comes next.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CATALOGUE, catalogueByCode, catalogueProblems, parseCatalogue } from './catalogue.js';
import { nextDose } from './doses.rules.js';

const catalogue = catalogueByCode(CATALOGUE);
const product = (code: string) => catalogue.get(code)!;
const at = (date: string) => new Date(`${date}T09:00:00+07:00`);

describe('vaccine catalogue', () => {
  test('the issue\'s schedules and vials', () => {
    const facts = Object.fromEntries(CATALOGUE.map((p) => [p.code, [p.primaryDoses, p.minIntervalDays, p.dosesPerVial]]));
    assert.deepEqual(facts, {
      ASTRAZENECA: [2, [28], 10], PFIZER: [2, [21], 6], MODERNA: [2, [28], 10], SINOPHARM: [2, [21], 1],
      SPUTNIK_V: [2, [21], 5], ABDALA: [3, [14, 14], 10], JANSSEN: [1, [], 5],
    });
  });

  test('a broken file is refused with the problem named', () => {
    assert.throws(() => parseCatalogue({ products: [{ code: 'X' }] }), /does not match the catalogue schema/);
    const bad = { products: [{ ...product('PFIZER'), minIntervalDays: [], boosterProducts: ['NOVAVAX'], completesSeriesOf: [] }] };
    assert.deepEqual(catalogueProblems(bad), ['PFIZER: minIntervalDays needs 1 value(s), one per dose after the first', 'PFIZER: NOVAVAX is not in the catalogue']);
  });
});

describe('next dose', () => {
  test('intervals count calendar days in Vietnam', () => {
    const history = [{ productCode: 'PFIZER', doseNumber: 1, administeredAt: new Date('2021-08-01T09:00:00Z') }]; // 16:00 in Vietnam
    assert.deepEqual(nextDose(catalogue, history, product('PFIZER'), new Date('2021-08-22T00:30:00Z')), { ok: true, doseNumber: 2, kind: 'primary' }); // 07:30, 21 days later
    const early = nextDose(catalogue, history, product('PFIZER'), new Date('2021-08-21T16:30:00Z')); // 23:30 the day before
    assert.equal(early.ok, false);
  });

  test('a series of one product is completed only by the products configured for it', () => {
    const history = [{ productCode: 'SPUTNIK_V', doseNumber: 1, administeredAt: at('2021-09-01') }];
    assert.deepEqual(nextDose(catalogue, history, product('PFIZER'), at('2021-10-01')), {
      ok: false, field: 'productCode', reason: 'dose 2 of a SPUTNIK_V primary series must be SPUTNIK_V, not PFIZER',
    });
  });

  test('after the primary series every dose is a booster, each after the minimum since the previous', () => {
    const history = [
      { productCode: 'ASTRAZENECA', doseNumber: 1, administeredAt: at('2021-07-01') },
      { productCode: 'ASTRAZENECA', doseNumber: 2, administeredAt: at('2021-09-01') },
      { productCode: 'PFIZER', doseNumber: 3, administeredAt: at('2021-12-01') },
    ];
    assert.deepEqual(nextDose(catalogue, history, product('MODERNA'), at('2022-03-01')), { ok: true, doseNumber: 4, kind: 'booster' });
    const early = nextDose(catalogue, history, product('MODERNA'), at('2022-02-01'));
    assert.deepEqual(early, { ok: false, field: 'administeredAt', reason: 'is 62 day(s) after dose 3 (PFIZER, 2021-12-01); a booster after the ASTRAZENECA series needs at least 90 days (earliest 2022-03-01)' });
  });
});
