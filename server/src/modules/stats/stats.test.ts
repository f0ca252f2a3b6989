import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { withTestApp } from '../../testing/app.js';
import { engines } from '../../testing/databases.js';

const figure = (unitCode: string, date: string, values: Record<string, number | null>) => ({ unitCode, date, source: 'Báo cáo ngày của Sở Y tế', asOf: `${date}T10:00:00Z`, ...values });

for (const engine of engines()) {
  describe(`statistics (${engine})`, () => {
    const t = withTestApp(engine);
    const save = async (items: unknown[], token = t().adminToken) => t().request('PUT', '/api/v1/stats/figures', { token, body: { items } });

    test('entering figures needs a token (401), permission (403) and units in scope (400 naming the item)', async () => {
      assert.equal((await save([figure('31321', '2021-08-01', { confirmedCommunity: 1 })], '')).status, 401);
      assert.equal((await save([figure('31321', '2021-08-01', { confirmedCommunity: 1 })], await t().tokenFor('viewer', '93'))).status, 403);
      const officer = await t().tokenFor('health_officer', '934');
      const outside = await save([figure('31321', '2021-08-01', { confirmedCommunity: 1 })], officer);
      assert.equal(outside.status, 400);
      assert.match(outside.body.error.fields['items[0].unitCode'], /outside your scope/);
      const bad = await save([figure('31321', '2021-02-30', { deaths: -1 })]);
      assert.ok(bad.body.error.fields['items[0].date']);
      assert.ok(bad.body.error.fields['items[0].deaths']);
    });

    test('daily, cumulative and 7-day figures; districts and the province add up their communes', async () => {
      const saved = await save([
        figure('31321', '2021-08-01', { confirmedCommunity: 3, confirmedQuarantine: 2, recovered: 1, vaccinatedFirstDose: 5000 }),
        figure('31321', '2021-08-05', { confirmedCommunity: 4, confirmedQuarantine: 0, deaths: 1 }),
        figure('31318', '2021-08-05', { confirmedCommunity: 10, confirmedQuarantine: 1 }),
        figure('31321', '2021-08-09', { confirmedCommunity: 1, confirmedQuarantine: 0 }),
      ]);
      assert.equal(saved.status, 200);
      const commune = (await t().request('GET', '/api/v1/stats/units/31321')).body.items;
      assert.deepEqual(commune.map((d: any) => [d.date, d.confirmed, d.cumulativeConfirmed, d.confirmed7d]), [
        ['2021-08-01', 5, 5, 5], ['2021-08-05', 4, 9, 9], ['2021-08-09', 1, 10, 5],
      ]);
      // Phường III: 10,703 people → 5 cases in 7 days = 46.72 per 100,000
      assert.equal(commune[2].confirmed7dPer100k, 46.72);
      const district = (await t().request('GET', '/api/v1/stats/units/930')).body.items;
      const aug5 = district.find((d: any) => d.date === '2021-08-05');
      assert.equal(aug5.confirmed, 15);
      assert.equal(aug5.aggregated, true);
      assert.equal(aug5.reportingUnits, 2);
      assert.match(aug5.source, /sum of 2 reporting communes/);
      const province = (await t().request('GET', '/api/v1/stats/daily?date=2021-08-05&level=province')).body.items;
      assert.equal(province[0].confirmed, 15);
      assert.equal(province[0].cumulativeDeaths, 1);
    });

    test('a unit without a population has a null rate with the reason, never an invented one', async () => {
      await save([figure('31393', '2021-08-03', { confirmedCommunity: 2 })]); // Thị trấn Kinh Cùng: no population known
      const [day] = (await t().request('GET', '/api/v1/stats/units/31393')).body.items;
      assert.equal(day.confirmed7d, 2);
      assert.equal(day.confirmed7dPer100k, null);
      assert.match(day.rateNote, /population of Thị trấn Kinh Cùng is unknown/);
    });

    test('CSV import: all rows or none, errors by line; then the figures are stored and audited', async () => {
      const upload = async (csv: string) => {
        const response = await t().app.inject({ method: 'POST', url: '/api/v1/stats/figures/import', headers: { authorization: `Bearer ${t().adminToken}`, 'content-type': 'text/csv' }, payload: csv });
        return { status: response.statusCode, body: response.json() };
      };
      const header = 'unit_code,date,confirmed_community,confirmed_quarantine,deaths,source';
      const bad = await upload(`${header}\n31324,2021-08-02,1,0,0,SYT\n99999,2021-08-02,1,0,0,SYT\n31324,2021-08-03,x,0,0,SYT\n`);
      assert.equal(bad.status, 400);
      assert.ok(bad.body.error.fields['lines[3].unitCode']);
      assert.ok(bad.body.error.fields['lines[4].confirmedCommunity']);
      assert.equal((await t().request('GET', '/api/v1/stats/units/31324')).body.items.length, 0);
      const ok = await upload(`${header}\n31324,2021-08-02,1,0,0,SYT\n31324,2021-08-03,2,1,0,SYT\n`);
      assert.equal(ok.status, 200);
      assert.equal(ok.body.saved, 2);
      const stored = await t().request('GET', '/api/v1/stats/figures?unitCode=31324', { token: t().adminToken });
      assert.equal(stored.body.items.length, 2);
      const audit = await t().request('GET', '/api/v1/audit?entity=stat_figure&entityId=31324/2021-08-03', { token: t().adminToken });
      assert.equal(audit.body.items[0].reason, 'CSV import');
    });

    test('every figure of the stats endpoints equals the same figure in the open-data CSV', async () => {
      const csv = await t().app.inject({ method: 'GET', url: '/api/v1/open/stats.csv' });
      assert.equal(csv.statusCode, 200);
      const rows: Record<string, string>[] = parse(csv.body, { columns: true });
      const byKey = new Map<string, Record<string, string>>(rows.map((row) => [`${row.unitCode}/${row.date}`, row]));
      const endpointDays: any[] = [];
      for (const code of ['93', '930', '31321', '31318', '31324', '31393']) endpointDays.push(...(await t().request('GET', `/api/v1/stats/units/${code}`)).body.items);
      for (const date of ['2021-08-01', '2021-08-05']) endpointDays.push(...(await t().request('GET', `/api/v1/stats/daily?date=${date}`)).body.items);
      assert.ok(endpointDays.length > 10);
      let compared = 0;
      for (const day of endpointDays) {
        const row = byKey.get(`${day.unitCode}/${day.date}`);
        assert.ok(row, `the CSV has ${day.unitCode} on ${day.date}`);
        for (const [field, value] of Object.entries(day)) {
          const cell: string | undefined = row[field];
          assert.notEqual(cell, undefined, `the CSV has a column ${field}`);
          if (typeof value === 'number') assert.equal(Number(cell), value, `${field} of ${day.unitCode} on ${day.date}`);
          else assert.equal(cell, value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value), `${field} of ${day.unitCode} on ${day.date}`);
          compared += 1;
        }
      }
      assert.ok(compared > 200);
    });
  });
}
