// The levels workflow over HTTP on each engine: figures → draft → review → adjust → publish →
// the public map and history. Refusals first: 401, 403, 404 outside scope, 400, 409, 422.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { engines } from '../../testing/databases.js';
import { withTestApp } from '../../testing/app.js';

interface Unit { code: string; level: string; parentCode: string | null; population: number | null }

for (const engine of engines()) {
  describe(`epidemic levels workflow (${engine})`, () => {
    const t = withTestApp(engine);
    let units: Unit[];
    let province: string; // health officer of the province
    let district930: string; // health officer of Vị Thanh (930)
    let viewer: string;
    const communesOf = (district: string) => units.filter((u) => u.parentCode === district);

    /** A week's figures for every unit of the province: 2 cases per 10,000 people in each commune (band 2). */
    const fullWeek = () => units.map((unit) => unit.level === 'commune'
      ? { code: unit.code, newCommunityCases7d: 2, population: 10_000, adultsFirstDoseShare: 0.85, elderlyFullDoseShare: 0.9, capacityMet: true }
      : { code: unit.code, capacityMet: true });
    const enter = (week: string, list: unknown[], token = province) => t().request('PUT', `/api/v1/levels/inputs/${week}`, { token, body: { units: list } });
    const draft = (week: string, token = province, extra: Record<string, unknown> = {}) => t().request('POST', '/api/v1/levels/assessments', { token, body: { week, ...extra } });
    const publish = (id: string, effectiveFrom: string, token = province) => t().request('POST', `/api/v1/levels/assessments/${id}/publish`, { token, body: { effectiveFrom } });

    before(async () => {
      units = (await t().request('GET', '/api/v1/units')).body.items;
      province = await t().tokenFor('health_officer', '93');
      district930 = await t().tokenFor('health_officer', '930');
      viewer = await t().tokenFor('viewer', '93');
      for (const week of ['2021-W44', '2021-W45']) assert.equal((await enter(week, fullWeek())).status, 200);
    });

    test('401 without a token on every staff route', async () => {
      for (const [method, url] of [['PUT', '/api/v1/levels/inputs/2021-W45'], ['GET', '/api/v1/levels/inputs/2021-W45'], ['POST', '/api/v1/levels/assessments'], ['POST', '/api/v1/levels/rule-sets']]) {
        assert.equal((await t().request(method!, url!, { body: {} })).status, 401, `${method} ${url}`);
      }
    });

    test('403 for a role that may not enter figures, compute or publish', async () => {
      assert.equal((await enter('2021-W45', [{ code: '93', capacityMet: true }], viewer)).status, 403);
      assert.equal((await draft('2021-W45', viewer)).status, 403);
      assert.equal((await t().request('POST', '/api/v1/levels/rule-sets', { token: viewer, body: { id: 'x-test', name: 'x', effectiveFrom: '2021-10-20', caseBands: [1, 2, 3], coverage: { indicator: 'a', highIfAtLeast: 0.5, lowAddsLevels: 1 }, capacity: { whenUnmet: 'ignore' }, maxLevel: 4 } })).status, 403);
    });

    test('404 outside the scope: a district officer cannot enter figures for, compute or see another district', async () => {
      const other = communesOf('934')[0]!.code;
      assert.equal((await t().request('PUT', `/api/v1/levels/inputs/2021-W45/${other}`, { token: district930, body: { newCommunityCases7d: 1 } })).status, 404);
      assert.equal((await draft('2021-W45', district930, { unitCode: '934' })).status, 404);
      const theirs = await draft('2021-W45', await t().tokenFor('health_officer', '934'));
      assert.equal(theirs.status, 201);
      assert.equal((await t().request('GET', `/api/v1/levels/assessments/${theirs.body.id}`, { token: district930 })).status, 404);
      const bulk = await enter('2021-W45', [{ code: other, newCommunityCases7d: 1 }], district930);
      assert.equal(bulk.status, 400);
      assert.equal(bulk.body.error.fields['units[0].code'], 'is outside your scope');
    });

    test('400 naming the field: a week the year does not have, a percentage for a share, an unknown unit, a wrong level', async () => {
      assert.ok((await enter('2021-W53', [{ code: '93', capacityMet: true }])).body.error.fields.week);
      assert.equal((await enter('2021-45', [{ code: '93' }])).status, 400);
      const bad = await enter('2021-W45', [{ code: '31321', adultsFirstDoseShare: 82 }, { code: '99999' }, { code: '930', level: 'commune' }]);
      assert.equal(bad.status, 400);
      assert.deepEqual(Object.keys(bad.body.error.fields).sort(), ['units[0].adultsFirstDoseShare']);
      const unknown = await enter('2021-W45', [{ code: '99999' }, { code: '930', level: 'commune' }, { code: '31321', 'bad-name': 0.5 }]);
      assert.deepEqual(Object.keys(unknown.body.error.fields).sort(), ['units[0].code', 'units[1].level', 'units[2].bad-name']);
    });

    test('422 naming each unit and field when a commune\'s figures are missing', async () => {
      const commune = communesOf('931')[0]!.code;
      await enter('2021-W40', fullWeek().map((u) => (u.code === commune ? { code: commune, population: 5000, capacityMet: true } : u)));
      const { status, body } = await draft('2021-W40');
      assert.equal(status, 422);
      assert.equal(body.error.code, 'unprocessable');
      assert.deepEqual(Object.keys(body.error.fields).sort(), [`${commune}.adultsFirstDoseShare`, `${commune}.newCommunityCases7d`]);
      assert.match(body.error.message, new RegExp(`${commune} .*newCommunityCases7d is missing`));
    });

    test('a draft assesses every unit of the province with reasons; districts and the province are aggregated', async () => {
      const { status, body } = await draft('2021-W45');
      assert.equal(status, 201);
      assert.equal(body.status, 'draft');
      assert.equal(body.ruleSetId, 'qd-4800-2021');
      assert.equal(body.results.length, units.length);
      assert.match(body.warnings.join(' '), /not confirmed.*elderly/);
      const byCode = new Map(body.results.map((r: { unitCode: string }) => [r.unitCode, r]));
      const top = byCode.get('93') as { casesPer100k: number; level: number; colour: string; basis: { aggregatedFrom: number; population: number }; reasons: { code: string }[] };
      assert.equal(top.casesPer100k, 20);
      assert.equal(top.level, 2);
      assert.equal(top.colour, 'yellow');
      assert.equal(top.basis.aggregatedFrom, communesOf('930').length + units.filter((u) => u.level === 'commune' && u.parentCode !== '930').length);
      assert.equal(top.basis.population, 10_000 * units.filter((u) => u.level === 'commune').length);
      assert.deepEqual(top.reasons.map((r) => r.code).slice(0, 2), ['case_rate', 'aggregated']);
    });

    test('a commune\'s population comes from the unit list when the week\'s figures leave it out', async () => {
      const known = units.find((u) => u.level === 'commune' && u.population)!;
      await enter('2021-W45', [{ code: known.code, population: null }]);
      const { body } = await draft('2021-W45');
      const result = body.results.find((r: { unitCode: string }) => r.unitCode === known.code);
      assert.equal(result.basis.population, known.population);
      await enter('2021-W45', [{ code: known.code, population: 10_000 }]);
    });

    test('a district officer reviews only their units, adjusts one with a written reason (audited), and computing again keeps it', async () => {
      const { body: created } = await draft('2021-W45');
      const commune = communesOf('930')[0]!.code;
      const review = await t().request('GET', `/api/v1/levels/assessments/${created.id}`, { token: district930 });
      assert.equal(review.status, 200);
      assert.deepEqual(review.body.results.map((r: { unitCode: string }) => r.unitCode).sort(), ['930', ...communesOf('930').map((u) => u.code)].sort());
      const outside = communesOf('934')[0]!.code;
      assert.equal((await t().request('PATCH', `/api/v1/levels/assessments/${created.id}/units/${outside}`, { token: district930, body: { level: 3, reason: 'cluster at the market' } })).status, 404);
      assert.equal((await t().request('PATCH', `/api/v1/levels/assessments/${created.id}/units/${commune}`, { token: district930, body: { level: 3 } })).status, 400);

      const adjusted = await t().request('PATCH', `/api/v1/levels/assessments/${created.id}/units/${commune}`, { token: district930, body: { level: 3, reason: 'cluster at the market, tracing not finished' } });
      assert.equal(adjusted.status, 200);
      assert.equal(adjusted.body.level, 3);
      assert.equal(adjusted.body.computedLevel, 2);
      assert.equal(adjusted.body.colour, 'orange');
      assert.equal(adjusted.body.adjustment.reason, 'cluster at the market, tracing not finished');
      assert.equal(adjusted.body.reasons.at(-1).code, 'adjusted');
      const audit = await t().request('GET', `/api/v1/audit?entity=level_result&entityId=${created.id}/${commune}`, { token: t().adminToken });
      assert.equal(audit.body.items[0].reason, 'cluster at the market, tracing not finished');
      assert.deepEqual(audit.body.items[0].changes.level, { before: 2, after: 3 });

      const again = await draft('2021-W45');
      assert.equal(again.body.id, created.id, 'one draft per week and unit: recomputed');
      assert.equal(again.body.results.find((r: { unitCode: string }) => r.unitCode === commune).level, 3);
    });

    test('publishing: a district officer may not publish the province, a bad date is 400, twice is 409', async () => {
      const { body: created } = await draft('2021-W44');
      assert.equal((await publish(created.id, '2021-11-05', district930)).status, 403);
      assert.equal((await publish(created.id, '2021-10-31')).body.error.fields.effectiveFrom.includes('2021-11-01'), true);
      assert.equal((await publish(created.id, '2021-11-31')).status, 400);
      const first = await publish(created.id, '2021-11-08');
      assert.equal(first.status, 200);
      assert.equal(first.body.status, 'published');
      assert.equal(first.body.effectiveFrom, '2021-11-08');
      assert.equal((await publish(created.id, '2021-11-08')).status, 409);
      const commune = communesOf('930')[0]!.code;
      assert.equal((await t().request('PATCH', `/api/v1/levels/assessments/${created.id}/units/${commune}`, { token: province, body: { level: 4, reason: 'too late for this one' } })).status, 409);
      const audit = await t().request('GET', `/api/v1/audit?entity=level_assessment&entityId=${created.id}&action=publish`, { token: t().adminToken });
      assert.equal(audit.body.total, 1);
    });
  });
}
