// What results mean for people, over HTTP on both engines: a negative pool, a positive pool retested
// from kept samples down the engine's tree to the positive person (case proposal, live event, alert
// to the health centre), a pool whose people are sampled again (the field team's list), a
// representative sample, and an invalid result ordered again.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { before, describe, test } from 'node:test';
import { withTestApp } from '../../testing/app.js';
import { engines } from '../../testing/databases.js';
import { buildPlace } from '../places/factories.js';
import { collectTube, enterResult, latestOutcomes, liveEvent, resampled, retestsOf, TEST_COMMUNE } from './lab.testkit.js';
import { describeTree, optimalTree } from './pooling/schemes.js';

for (const engine of engines()) {
  describe(`results reach every person (${engine})`, () => {
    const t = withTestApp(engine);
    let lab: string;
    const result = async (barcode: string, outcome: string, extra: Record<string, unknown> = {}) => {
      const response = await enterResult(t, lab, { barcode, outcome, ...extra });
      assert.equal(response.status, 201, JSON.stringify(response.body));
      return response.body as { retests: string[]; caseProposals: number; people: number };
    };
    const messagesTo = async (personIds: readonly string[]) => t().db.query<{ person_id: string; payload: { result: string } }>(
      `SELECT person_id, payload FROM outbox_messages WHERE template = 'test_result' AND person_id = ANY ($1::uuid[])`, [personIds],
    );

    before(async () => {
      lab = await t().tokenFor('lab_technician', '93');
    });

    test('a negative pool makes each member negative, and plans nothing', async () => {
      const tube = await collectTube(t, { members: 5 });
      assert.equal((await result(tube.barcode, 'negative')).retests.length, 0);
      assert.deepEqual(await latestOutcomes(t, tube.personIds), Array(5).fill('negative'));
      assert.equal((await retestsOf(t, tube.barcode)).length, 0);
    });

    test('a positive pool of kept samples: sub-pools as the engine\'s tree, then individuals, down to the positive person and a case proposal', { timeout: 120_000 }, async () => {
      const centre = await t().request('POST', '/api/v1/places', { token: t().adminToken, body: buildPlace({ kind: 'health_centre', name: 'Trạm Y tế Phường III', phone: '0293 3870 115' }) });
      assert.equal(centre.status, 201, JSON.stringify(centre.body));
      const pool = await collectTube(t, { members: 10, pooling: 'lab_aliquot' });
      const first = await result(pool.barcode, 'positive', { ctValues: { N: 30.5 } });
      assert.equal(first.caseProposals, 0, 'a pool makes nobody positive');
      assert.deepEqual(await latestOutcomes(t, pool.personIds), Array(10).fill('retest_pending'));
      assert.equal((await messagesTo(pool.personIds)).length, 0, 'nobody is told anything while the lab retests kept samples');

      const subPools = await retestsOf(t, pool.barcode);
      assert.equal(describeTree(optimalTree(10, 3, { prevalence: 0.01 }).tree), '10:(4,3,3)');
      assert.deepEqual(subPools.map((r) => [r.origin, r.kind, r.people.length]).sort(), [['aliquot', 'pool', 3], ['aliquot', 'pool', 3], ['aliquot', 'pool', 4]]);
      assert.deepEqual(subPools.flatMap((r) => r.people.map((p) => p.personId)).sort(), [...pool.personIds].sort());
      const aliquotList = await t().request('GET', `/api/v1/testing/retests?origin=aliquot&communeCode=${TEST_COMMUNE}&limit=500`, { token: lab });
      assert.equal(aliquotList.status, 200);
      assert.ok(subPools.every((r) => aliquotList.body.items.some((i: { barcode: string }) => i.barcode === r.barcode)), 'the lab sees what to make');

      // the pool of four holds the infected person: its result splits it into individuals
      const [four, ...threes] = [...subPools].sort((a, b) => b.people.length - a.people.length);
      for (const three of threes) await result(three.barcode, 'negative');
      const split = await result(four!.barcode, 'positive');
      assert.equal(split.retests.length, 4);
      const individuals = await retestsOf(t, four!.barcode);
      assert.deepEqual(individuals.map((r) => [r.origin, r.kind, r.people.length]), Array(4).fill(['aliquot', 'individual', 1]));

      await t().app.listen({ port: 0, host: '127.0.0.1' });
      const port = (t().app.server.address() as AddressInfo).port;
      const stream = await liveEvent(`http://127.0.0.1:${port}/api/v1/events?types=testing.case_proposed`, 'testing.case_proposed');
      const [infected, ...healthy] = individuals;
      for (const one of healthy) await result(one.barcode, 'negative');
      const found = await result(infected!.barcode, 'positive', { ctValues: { N: 27.9, ORF1ab: 28.4 } });
      assert.equal(found.caseProposals, 1);
      const positiveId = infected!.people[0]!.personId;
      const event = (await stream.next) as { proposalId: string; communeCode: string };
      assert.equal(event.communeCode, TEST_COMMUNE);
      assert.deepEqual(Object.keys(event).sort(), ['communeCode', 'proposalId'], 'the public stream carries ids, never a person');

      const outcomes = await latestOutcomes(t, pool.personIds);
      assert.deepEqual(pool.personIds.filter((_, i) => outcomes[i] === 'positive'), [positiveId]);
      assert.deepEqual(outcomes.filter((o) => o !== 'positive'), Array(9).fill('negative'));
      const told = await messagesTo(pool.personIds);
      assert.equal(told.length, 10, 'each member is told their own answer once');
      assert.equal(told.find((m) => m.person_id === positiveId)!.payload.result, 'positive');

      const proposals = await t().request('GET', '/api/v1/testing/case-proposals?status=open', { token: t().adminToken });
      const proposal = proposals.body.items.find((p: { id: string }) => p.id === event.proposalId);
      assert.equal(proposal.personId, positiveId);
      assert.equal(proposal.tubeBarcode, infected!.barcode);
      assert.deepEqual(proposal.ctValues, { N: 27.9, ORF1ab: 28.4 });
      const alerts = await t().db.query<{ recipient: string; payload: Record<string, string>; person_id: string | null }>(
        `SELECT recipient, payload, person_id FROM outbox_messages WHERE template = 'case_proposal_alert' AND dedupe_key LIKE $1`, [`case_proposal:${event.proposalId}:%`],
      );
      assert.equal(alerts.length, 1);
      assert.equal(alerts[0]!.recipient, '+842933870115');
      assert.equal(alerts[0]!.person_id, null);
      assert.deepEqual(Object.keys(alerts[0]!.payload).sort(), ['communeName', 'sampledOn', 'testType']);
    });

    test('a positive pool swabbed at collection: each member on the field team\'s re-sampling list (audited), then tested alone', async () => {
      const pool = await collectTube(t, { members: 3, pooling: 'collection_swab' });
      const outcome = await result(pool.barcode, 'positive');
      assert.equal(outcome.retests.length, 3);
      assert.deepEqual(await latestOutcomes(t, pool.personIds), Array(3).fill('retest_pending'));
      const told = await messagesTo(pool.personIds);
      assert.deepEqual(told.map((m) => m.payload.result), ['resample', 'resample', 'resample'], 'people to sample again are told so');

      const officer = await t().tokenFor('health_officer', TEST_COMMUNE);
      const list = await t().request('GET', `/api/v1/testing/retests?communeCode=${TEST_COMMUNE}&origin=resample&reason=${encodeURIComponent('đi lấy mẫu lại')}&limit=500`, { token: officer });
      assert.equal(list.status, 200);
      const mine = list.body.items.filter((i: { parentBarcode: string }) => i.parentBarcode === pool.barcode);
      assert.equal(mine.length, 3);
      for (const item of mine) {
        assert.equal(item.origin, 'resample');
        assert.equal(item.kind, 'individual');
        assert.equal(item.parentOutcome, 'positive');
        assert.equal(item.people.length, 1);
        assert.ok(item.people[0].fullName && item.people[0].address);
        assert.match(item.people[0].phone, /^•+\d{3}$/);
      }
      const audit = await t().db.query<{ reason: string }>(`SELECT reason FROM audit_log WHERE entity = 'retest' AND action = 'search' AND actor_id = (SELECT id FROM users WHERE unit_code = $1 AND role = 'health_officer' ORDER BY created_at DESC LIMIT 1)`, [TEST_COMMUNE]);
      assert.ok(audit.some((a) => a.reason === 'đi lấy mẫu lại'));

      // the lab cannot take a tube nobody sampled yet
      const early = await enterResult(t, lab, { barcode: mine[0].barcode, outcome: 'positive' });
      assert.equal(early.status, 409);
      assert.match(early.body.error.fields.barcode, /not been sampled again/);
      await resampled(t, mine[0].barcode);
      const found = await result(mine[0].barcode, 'positive');
      assert.equal(found.caseProposals, 1);
      assert.equal((await latestOutcomes(t, [mine[0].people[0].personId]))[0], 'positive');
      const left = await t().request('GET', `/api/v1/testing/retests?communeCode=${TEST_COMMUNE}&origin=resample&limit=500`, { token: officer });
      assert.equal(left.body.items.filter((i: { parentBarcode: string }) => i.parentBarcode === pool.barcode).length, 2, 'a sampled tube leaves the list');
    });

    test('a negative representative sample: the household is negative by representation, and told so', async () => {
      const household = await collectTube(t, { members: 3, mode: 'household_representative' });
      const outcome = await result(household.barcode, 'negative');
      assert.equal(outcome.people, 3);
      assert.deepEqual(await latestOutcomes(t, household.personIds), ['negative', 'negative_by_representation', 'negative_by_representation']);
      const told = await messagesTo(household.personIds);
      assert.deepEqual(told.map((m) => m.payload.result).sort(), ['negative', 'negative_by_representation', 'negative_by_representation']);
    });

    test('a positive representative sample: the representative is positive, the household is sampled again one by one', async () => {
      const household = await collectTube(t, { members: 3, mode: 'household_representative' });
      const outcome = await result(household.barcode, 'positive');
      assert.equal(outcome.caseProposals, 1);
      assert.deepEqual(await latestOutcomes(t, household.personIds), ['positive', 'retest_pending', 'retest_pending']);
      const retests = await retestsOf(t, household.barcode);
      assert.deepEqual(retests.map((r) => [r.origin, r.kind]), [['resample', 'individual'], ['resample', 'individual']]);
      assert.deepEqual(retests.map((r) => r.people[0]!.personId).sort(), household.personIds.slice(1).sort());
    });

    test('an invalid result makes everyone invalid and orders the tube again: from kept samples, else by sampling again', async () => {
      const pool = await collectTube(t, { members: 3, pooling: 'lab_aliquot' });
      await result(pool.barcode, 'invalid');
      assert.deepEqual(await latestOutcomes(t, pool.personIds), ['invalid', 'invalid', 'invalid']);
      const [again] = await retestsOf(t, pool.barcode);
      assert.deepEqual([again!.origin, again!.kind, again!.people.length], ['aliquot', 'pool', 3]);
      await result(again!.barcode, 'negative');
      assert.deepEqual(await latestOutcomes(t, pool.personIds), ['negative', 'negative', 'negative']);

      const single = await collectTube(t, { members: 1, mode: 'individual' });
      await result(single.barcode, 'invalid');
      const [resample] = await retestsOf(t, single.barcode);
      assert.deepEqual([resample!.origin, resample!.kind], ['resample', 'individual']);
      assert.deepEqual((await messagesTo(single.personIds)).map((m) => m.payload.result), ['resample']);
    });
  });
}
