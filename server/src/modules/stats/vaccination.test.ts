// Public figures fed by dose records over HTTP on both engines: people vaccinated and adult coverage
// per unit and day computed from doses, a reported figure overriding the computed one, and case
// figures of the communes still added up on a day a district has only computed figures.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { withTestApp } from '../../testing/app.js';
import { engines } from '../../testing/databases.js';
import { todayInVietnam } from '../open/time.js';
import { buildDose, COMMUNE, createPerson, daysAgo, postDose, siteWithStock } from '../vaccination/vaccination.testkit.js';

const figure = (unitCode: string, date: string, values: Record<string, number | null>) => ({ unitCode, date, source: 'Báo cáo ngày của Sở Y tế', asOf: `${date}T10:00:00Z`, ...values });

for (const engine of engines()) {
  describe(`public figures from dose records (${engine})`, () => {
    const t = withTestApp(engine);
    const doseDay = todayInVietnam(new Date(daysAgo(3)));
    const today = todayInVietnam();
    type Day = Record<string, any>;
    const series = async (code: string): Promise<Day[]> => (await t().request('GET', `/api/v1/stats/units/${code}`)).body.items;

    before(async () => {
      const stock = await siteWithStock(t());
      for (const birthDate of ['1980-01-01', '1990-06-01', '2012-01-01']) {
        const response = await postDose(t(), buildDose(await createPerson(t(), { birthDate }), stock, { administeredAt: daysAgo(3) }));
        assert.equal(response.status, 201, JSON.stringify(response.body));
      }
      // an official case report for a commune of the district, today, without vaccination figures
      assert.equal((await t().request('PUT', '/api/v1/stats/figures', { token: t().adminToken, body: { items: [figure('31318', today, { confirmedCommunity: 4, confirmedQuarantine: 1 })] } })).status, 200);
    });

    test('people vaccinated and adult coverage per unit, from the day of the doses on', async () => {
      const commune = await series(COMMUNE);
      const first = commune.find((day) => day.date === doseDay)!;
      assert.deepEqual([first.vaccinatedFirstDose, first.vaccinatedFull, first.vaccinatedBooster], [3, 0, 0]);
      assert.equal(first.adultsCoverage, Math.round((2 / Math.round(10_703 * (536_163 / 733_017))) * 10_000) / 10_000);
      assert.match(first.source, /Vigil dose records/);
      assert.equal(first.confirmed, null, 'no case figure is invented');
      const latest = commune.find((day) => day.date === today)!;
      assert.equal(latest.vaccinatedFirstDose, 3, 'the running total is given on the days with official figures too');

      const province = (await series('93')).find((day) => day.date === doseDay)!;
      assert.equal(province.vaccinatedFirstDose, 3);
      assert.equal(province.adultsCoverage, Math.round((2 / 536_163) * 10_000) / 10_000);
    });

    test("a district's computed day still adds up its communes' cases", async () => {
      const district = (await series('930')).find((day) => day.date === today)!;
      assert.equal(district.confirmed, 5);
      assert.equal(district.vaccinatedFirstDose, 3);
      assert.match(district.source, /Vigil dose records; sum of 1 reporting communes/);
    });

    test('a reported figure overrides the computed one', async () => {
      assert.equal((await t().request('PUT', '/api/v1/stats/figures', { token: t().adminToken, body: { items: [figure(COMMUNE, doseDay, { vaccinatedFirstDose: 5000, adultsCoverage: 0.5 })] } })).status, 200);
      const day = (await series(COMMUNE)).find((d) => d.date === doseDay)!;
      assert.deepEqual([day.vaccinatedFirstDose, day.adultsCoverage, day.vaccinatedFull], [5000, 0.5, 0]);
      const daily = (await t().request('GET', `/api/v1/stats/daily?date=${doseDay}&level=commune`)).body.items.find((d: Day) => d.unitCode === COMMUNE);
      assert.equal(daily.vaccinatedFirstDose, 5000);
    });
  });
}
