// The proposed pool size over HTTP: the prevalence estimated from the commune's results of the last
// seven days (or the prior), the configured cap, and the engine's plan for them.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { presentPlan } from '../../cli/pool.js';
import { withTestApp } from '../../testing/app.js';
import { engines } from '../../testing/databases.js';
import { plan } from './pooling/plan.js';
import { HOUR, insertPeople, roundsKit } from './rounds.testkit.js';

const url = (query: string) => `/api/v1/testing/pool-size?${query}`;
/** The engine's answer for that prevalence and limits, as the endpoint shows it. */
const engineSays = (prevalence: number, maxPool: number, maxRounds: number) => presentPlan(plan({ prevalence, maxPool, maxRounds }));

for (const engine of engines()) {
  describe(`pool size (${engine})`, () => {
    const t = withTestApp(engine);
    const kit = roundsKit(t);
    const propose = async (query: string, token = t().adminToken) => kit.expect(t().request('GET', url(query), { token }), 200);

    test('401 without a token; 403 without testing:collect or testing:manage; 400 naming the field', async () => {
      assert.equal((await t().request('GET', url('communeCode=31321'))).status, 401);
      assert.equal((await t().request('GET', url('communeCode=31321'), { token: await t().tokenFor('tracer', '930') })).status, 403);
      const bad: [string, string, RegExp][] = [
        ['', 'communeCode', /./],
        ['communeCode=930', 'communeCode', /./],
        ['communeCode=99999', 'communeCode', /unknown unit/],
        ['communeCode=31321&testType=elisa', 'testType', /./],
        ['communeCode=31321&maxRounds=9', 'maxRounds', /./],
        ['communeCode=31321&highRisk=maybe', 'highRisk', /./],
      ];
      for (const [query, field, reason] of bad) {
        const response = await t().request('GET', url(query), { token: t().adminToken });
        assert.equal(response.status, 400, query);
        assert.match(response.body.error.fields[field] ?? '', reason, `${query}: ${JSON.stringify(response.body.error.fields)}`);
      }
      const outside = await t().request('GET', url('communeCode=31393'), { token: await t().tokenFor('health_officer', '930') });
      assert.match(outside.body.error.fields.communeCode, /outside your scope/);
    });

    test('no recent results: the prior (1 %), the RT-PCR cap of 10 and the engine\'s three-stage plan', async () => {
      const proposal = await propose('communeCode=31340', await t().tokenFor('health_officer', '931'));
      assert.deepEqual([proposal.testType, proposal.highRisk, proposal.maxRounds], ['rt_pcr', false, 3]);
      assert.deepEqual(
        [proposal.prevalence.source, proposal.prevalence.estimate, proposal.prevalence.resolvedPeople, proposal.prevalence.minResolvedPeople, proposal.prevalence.interval95],
        ['prior', 0.01, 0, 100, null],
      );
      assert.match(proposal.prevalence.method, /^prior 0\.01: 0 people resolved in the last 7 days/);
      assert.equal(Date.parse(proposal.prevalence.windowTo) - Date.parse(proposal.prevalence.windowFrom), 7 * 24 * HOUR);
      assert.deepEqual(proposal.cap, { value: 10, setting: 'VIGIL_POOL_CAP_RT_PCR' });
      assert.deepEqual(proposal.plan, engineSays(0.01, 10, 3));
      // the optimal three-stage figure at 1 %
      assert.deepEqual([proposal.plan.scheme, proposal.plan.expectedTestsPerPerson.toFixed(4)], ['hierarchical-3', '0.1623']);
      assert.equal(proposal.proposedPoolSize, Number(proposal.plan.parameters.split(':')[0]));
    });

    test('high-risk areas take the high-risk cap; rapid antigen tests are not pooled by default', async () => {
      const highRisk = await propose('communeCode=31341&highRisk=true&maxRounds=2');
      assert.deepEqual(highRisk.cap, { value: 5, setting: 'VIGIL_POOL_CAP_HIGH_RISK' });
      assert.deepEqual(highRisk.plan, engineSays(0.01, 5, 2));
      assert.ok(highRisk.proposedPoolSize <= 5);
      const antigen = await propose('communeCode=31341&testType=rapid_antigen');
      assert.deepEqual(antigen.cap, { value: 1, setting: 'VIGIL_POOL_CAP_RAPID_ANTIGEN' });
      assert.deepEqual([antigen.plan.scheme, antigen.proposedPoolSize], ['individual', 1]);
    });

    test('enough recent results: positives among the people resolved in the commune move the plan to smaller pools', async () => {
      const commune = '31343';
      const before = await propose(`communeCode=${commune}`);
      const now = Date.now();
      const people = await insertPeople(t().db, commune, 240);
      const [negatives, positives, others] = [people.slice(0, 180), people.slice(180, 200), people.slice(200)];
      for (let i = 0; i < negatives.length; i += 10) await kit.pool(negatives.slice(i, i + 10), new Date(now - 24 * HOUR), 'negative', commune);
      for (const personId of positives) await kit.positive(personId, new Date(now - 48 * HOUR), commune);
      // not counted: represented, awaiting a retest, invalid, older than seven days, sampled in another commune
      const [rep, ...represented] = others.slice(0, 5);
      await kit.representative(rep!, represented, new Date(now - 24 * HOUR), 'negative', commune);
      await kit.pool(others.slice(5, 15), new Date(now - 24 * HOUR), 'positive', commune);
      for (const personId of others.slice(15, 20)) await kit.invalid(personId, new Date(now - 24 * HOUR), commune);
      for (const personId of others.slice(20, 30)) await kit.positive(personId, new Date(now - 8 * 24 * HOUR), commune);
      for (const personId of others.slice(30, 40)) await kit.positive(personId, new Date(now - 24 * HOUR), '31344');
      // a person counted once: a negative pool and an individual positive make one positive person
      await kit.negative(positives[0]!, new Date(now - 72 * HOUR), commune);

      const after = await propose(`communeCode=${commune}`);
      assert.deepEqual(
        [after.prevalence.source, after.prevalence.resolvedPeople, after.prevalence.positivePeople, after.prevalence.estimate],
        ['recent_results', 201, 20, 20.5 / 202],
      );
      assert.match(after.prevalence.method, /\(20 \+ 0\.5\) \/ \(201 \+ 1\)/);
      assert.ok(after.prevalence.interval95.low < 20 / 201 && after.prevalence.interval95.high > 20 / 201);
      assert.deepEqual(after.plan, engineSays(20.5 / 202, 10, 3));
      assert.ok(after.plan.expectedTestsPerPerson > before.plan.expectedTestsPerPerson);
      assert.ok(after.proposedPoolSize < before.proposedPoolSize, `${after.proposedPoolSize} < ${before.proposedPoolSize}`);
    });
  });
}
