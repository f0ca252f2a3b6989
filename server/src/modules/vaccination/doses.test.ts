// Dose records over HTTP on both engines: bad input names the field, the dose number comes from the
// person's history, schedule refusals say which interval and since which dose, lots that are
// expired, exhausted or of another product, retries, scope, and a merge keeping every dose.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { withTestApp } from '../../testing/app.js';
import { engines } from '../../testing/databases.js';
import { addDays, todayInVietnam } from '../open/time.js';
import { COMMUNE, OTHER_COMMUNE, buildDose, createPerson, daysAgo, postDose, siteWithStock } from './vaccination.testkit.js';

for (const engine of engines()) {
  describe(`vaccination doses (${engine})`, () => {
    const t = withTestApp(engine);

    test('bad input names the field; unknown product, person, lot; a lot of another product', async () => {
      const stock = await siteWithStock(t());
      const person = await createPerson(t());
      const cases: [Record<string, unknown>, number, string, RegExp][] = [
        [{ id: 'not-a-uuid' }, 400, 'id', /uuid/],
        [{ personId: undefined }, 400, 'personId', /required/],
        [{ doseNumber: 2 }, 400, 'doseNumber', /not a known field/],
        [{ productCode: 'COVAXIN' }, 400, 'productCode', /unknown product COVAXIN/],
        [{ personId: randomUUID() }, 400, 'personId', /no such person/],
        [{ lotId: randomUUID() }, 400, 'lotId', /no such lot/],
        [{ productCode: 'MODERNA' }, 400, 'lotId', /is PFIZER, not MODERNA/],
        [{ siteId: randomUUID() }, 400, 'siteId', /no such vaccination site/],
        [{ administeredAt: daysAgo(-1) }, 400, 'administeredAt', /future/],
      ];
      for (const [overrides, status, field, reason] of cases) {
        const response = await postDose(t(), buildDose(person, stock, overrides));
        assert.equal(response.status, status, `${JSON.stringify(overrides)} → ${JSON.stringify(response.body)}`);
        assert.match(response.body.error.fields?.[field] ?? '', reason, `${field}: ${JSON.stringify(response.body.error)}`);
      }
      const history = await t().request('GET', `/api/v1/vaccination/people/${person}/doses`, { token: t().adminToken });
      assert.deepEqual(history.body.doses, [], 'nothing was recorded');
    });

    test('the dose number is derived: two primary doses then a booster; the history is an audited read', async () => {
      const stock = await siteWithStock(t());
      const person = await createPerson(t());
      const start = Date.now() - 200 * 86_400_000;
      const numbers = [];
      for (const days of [0, 21, 21 + 120]) {
        const response = await postDose(t(), buildDose(person, stock, { administeredAt: new Date(start + days * 86_400_000).toISOString() }));
        assert.equal(response.status, 201, JSON.stringify(response.body));
        numbers.push([response.body.doseNumber, response.body.kind]);
      }
      assert.deepEqual(numbers, [[1, 'primary'], [2, 'primary'], [3, 'booster']]);

      const history = await t().request('GET', `/api/v1/vaccination/people/${person}/doses?reason=${encodeURIComponent('kiểm tra trước tiêm')}`, { token: t().adminToken });
      assert.equal(history.status, 200);
      assert.deepEqual(history.body.doses.map((d: { doseNumber: number }) => d.doseNumber), [1, 2, 3]);
      assert.equal(history.body.primarySeriesComplete, true);
      const [audited] = await t().db.query<{ reason: string }>(`SELECT reason FROM audit_log WHERE action = 'read' AND entity = 'dose_history' AND entity_id = $1`, [person]);
      assert.equal(audited?.reason, 'kiểm tra trước tiêm');
    });

    test('a dose before the minimum interval is refused naming the interval and the dose it follows', async () => {
      const stock = await siteWithStock(t());
      const person = await createPerson(t());
      assert.equal((await postDose(t(), buildDose(person, stock, { administeredAt: daysAgo(20) }))).status, 201);
      const early = await postDose(t(), buildDose(person, stock));
      assert.equal(early.status, 422, JSON.stringify(early.body));
      assert.match(early.body.error.fields.administeredAt, /after dose 1 \(PFIZER, .*\); dose 2 of the PFIZER primary series needs at least 21 days \(earliest /);
    });

    test('Abdala: three doses 14 days apart; a dose 13 days after dose 2 is refused', async () => {
      const stock = await siteWithStock(t(), { shipment: { productCode: 'ABDALA' } });
      const person = await createPerson(t());
      assert.equal((await postDose(t(), buildDose(person, stock, { administeredAt: daysAgo(40) }))).status, 201);
      assert.equal((await postDose(t(), buildDose(person, stock, { administeredAt: daysAgo(26) }))).status, 201);
      const early = await postDose(t(), buildDose(person, stock, { administeredAt: daysAgo(13) }));
      assert.equal(early.status, 422);
      assert.match(early.body.error.fields.administeredAt, /13 day\(s\) after dose 2 .*dose 3 .* at least 14 days/);
      const third = await postDose(t(), buildDose(person, stock, { administeredAt: daysAgo(12) }));
      assert.equal(third.status, 201);
      assert.deepEqual([third.body.doseNumber, third.body.kind], [3, 'primary']);
    });

    test('out of sequence: a dose dated before the last one, or of a product that may not continue the series', async () => {
      const az = await siteWithStock(t(), { shipment: { productCode: 'ASTRAZENECA' } });
      const sinopharm = await siteWithStock(t(), { shipment: { productCode: 'SINOPHARM' } });
      const pfizer = await siteWithStock(t());
      const person = await createPerson(t());
      assert.equal((await postDose(t(), buildDose(person, az, { administeredAt: daysAgo(40) }))).status, 201);
      const backdated = await postDose(t(), buildDose(person, az, { administeredAt: daysAgo(50) }));
      assert.equal(backdated.status, 422);
      assert.match(backdated.body.error.fields.administeredAt, /before dose 1 .*in the order they were given/);
      const mixed = await postDose(t(), buildDose(person, sinopharm));
      assert.equal(mixed.status, 422);
      assert.match(mixed.body.error.fields.productCode, /dose 2 of a ASTRAZENECA primary series must be ASTRAZENECA or PFIZER or MODERNA, not SINOPHARM/);
      const completed = await postDose(t(), buildDose(person, pfizer));
      assert.equal(completed.status, 201, 'an mRNA vaccine may complete an AstraZeneca series (configured)');
      assert.equal(completed.body.doseNumber, 2);
    });

    test('a booster before its minimum interval, or of a product that may not boost, is refused', async () => {
      const janssen = await siteWithStock(t(), { shipment: { productCode: 'JANSSEN' } });
      const pfizer = await siteWithStock(t());
      const sinopharm = await siteWithStock(t(), { shipment: { productCode: 'SINOPHARM' } });
      const person = await createPerson(t());
      assert.equal((await postDose(t(), buildDose(person, janssen, { administeredAt: daysAgo(30) }))).status, 201);
      const early = await postDose(t(), buildDose(person, pfizer));
      assert.equal(early.status, 422);
      assert.match(early.body.error.fields.administeredAt, /after dose 1 \(JANSSEN.*a booster after the JANSSEN series needs at least 60 days/);
      const wrong = await postDose(t(), buildDose(person, sinopharm, { administeredAt: daysAgo(-0.001) }));
      assert.equal(wrong.status, 422);
      assert.match(wrong.body.error.fields.productCode, /SINOPHARM may not boost a JANSSEN series/);
    });

    test('an expired lot is refused; an exhausted lot answers 409 naming the lot', async () => {
      // two days back: the dose is given an hour ago, which just after midnight in Vietnam is yesterday, when a lot expiring yesterday was still good
      const expired = await siteWithStock(t(), { shipment: { expiresOn: addDays(todayInVietnam(), -2) } });
      const refused = await postDose(t(), buildDose(await createPerson(t()), expired));
      assert.equal(refused.status, 422);
      assert.match(refused.body.error.fields.lotId, new RegExp(`lot ${expired.lotNumber} expired on `));

      const stock = await siteWithStock(t(), { doses: 2 });
      for (let i = 0; i < 2; i++) assert.equal((await postDose(t(), buildDose(await createPerson(t()), stock))).status, 201);
      const exhausted = await postDose(t(), buildDose(await createPerson(t()), stock));
      assert.equal(exhausted.status, 409);
      assert.match(exhausted.body.error.fields.lotId, /no doses of lot .* left at this site/);
    });

    test('doses racing for the last doses of a lot: exactly as many as the site holds are recorded', async () => {
      const stock = await siteWithStock(t(), { doses: 3 });
      const people = await Promise.all(Array.from({ length: 8 }, () => createPerson(t())));
      const responses = await Promise.all(people.map((person) => postDose(t(), buildDose(person, stock))));
      assert.deepEqual(responses.map((r) => r.status).sort(), [201, 201, 201, 409, 409, 409, 409, 409]);
      const onHand = await t().request('GET', `/api/v1/vaccination/stock?siteId=${stock.siteId}`, { token: t().adminToken });
      assert.equal(onHand.body.items[0].onHand, 0);
      assert.deepEqual(onHand.body.items[0].warnings, ['stock_out']);
    });

    test('the same dose sent again is a repeat (200, one record); the id reused for another dose is 409', async () => {
      const stock = await siteWithStock(t());
      const person = await createPerson(t());
      const body = buildDose(person, stock);
      const first = await postDose(t(), body);
      const again = await postDose(t(), body);
      assert.deepEqual([first.status, again.status], [201, 200]);
      assert.equal(again.body.repeat, true);
      assert.equal(again.body.doseNumber, 1);
      const reused = await postDose(t(), { ...body, administeredAt: daysAgo(2) });
      assert.equal(reused.status, 409);
      assert.ok(reused.body.error.fields.id);
      const [count] = await t().db.query<{ n: number }>('SELECT count(*)::int AS n FROM vaccine_stock_movements WHERE dose_id = $1', [body.id]);
      assert.equal(count?.n, 1, 'one stock movement');
    });

    test('scope: a commune vaccinator records at sites of their commune only; may not receive stock', async () => {
      const vaccinator = await t().tokenFor('vaccinator', COMMUNE);
      const here = await siteWithStock(t());
      const elsewhere = await siteWithStock(t(), { communeCode: OTHER_COMMUNE });
      const person = await createPerson(t());
      const refused = await postDose(t(), buildDose(person, elsewhere), vaccinator);
      assert.equal(refused.status, 400);
      assert.match(refused.body.error.fields.siteId, /no such vaccination site in your area/);
      const recorded = await postDose(t(), buildDose(person, here), vaccinator);
      assert.equal(recorded.status, 201, JSON.stringify(recorded.body));
      const shipment = await t().request('POST', '/api/v1/vaccination/shipments', { token: vaccinator, body: { productCode: 'PFIZER', lotNumber: 'X1', expiresOn: '2030-01-01', doses: 10 } });
      assert.equal(shipment.status, 403);
      const viewer = await t().tokenFor('viewer', null);
      assert.equal((await t().request('GET', '/api/v1/vaccination/products', { token: viewer })).status, 403);
      assert.equal((await t().request('GET', '/api/v1/vaccination/products')).status, 401);
    });

    test('merging two records of one person keeps every dose on the survivor', async () => {
      const stock = await siteWithStock(t());
      const survivor = await createPerson(t());
      const merged = await createPerson(t());
      assert.equal((await postDose(t(), buildDose(survivor, stock, { administeredAt: daysAgo(150) }))).status, 201);
      assert.equal((await postDose(t(), buildDose(merged, stock, { administeredAt: daysAgo(120) }))).status, 201);
      const merge = await t().request('POST', `/api/v1/people/${survivor}/merge`, { token: t().adminToken, body: { mergedId: merged, reason: 'same person' } });
      assert.equal(merge.status, 200, JSON.stringify(merge.body));
      assert.equal(merge.body.moved['dose_records.person_id'], 1);
      const history = await t().request('GET', `/api/v1/vaccination/people/${survivor}/doses`, { token: t().adminToken });
      assert.equal(history.body.doses.length, 2);
      assert.equal(history.body.primarySeriesComplete, true);
      // a phone still holding the merged record's id records on the survivor
      const late = await postDose(t(), buildDose(merged, stock));
      assert.equal(late.status, 201, JSON.stringify(late.body));
      assert.equal(late.body.personId, survivor);
      assert.deepEqual([late.body.doseNumber, late.body.kind], [3, 'booster']);
    });
  });
}
