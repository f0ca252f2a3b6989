// Rule sets over HTTP: public reading, adjusted sets with effective dates, and drafts by a
// district for its own tree with the rule set in force or a named one.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { engines } from '../../testing/databases.js';
import { builtInRuleSet } from './rules.js';
import { withTestApp } from '../../testing/app.js';

const adjusted = (overrides: Record<string, unknown> = {}) => ({
  ...builtInRuleSet('qd-4800-2021')!, confirmation: undefined,
  id: 'hau-giang-2021-10', name: 'Hậu Giang, adjusted coverage threshold', effectiveFrom: '2021-10-20',
  coverage: { indicator: 'adultsFirstDoseShare', highIfAtLeast: 0.9, lowAddsLevels: 1 },
  basedOn: 'qd-4800-2021', source: 'provincial decision (test)', ...overrides,
});

for (const engine of engines()) {
  describe(`level rule sets and district drafts (${engine})`, () => {
    const t = withTestApp(engine);
    let officer: string;
    let district: string;
    let communes: string[];

    before(async () => {
      officer = await t().tokenFor('health_officer', '93');
      district = await t().tokenFor('health_officer', '930');
      communes = (await t().request('GET', '/api/v1/units?parent=930')).body.items.map((u: { code: string }) => u.code);
      const units = [{ code: '930', capacityMet: true }, ...communes.map((code) => ({ code, newCommunityCases7d: 1, population: 10_000, adultsFirstDoseShare: 0.85, elderlyFullDoseShare: 0.9, capacityMet: true }))];
      assert.equal((await t().request('PUT', '/api/v1/levels/inputs/2021-W45', { token: district, body: { units } })).status, 200);
    });

    test('anyone can read the rule sets; 218 says which components are unconfirmed', async () => {
      const { status, body } = await t().request('GET', '/api/v1/levels/rule-sets');
      assert.equal(status, 200);
      assert.deepEqual(body.items.map((r: { id: string }) => r.id).slice(0, 2), ['qd-4800-2021', 'qd-218-2022']);
      const qd218 = await t().request('GET', '/api/v1/levels/rule-sets/qd-218-2022');
      assert.equal(qd218.body.builtIn, true);
      assert.ok(qd218.body.unconfirmed.includes('caseBands (unconfirmed)'));
      assert.equal((await t().request('GET', '/api/v1/levels/rule-sets/nope')).status, 404);
    });

    test('creating a rule set: refused fields 400, a built-in or taken id 409', async () => {
      const bad = await t().request('POST', '/api/v1/levels/rule-sets', { token: officer, body: adjusted({ caseBands: [50, 20, 150], effectiveFrom: '2021-02-30', basedOn: 'qd-0000' }) });
      assert.equal(bad.status, 400);
      assert.deepEqual(Object.keys(bad.body.error.fields).sort(), ['basedOn', 'caseBands', 'effectiveFrom']);
      assert.equal((await t().request('POST', '/api/v1/levels/rule-sets', { token: officer, body: adjusted({ coverage: { indicator: 'adultsFirstDoseShare', highIfAtLeast: 70, lowAddsLevels: 1 } }) })).status, 400);
      assert.equal((await t().request('POST', '/api/v1/levels/rule-sets', { token: officer, body: adjusted({ id: 'qd-4800-2021' }) })).status, 409);
    });

    test('an adjusted rule set is kept with its effective date, audited, and never replaced', async () => {
      const created = await t().request('POST', '/api/v1/levels/rule-sets', { token: officer, body: adjusted() });
      assert.equal(created.status, 201);
      assert.equal(created.body.builtIn, false);
      assert.equal(created.body.effectiveFrom, '2021-10-20');
      assert.equal((await t().request('POST', '/api/v1/levels/rule-sets', { token: officer, body: adjusted({ name: 'again' }) })).status, 409);
      const audit = await t().request('GET', '/api/v1/audit?entity=level_rule_set&entityId=hau-giang-2021-10', { token: t().adminToken });
      assert.equal(audit.body.items[0].reason, 'provincial decision (test)');
    });

    test('a district computes its own tree with the rule set in force: the adjusted one, from its effective date', async () => {
      const { status, body } = await t().request('POST', '/api/v1/levels/assessments', { token: district, body: { week: '2021-W45' } });
      assert.equal(status, 201);
      assert.equal(body.unitCode, '930');
      assert.equal(body.ruleSetId, 'hau-giang-2021-10');
      assert.equal(body.results.length, communes.length + 1);
      const commune = body.results.find((r: { unitCode: string }) => r.unitCode === communes[0]);
      assert.equal(commune.level, 2, '85 % is below the adjusted 90 %');
      assert.ok(commune.reasons.some((r: { code: string }) => r.code === 'coverage_low'));
    });

    test('a named rule set is used instead; an unknown one is 400', async () => {
      const named = await t().request('POST', '/api/v1/levels/assessments', { token: district, body: { week: '2021-W45', ruleSetId: 'qd-4800-2021' } });
      assert.equal(named.body.ruleSetId, 'qd-4800-2021');
      assert.equal(named.body.results.find((r: { unitCode: string }) => r.unitCode === communes[0]).level, 1);
      const unknown = await t().request('POST', '/api/v1/levels/assessments', { token: district, body: { week: '2021-W45', ruleSetId: 'qd-0000' } });
      assert.equal(unknown.status, 400);
      assert.ok(unknown.body.error.fields.ruleSetId);
    });

    test('218\'s own indicators are needed under 218: their absence is named per unit', async () => {
      const { status, body } = await t().request('POST', '/api/v1/levels/assessments', { token: district, body: { week: '2021-W45', ruleSetId: 'qd-218-2022' } });
      assert.equal(status, 422);
      assert.ok(body.error.fields[`${communes[0]}.populationFullDoseShare`]);
    });

    test('figures of one unit are entered alone, with another indicator; a district officer lists only their units', async () => {
      const saved = await t().request('PUT', `/api/v1/levels/inputs/2021-W45/${communes[0]}`, { token: district, body: { newCommunityCases7d: 4, populationFullDoseShare: 0.7 } });
      assert.equal(saved.status, 200);
      assert.equal(saved.body.newCommunityCases7d, 4);
      assert.equal(saved.body.populationFullDoseShare, 0.7);
      assert.equal(saved.body.adultsFirstDoseShare, 0.85, 'fields left out keep their value');
      await t().request('PUT', '/api/v1/levels/inputs/2021-W45/31471', { token: officer, body: { newCommunityCases7d: 0 } });
      const list = await t().request('GET', '/api/v1/levels/inputs/2021-W45', { token: district });
      assert.deepEqual(list.body.items.map((i: { code: string }) => i.code).sort(), ['930', ...communes].sort());
      const audit = await t().request('GET', `/api/v1/audit?entity=level_input&entityId=2021-W45/${communes[0]}`, { token: t().adminToken });
      assert.deepEqual(audit.body.items[0].changes.newCommunityCases7d, { before: 1, after: 4 });
    });
  });
}
