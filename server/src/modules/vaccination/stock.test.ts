// Stock over HTTP on both engines: shipments, allocations down the tree and transfers (never more
// than the source holds), wastage, stock on hand with warnings, and the reconciliation of lots.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { withTestApp } from '../../testing/app.js';
import { engines } from '../../testing/databases.js';
import { addDays, todayInVietnam } from '../open/time.js';
import {
  DISTRICT, OTHER_DISTRICT, PROVINCE, buildDose, buildShipment, createPerson, createSite, postDose, siteWithStock,
} from './vaccination.testkit.js';

for (const engine of engines()) {
  describe(`vaccination stock (${engine})`, () => {
    const t = withTestApp(engine);
    const post = (url: string, body: unknown, token = t().adminToken) => t().request('POST', `/api/v1/vaccination/${url}`, { token, body });

    test('the catalogue lists the issue\'s products with their schedules', async () => {
      const response = await t().request('GET', '/api/v1/vaccination/products', { token: t().adminToken });
      assert.equal(response.status, 200);
      const byCode = new Map(response.body.items.map((p: { code: string }) => [p.code, p]));
      assert.deepEqual([...byCode.keys()].sort(), ['ABDALA', 'ASTRAZENECA', 'JANSSEN', 'MODERNA', 'PFIZER', 'SINOPHARM', 'SPUTNIK_V']);
      assert.deepEqual(byCode.get('ABDALA'), { ...(byCode.get('ABDALA') as object), primaryDoses: 3, minIntervalDays: [14, 14], dosesPerVial: 10 });
    });

    test('a shipment: bad input names the field; the same lot again must have the same expiry', async () => {
      const cases: [Record<string, unknown>, string, RegExp][] = [
        [{ productCode: 'COVAXIN' }, 'productCode', /unknown product/],
        [{ doses: 0 }, 'doses', /./],
        [{ expiresOn: '2026-13-01' }, 'expiresOn', /./],
        [{ unitCode: '99999' }, 'unitCode', /no store/],
        [{ lotNumber: 'bad lot!' }, 'lotNumber', /./],
      ];
      for (const [overrides, field, reason] of cases) {
        const response = await post('shipments', buildShipment(overrides));
        assert.equal(response.status, 400, `${JSON.stringify(overrides)} → ${JSON.stringify(response.body)}`);
        assert.match(response.body.error.fields[field] ?? '', reason, JSON.stringify(response.body.error));
      }
      const first = buildShipment();
      assert.equal((await post('shipments', first)).status, 201);
      const again = await post('shipments', { ...first, expiresOn: addDays(first.expiresOn, 1) });
      assert.equal(again.status, 400);
      assert.match(again.body.error.fields.expiresOn, /was received before with expiry/);
      const second = await post('shipments', { ...first, doses: 50 });
      assert.equal(second.status, 201, 'a second delivery of the same lot adds to it');
    });

    test('allocations go province → district → site and never exceed what the source holds; transfers between sites', async () => {
      const shipment = (await post('shipments', buildShipment({ doses: 100 }))).body;
      const lotId = shipment.lot.id as string;
      const siteA = await createSite(t());
      const siteB = await createSite(t());
      const toDistrict = await post('movements', { lotId, from: { unitCode: PROVINCE }, to: { unitCode: DISTRICT }, doses: 60 });
      assert.equal(toDistrict.status, 201, JSON.stringify(toDistrict.body));
      assert.deepEqual([toDistrict.body.kind, toDistrict.body.fromOnHand], ['allocation', 40]);

      const districtOfficer = await t().tokenFor('health_officer', DISTRICT);
      const tooMany = await post('movements', { lotId, from: { unitCode: DISTRICT }, to: { siteId: siteA }, doses: 61 }, districtOfficer);
      assert.equal(tooMany.status, 409);
      assert.match(tooMany.body.error.fields.doses, /more than the 60 dose\(s\)/);
      const notTheirs = await post('movements', { lotId, from: { unitCode: PROVINCE }, to: { siteId: siteA }, doses: 1 }, districtOfficer);
      assert.equal(notTheirs.status, 400);
      assert.match(notTheirs.body.error.fields['from.unitCode'], /outside your scope/);
      const both = await post('movements', { lotId, from: { unitCode: DISTRICT, siteId: siteA }, to: { siteId: siteB }, doses: 1 }, districtOfficer);
      assert.match(both.body.error.fields.from, /exactly one/);

      assert.equal((await post('movements', { lotId, from: { unitCode: DISTRICT }, to: { siteId: siteA }, doses: 60 }, districtOfficer)).status, 201);
      const transfer = await post('movements', { lotId, from: { siteId: siteA }, to: { siteId: siteB }, doses: 25 }, districtOfficer);
      assert.deepEqual([transfer.status, transfer.body.kind], [201, 'transfer']);

      const stock = await t().request('GET', `/api/v1/vaccination/stock?productCode=PFIZER&lowBelowDoses=30`, { token: districtOfficer });
      const mine = stock.body.items.filter((line: { lot: { id: string } }) => line.lot.id === lotId);
      assert.deepEqual(mine.map((line: { holder: { unitCode: string | null; siteId: string | null }; onHand: number; warnings: string[] }) => [line.holder.unitCode ?? line.holder.siteId, line.onHand, line.warnings]).sort(),
        [[DISTRICT, 0, ['stock_out']], [siteA, 35, []], [siteB, 25, ['low']]].sort(), 'the province store is outside the district officer\'s scope');
    });

    test('stock warns of lots expiring soon and expired', async () => {
      const soon = await siteWithStock(t(), { shipment: { expiresOn: addDays(todayInVietnam(), 10) } });
      const gone = await siteWithStock(t(), { shipment: { expiresOn: addDays(todayInVietnam(), -1) } });
      const warningsOf = async (siteId: string, query = '') => (await t().request('GET', `/api/v1/vaccination/stock?siteId=${siteId}${query}`, { token: t().adminToken })).body.items[0].warnings;
      assert.deepEqual(await warningsOf(soon.siteId), ['expiring']);
      assert.deepEqual(await warningsOf(soon.siteId, '&expiringWithinDays=5'), []);
      assert.deepEqual(await warningsOf(gone.siteId), ['expired']);
    });

    test('wastage of an opened vial lowers the site\'s stock; never more than it holds', async () => {
      const stock = await siteWithStock(t(), { doses: 6 });
      const body = { siteId: stock.siteId, lotId: stock.lotId, doses: 4, reason: 'opened_vial', sessionDate: todayInVietnam() };
      const wasted = await post('wastage', body);
      assert.equal(wasted.status, 201, JSON.stringify(wasted.body));
      assert.equal(wasted.body.onHand, 2);
      const tooMany = await post('wastage', { ...body, doses: 3 });
      assert.equal(tooMany.status, 409);
      assert.match(tooMany.body.error.fields.doses, /more than the 2 dose\(s\)/);
      const bad = await post('wastage', { ...body, reason: 'lost', lotId: randomUUID() });
      assert.equal(bad.status, 400);
      assert.ok(bad.body.error.fields.reason);
    });

    test('reconciliation: delivered = administered + wasted + on hand per lot; a gap is shown', async () => {
      const stock = await siteWithStock(t(), { doses: 10, shipment: { productCode: 'MODERNA' } });
      for (let i = 0; i < 3; i++) assert.equal((await postDose(t(), buildDose(await createPerson(t()), stock))).status, 201);
      assert.equal((await post('wastage', { siteId: stock.siteId, lotId: stock.lotId, doses: 2, reason: 'opened_vial', sessionDate: todayInVietnam() })).status, 201);
      const lineOf = async () => {
        const response = await t().request('GET', '/api/v1/vaccination/reconciliation?productCode=MODERNA', { token: t().adminToken });
        assert.equal(response.status, 200);
        return { ...response.body.items.find((item: { lot: { id: string } }) => item.lot.id === stock.lotId), balanced: response.body.balanced };
      };
      const line = await lineOf();
      assert.deepEqual([line.delivered, line.administered, line.wasted, line.onHand, line.gap, line.overAdministered, line.balanced], [10, 3, 2, 5, 0, false, true]);

      // A dose that reached the records without its stock movement (e.g. loaded by hand from a
      // paper register): the books disagree, and the report says by how much.
      const person = await createPerson(t());
      const [user] = await t().db.query<{ id: string }>(`SELECT id FROM users WHERE username = 'admin'`);
      await t().db.query(
        `INSERT INTO dose_records (id, person_id, product_code, lot_id, site_id, dose_number, kind, administered_at, vaccinator_id) VALUES ($1, $2, 'MODERNA', $3, $4, 1, 'primary', now(), $5)`,
        [randomUUID(), person, stock.lotId, stock.siteId, user!.id],
      );
      const after = await lineOf();
      assert.deepEqual([after.administered, after.onHand, after.gap, after.balanced], [4, 5, -1, false]);

      const today = todayInVietnam();
      const usage = await t().request('GET', `/api/v1/vaccination/sites/${stock.siteId}/usage?from=${addDays(today, -1)}&to=${today}`, { token: t().adminToken });
      assert.equal(usage.status, 200, JSON.stringify(usage.body));
      const items = usage.body.items as { sessionDate: string; lot: { id: string }; administered: number; wasted: number }[];
      assert.deepEqual([items.reduce((n, i) => n + i.administered, 0), items.reduce((n, i) => n + i.wasted, 0)], [4, 2], 'every dose recorded at the site, and the wasted doses');
      assert.deepEqual(items.filter((i) => i.wasted > 0).map((i) => [i.sessionDate, i.lot.id]), [[today, stock.lotId]]);
      assert.equal((await t().request('GET', `/api/v1/vaccination/sites/${stock.siteId}/usage?from=${today}&to=${addDays(today, -1)}`, { token: t().adminToken })).body.error?.fields?.to, 'must not be before from');
      const vaccinator = await t().tokenFor('vaccinator', null);
      assert.equal((await t().request('GET', '/api/v1/vaccination/reconciliation', { token: vaccinator })).status, 403);
      assert.equal((await t().request('GET', `/api/v1/vaccination/stock?unitCode=${OTHER_DISTRICT}`, { token: vaccinator })).status, 200);
    });
  });
}
