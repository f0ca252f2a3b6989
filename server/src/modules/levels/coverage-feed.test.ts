// Computed coverage feeding the level engine over HTTP on both engines: a commune with recorded doses
// and no share entered gets the share computed from its dose records; a share entered wins; a
// commune without doses still has to have it entered.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { withTestApp } from '../../testing/app.js';
import { engines } from '../../testing/databases.js';
import { todayInVietnam } from '../open/time.js';
import { buildDose, COMMUNE, createPerson, daysAgo, postDose, siteWithStock } from '../vaccination/vaccination.testkit.js';
import { weekOfDate } from './week.js';

const ADULTS_18_SHARE = 536_163 / 733_017;

for (const engine of engines()) {
  describe(`levels fed by computed coverage (${engine})`, () => {
    const t = withTestApp(engine);
    const week = weekOfDate(todayInVietnam(new Date(Date.now() - 2 * 86_400_000)));
    let communes: string[];
    const enter = (list: unknown[]) => t().request('PUT', `/api/v1/levels/inputs/${week}`, { token: t().adminToken, body: { units: list } });
    const draft = () => t().request('POST', '/api/v1/levels/assessments', { token: t().adminToken, body: { week, unitCode: '930', ruleSetId: 'qd-4800-2021' } });

    before(async () => {
      communes = (await t().request('GET', '/api/v1/units?parent=930')).body.items.map((u: { code: string }) => u.code);
      const stock = await siteWithStock(t());
      for (const birthDate of ['1980-01-01', '1950-01-01', '2015-01-01']) {
        const response = await postDose(t(), buildDose(await createPerson(t(), { birthDate }), stock, { administeredAt: daysAgo(2) }));
        assert.equal(response.status, 201, JSON.stringify(response.body));
      }
    });

    test('a commune without its share entered must have it unless it has dose records', async () => {
      const list = communes.map((code) => ({ code, newCommunityCases7d: 0, population: 10_000, capacityMet: true, ...(code === COMMUNE || code === communes.find((c) => c !== COMMUNE) ? {} : { adultsFirstDoseShare: 0.8 }) }));
      assert.equal((await enter([{ code: '930', capacityMet: true }, ...list])).status, 200);
      const other = communes.find((c) => c !== COMMUNE)!;
      const refused = await draft();
      assert.equal(refused.status, 422, JSON.stringify(refused.body));
      assert.deepEqual(Object.keys(refused.body.error.fields), [`${other}.adultsFirstDoseShare`], 'Phường III has doses: its share is computed');
    });

    test('the computed share is used and said in the warnings; an entered share wins', async () => {
      const other = communes.find((c) => c !== COMMUNE)!;
      assert.equal((await t().request('PUT', `/api/v1/levels/inputs/${week}/${other}`, { token: t().adminToken, body: { newCommunityCases7d: 0, population: 10_000, adultsFirstDoseShare: 0.8, capacityMet: true } })).status, 200);
      const computed = await draft();
      assert.equal(computed.status, 201, JSON.stringify(computed.body));
      const phuong3 = computed.body.results.find((r: { unitCode: string }) => r.unitCode === COMMUNE);
      // two adults (45 and 75 years) with a dose over Phường III's 10,703 × the 18+ share
      const expected = Math.round((2 / Math.round(10_703 * ADULTS_18_SHARE)) * 10_000) / 10_000;
      assert.equal(phuong3.basis.indicators.adultsFirstDoseShare, expected);
      assert.ok(phuong3.reasons.some((r: { code: string }) => r.code === 'coverage_low'), JSON.stringify(phuong3.reasons));
      assert.ok(computed.body.warnings.some((w: string) => w.includes('computed from dose records') && w.includes(COMMUNE)), JSON.stringify(computed.body.warnings));

      assert.equal((await t().request('PUT', `/api/v1/levels/inputs/${week}/${COMMUNE}`, { token: t().adminToken, body: { newCommunityCases7d: 0, population: 10_000, adultsFirstDoseShare: 0.9, capacityMet: true } })).status, 200);
      const entered = await draft();
      assert.equal(entered.status, 201);
      assert.equal(entered.body.results.find((r: { unitCode: string }) => r.unitCode === COMMUNE).basis.indicators.adultsFirstDoseShare, 0.9);
      assert.ok(!entered.body.warnings.some((w: string) => w.includes('computed from dose records')));
    });
  });
}
