// A programme's green status over HTTP: every closed round covered with no positive, shown on the
// programme and filtered in the list for health staff.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { withTestApp } from '../../testing/app.js';
import { engines } from '../../testing/databases.js';
import { HOUR, roundsKit } from './rounds.testkit.js';

// Two closed 72-hour rounds.
const START = '2024-05-01T01:00:00.000Z';
const END = '2024-05-07T01:00:00.000Z';
const h = (hours: number) => new Date(Date.parse(START) + hours * HOUR);

for (const engine of engines()) {
  describe(`rounds: green status (${engine})`, () => {
    const t = withTestApp(engine);
    const kit = roundsKit(t);
    const get = async (id: string, token = t().adminToken) => kit.expect(t().request('GET', `/api/v1/testing/programmes/${id}`, { token }), 200);
    const listed = async (query: string) =>
      (await kit.expect(t().request('GET', `/api/v1/testing/programmes?limit=500&${query}`, { token: t().adminToken }), 200)).items.map((item: { id: string }) => item.id);

    /** An organisation of five in commune 31339 with a programme of two closed rounds. */
    const fortress = async (body: Record<string, unknown> = {}) => {
      const members = await kit.people(5);
      const organisationId = await kit.organisation(members.map((personId) => ({ personId })), '31339');
      const programme = await kit.programme({ organisationId, startsAt: START, endsAt: END, ...body });
      return { members, programme };
    };

    test('green: each closed round reached its target (4 of 5 for 0.8) with no positive', async () => {
      const { members, programme } = await fortress({ coverageTarget: 0.8 });
      for (const personId of members.slice(0, 4)) await kit.negative(personId, h(2));
      await kit.pool(members.slice(1), h(75), 'negative');
      const read = await get(programme.id);
      assert.deepEqual(read.greenStatus, { status: 'green', closedRounds: 2, failedRoundCount: 0, failedRounds: [], pendingRounds: [] });
      assert.equal(read.currentRound, null);
      assert.ok((await listed('greenStatus=green')).includes(programme.id));
      assert.ok(!(await listed('greenStatus=not_green')).includes(programme.id));
    });

    test('not green: the round with a positive is named with its reason, even when everybody was tested', async () => {
      const { members, programme } = await fortress();
      await kit.pool(members, h(2), 'negative');
      await kit.pool(members.slice(0, 4), h(80), 'negative');
      await kit.positive(members[4]!, h(80));
      const { greenStatus } = await get(programme.id);
      assert.deepEqual(greenStatus, {
        status: 'not_green', closedRounds: 2, failedRoundCount: 1, failedRounds: [{ number: 2, reasons: ['positive'], coverage: 1, positives: 1 }], pendingRounds: [],
      });
      assert.ok((await listed('greenStatus=not_green')).includes(programme.id));
    });

    test('not green: coverage below the target (1.0 by default), with the coverage reached', async () => {
      const { members, programme } = await fortress();
      await kit.pool(members, h(2), 'negative');
      await kit.pool(members.slice(0, 3), h(80), 'negative');
      const { greenStatus } = await get(programme.id);
      assert.deepEqual(greenStatus.failedRounds, [{ number: 2, reasons: ['coverage_below_target'], coverage: 0.6, positives: 0 }]);
    });

    test('a positive found by the retest of a round\'s pool fails that round, whenever the retest was sampled', async () => {
      const { members, programme } = await fortress({ coverageTarget: 0.2 });
      const pool = await kit.pool(members, h(2), 'positive');
      for (const personId of members.slice(0, 4)) await kit.retest(pool.tubeId, personId, h(2), 'negative');
      await kit.retest(pool.tubeId, members[4]!, h(74), 'positive');
      const { greenStatus } = await get(programme.id);
      assert.deepEqual(greenStatus.failedRounds.map((round: { number: number; reasons: string[] }) => [round.number, round.reasons]), [[2, ['positive']], [1, ['positive']]]);
    });

    test('an organisation without anyone to test is not a green fortress', async () => {
      const organisationId = await kit.organisation([], '31339');
      const programme = await kit.programme({ organisationId, startsAt: START, endsAt: END });
      const { greenStatus } = await get(programme.id);
      assert.deepEqual([greenStatus.status, greenStatus.failedRounds[0].reasons, greenStatus.failedRounds[0].coverage], ['not_green', ['nobody_required'], null]);
    });

    test('pending while no round has closed; the list shows it to health staff of the district', async () => {
      const members = await kit.people(2);
      const organisationId = await kit.organisation(members.map((personId) => ({ personId })), '31339');
      const programme = await kit.programme({ organisationId, startsAt: new Date(Date.now() - HOUR).toISOString() });
      for (const personId of members) await kit.negative(personId, new Date(Date.now() - HOUR / 2));
      const officer = await t().tokenFor('health_officer', '930');
      const read = await get(programme.id, officer);
      assert.deepEqual([read.greenStatus.status, read.greenStatus.closedRounds, read.currentRound.number], ['pending', 0, 1]);
      const page = await kit.expect(t().request('GET', '/api/v1/testing/programmes?greenStatus=pending&communeCode=31339', { token: officer }), 200);
      assert.deepEqual(page.items.map((item: { id: string }) => item.id), [programme.id]);
      assert.equal(page.total, 1);
    });
  });
}
