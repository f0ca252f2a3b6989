// The dose numbering of vaccination certificates (EU DCC guidelines) and the product codes.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { VACCINE_MANUFACTURER, VACCINE_PRODUCT, VACCINE_PROPHYLAXIS } from '../certificates/hcert/valuesets.js';
import { CATALOGUE, catalogueByCode } from './catalogue.js';
import { DCC_PRODUCTS, doseNumbering, vaccinationEntry } from './certificate.entry.js';

const catalogue = catalogueByCode(CATALOGUE);
const dose = (productCode: string, at: string) => ({ productCode, administeredAt: new Date(at) });

describe('dn/sd of a vaccination entry', () => {
  test('inside the primary series: n of the series; a one-dose series is 1/1', () => {
    assert.deepEqual(doseNumbering(1, 2), { dn: 1, sd: 2 });
    assert.deepEqual(doseNumbering(2, 2), { dn: 2, sd: 2 });
    assert.deepEqual(doseNumbering(2, 3), { dn: 2, sd: 3 });
    assert.deepEqual(doseNumbering(1, 1), { dn: 1, sd: 1 });
  });

  test('boosters: 3/3 then 4/4 after a two-dose series, 2/1 then 3/1 after a one-dose series, 4/4 after three', () => {
    assert.deepEqual(doseNumbering(3, 2), { dn: 3, sd: 3 });
    assert.deepEqual(doseNumbering(4, 2), { dn: 4, sd: 4 });
    assert.deepEqual(doseNumbering(2, 1), { dn: 2, sd: 1 });
    assert.deepEqual(doseNumbering(3, 1), { dn: 3, sd: 1 });
    assert.deepEqual(doseNumbering(4, 3), { dn: 4, sd: 4 });
  });
});

describe('the entry of the latest dose', () => {
  test('a Janssen dose boosted with Moderna: the Moderna product, 2/1, the date in Vietnam', () => {
    const outcome = vaccinationEntry(catalogue, [dose('JANSSEN', '2021-08-01T03:00:00Z'), dose('MODERNA', '2021-11-15T18:30:00Z')]);
    assert.ok(outcome.ok);
    assert.deepEqual(outcome.entry, { vp: '1119349007', mp: 'EU/1/20/1507', ma: 'ORG-100031184', dn: 2, sd: 1, dt: '2021-11-16' });
  });

  test('AstraZeneca completed with Pfizer: the series is AstraZeneca\'s two doses, the entry Comirnaty 2/2', () => {
    const outcome = vaccinationEntry(catalogue, [dose('ASTRAZENECA', '2021-07-01T03:00:00Z'), dose('PFIZER', '2021-09-01T03:00:00Z')]);
    assert.ok(outcome.ok);
    assert.deepEqual([outcome.entry.mp, outcome.entry.ma, outcome.entry.dn, outcome.entry.sd], ['EU/1/20/1528', 'ORG-100030215', 2, 2]);
  });

  test('no doses: refused with the reason', () => {
    assert.deepEqual(vaccinationEntry(catalogue, []), { ok: false, reason: 'no doses recorded for this person' });
  });

  test('every catalogue product has codes of the DCC value sets', () => {
    for (const product of CATALOGUE) {
      const codes = DCC_PRODUCTS[product.code];
      assert.ok(codes, `${product.code} has DCC codes`);
      assert.ok(VACCINE_PRODUCT[codes.mp], `${product.code}: mp ${codes.mp}`);
      assert.ok(VACCINE_MANUFACTURER[codes.ma], `${product.code}: ma ${codes.ma}`);
      assert.ok(VACCINE_PROPHYLAXIS[codes.vp], `${product.code}: vp ${codes.vp}`);
    }
  });
});
