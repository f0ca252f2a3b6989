// The next dose shown at check-in, without a database: it agrees with nextDose, which checks the dose
// when it is recorded (the earliest day allowed, and the day before refused).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { addDays } from '../open/time.js';
import { CATALOGUE, catalogueByCode } from './catalogue.js';
import { nextDose, type PastDose } from './doses.rules.js';
import { nextDoseOptions } from './visits.next.js';

const catalogue = catalogueByCode(CATALOGUE);
const at = (date: string) => new Date(`${date}T09:00:00+07:00`);
const dose = (productCode: string, doseNumber: number, date: string): PastDose => ({ productCode, doseNumber, administeredAt: at(date) });

describe('next dose at check-in', () => {
  const histories: [string, PastDose[]][] = [
    ['one Pfizer dose', [dose('PFIZER', 1, '2021-08-01')]],
    ['two AstraZeneca doses', [dose('ASTRAZENECA', 1, '2021-07-01'), dose('ASTRAZENECA', 2, '2021-08-01')]],
    ['two Abdala doses', [dose('ABDALA', 1, '2021-09-01'), dose('ABDALA', 2, '2021-09-15')]],
    ['Janssen', [dose('JANSSEN', 1, '2021-10-01')]],
  ];
  for (const [name, history] of histories) {
    test(`${name}: every product offered is accepted on the earliest day and refused the day before`, () => {
      const options = nextDoseOptions(catalogue, history, '2021-06-01');
      assert.equal(options.status, 'due');
      if (options.status !== 'due') return;
      assert.ok(options.products.length > 0);
      assert.equal(options.dueToday, false);
      for (const code of options.products) {
        const ok = nextDose(catalogue, history, catalogue.get(code)!, at(options.earliestDate));
        assert.deepEqual(ok, { ok: true, doseNumber: options.doseNumber, kind: options.kind }, code);
        const early = nextDose(catalogue, history, catalogue.get(code)!, at(addDays(options.earliestDate, -1)));
        assert.equal(early.ok, false, `${code} a day early`);
      }
      for (const product of CATALOGUE.filter((p) => !options.products.includes(p.code))) {
        assert.equal(nextDose(catalogue, history, product, at(options.earliestDate)).ok, false, `${product.code} is not offered and not accepted`);
      }
    });
  }

  test('someone never vaccinated: dose 1, any product, today', () => {
    assert.deepEqual(nextDoseOptions(catalogue, [], '2021-06-01'), {
      status: 'due', doseNumber: 1, kind: 'primary', seriesProductCode: null, earliestDate: '2021-06-01', products: CATALOGUE.map((p) => p.code), dueToday: true,
    });
  });
});
