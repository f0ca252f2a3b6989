// Coverage of rounds over HTTP: who is required, who counts as tested (by representation too), the
// windows' edges, results awaited and retests, corrected results.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { withTestApp } from '../../testing/app.js';
import { engines } from '../../testing/databases.js';
import { HOUR, correctTube, roundsKit } from './rounds.testkit.js';

// A programme of three 72-hour rounds, all closed: round 1 opens at local midnight on 1 March 2024.
const START = '2024-02-29T17:00:00.000Z';
const END = '2024-03-09T17:00:00.000Z';
const h = (hours: number) => new Date(Date.parse(START) + hours * HOUR);
type Counts = Record<string, unknown>;
const pick = (round: Counts, keys: string[]) => Object.fromEntries(keys.map((key) => [key, round[key]]));
const COUNTS = ['required', 'tested', 'testedByRepresentation', 'awaitingResults', 'retestPending', 'positives', 'missed'];

for (const engine of engines()) {
  describe(`rounds: coverage (${engine})`, () => {
    const t = withTestApp(engine);
    const kit = roundsKit(t);

    test('tested counts individual, pooled and representative negatives; invalid is missed; a positive fails the round', async () => {
      const [p1, p2, p3, p4, p5, p6, outsider] = await kit.people(7);
      const organisationId = await kit.organisation([
        { personId: p1!, team: 'A' }, { personId: p2!, team: 'A' }, { personId: p3!, team: 'A' }, { personId: p4!, team: 'A' },
        { personId: p5!, team: 'B' }, { personId: p6!, team: 'B' },
      ]);
      const programme = await kit.programme({ organisationId, startsAt: START, endsAt: END });
      await kit.negative(p1!, h(1));
      await kit.pool([p2!, p3!], h(10), 'negative');
      await kit.representative(p5!, [p6!], h(20), 'negative');
      await kit.invalid(p4!, h(5));
      await kit.negative(outsider!, h(2));
      await kit.negative(p1!, h(80));
      await kit.positive(p2!, h(100));

      const page = await kit.rounds(programme.id);
      assert.deepEqual(page.items.map((round: Counts) => [round.number, round.state]), [[3, 'closed'], [2, 'closed'], [1, 'closed']]);
      const [r3, r2, r1] = page.items as Counts[];
      assert.deepEqual(pick(r1!, COUNTS), { required: 6, tested: 5, testedByRepresentation: 1, awaitingResults: 0, retestPending: 0, positives: 0, missed: 1 });
      assert.equal(r1!.coverage, 5 / 6);
      assert.deepEqual([r1!.verdict, r1!.reasons], ['failed', ['coverage_below_target']]);
      assert.deepEqual(pick(r2!, ['tested', 'positives', 'missed']), { tested: 2, positives: 1, missed: 4 });
      assert.deepEqual([r2!.verdict, r2!.reasons], ['failed', ['positive', 'coverage_below_target']]);
      assert.deepEqual([r3!.tested, r3!.coverage], [0, 0]);

      const read = await kit.expect(t().request('GET', `/api/v1/testing/programmes/${programme.id}`, { token: t().adminToken }), 200);
      assert.equal(read.greenStatus.status, 'not_green');
      assert.deepEqual(read.greenStatus.failedRounds.map((round: { number: number }) => round.number), [3, 2, 1]);
      assert.deepEqual(read.greenStatus.failedRounds[1], { number: 2, reasons: ['positive', 'coverage_below_target'], coverage: 2 / 6, positives: 1 });
    });

    test('a sample taken exactly at a boundary belongs to the later round; none before the start or after the last round', async () => {
      const [onOpening, justBefore, onBoundary, beforeStart, afterEnd] = await kit.people(5);
      const organisationId = await kit.organisation([onOpening, justBefore, onBoundary, beforeStart, afterEnd].map((personId) => ({ personId: personId! })));
      const programme = await kit.programme({ organisationId, startsAt: START, endsAt: END });
      await kit.negative(onOpening!, h(0));
      await kit.negative(justBefore!, new Date(h(72).getTime() - 1));
      await kit.negative(onBoundary!, h(72));
      await kit.negative(beforeStart!, new Date(h(0).getTime() - 1));
      await kit.negative(afterEnd!, h(216));
      const page = await kit.rounds(programme.id);
      assert.equal(page.total, 3);
      assert.deepEqual(page.items.map((round: Counts) => [round.number, round.opensAt, round.closesAt, round.tested]), [
        [3, '2024-03-06T17:00:00.000Z', END, 0],
        [2, '2024-03-03T17:00:00.000Z', '2024-03-06T17:00:00.000Z', 1],
        [1, START, '2024-03-03T17:00:00.000Z', 2],
      ]);
      // paging: latest first
      const second = await kit.rounds(programme.id, '?limit=1&offset=1');
      assert.deepEqual([second.total, second.items.map((round: Counts) => round.number)], [3, [2]]);
    });

    test('who is required: the teams named, the age on the day each round opens, records not merged away', async () => {
      const young = await kit.person({ birthDate: '2010-05-01' });
      const adult = await kit.person({ birthDate: '1990-01-01' });
      const otherTeam = await kit.person({ birthDate: '1990-01-01' });
      const organisationId = await kit.organisation([{ personId: young, team: 'A' }, { personId: adult, team: 'A' }, { personId: otherTeam, team: 'B' }]);
      const teamA = await kit.programme({ organisationId, teams: ['A'], minAge: 18, startsAt: START, endsAt: END });
      assert.deepEqual((await kit.rounds(teamA.id)).items.map((round: Counts) => round.required), [1, 1, 1]);

      const area = '31338';
      await kit.person({ communeCode: area, birthDate: '2006-03-04' }); // 18 on the day round 2 opens
      await kit.person({ communeCode: area, birthDate: null, nationalId: null, birthYear: 2006 }); // 18 all of 2024
      await kit.person({ communeCode: area, birthDate: '2015-06-01' });
      const [survivor, merged] = [await kit.person({ communeCode: area, birthDate: '1950-01-01' }), await kit.person({ communeCode: area, birthDate: '1950-01-01' })];
      await kit.expect(t().request('POST', `/api/v1/people/${survivor}/merge`, { token: t().adminToken, body: { mergedId: merged, reason: 'cùng một người' } }), 200);
      const adults = await kit.programme({ communeCode: area, minAge: 18, startsAt: START, endsAt: END });
      assert.deepEqual((await kit.rounds(adults.id)).items.map((round: Counts) => [round.number, round.required]), [[3, 3], [2, 3], [1, 2]]);
      const seniors = await kit.programme({ communeCode: area, minAge: 60, maxAge: 80, startsAt: START, endsAt: END });
      assert.deepEqual((await kit.rounds(seniors.id)).items.map((round: Counts) => round.required), [1, 1, 1]);
    });

    test('results awaited count neither as tested nor as missed; a pool\'s retests resolve its retest_pending', async () => {
      const [a, b, c, d, e] = await kit.people(5);
      const organisationId = await kit.organisation([a, b, c, d, e].map((personId) => ({ personId: personId! })));
      const start = new Date(Date.now() - 100 * HOUR); // round 1 closed 28 hours ago, round 2 open
      const programme = await kit.programme({ organisationId, startsAt: start.toISOString() });
      const at = (hours: number) => new Date(start.getTime() + hours * HOUR);
      const pool = await kit.pool([a!, b!, c!, d!, e!], at(1), 'positive');
      for (const personId of [a!, b!, c!, d!]) await kit.retest(pool.tubeId, personId, at(1), 'negative');
      let round1 = await kit.round(programme.id, 1);
      assert.deepEqual(pick(round1, ['tested', 'retestPending', 'positives', 'missed', 'verdict', 'reasons']), { tested: 5, retestPending: 1, positives: 0, missed: 0, verdict: 'pending', reasons: ['results_pending'] });
      let status = (await kit.expect(t().request('GET', `/api/v1/testing/programmes/${programme.id}`, { token: t().adminToken }), 200)).greenStatus;
      assert.deepEqual([status.status, status.pendingRounds], ['pending', [1]]);

      await kit.retest(pool.tubeId, e!, at(1), 'negative');
      round1 = await kit.round(programme.id, 1);
      assert.deepEqual([round1.retestPending, round1.verdict], [0, 'passed']);
      status = (await kit.expect(t().request('GET', `/api/v1/testing/programmes/${programme.id}`, { token: t().adminToken }), 200)).greenStatus;
      assert.deepEqual([status.status, status.closedRounds], ['green', 1]);

      await kit.pool([a!, b!], new Date(Date.now() - HOUR), null);
      await kit.representative(c!, [d!], new Date(Date.now() - HOUR), null);
      const round2 = await kit.round(programme.id, 2);
      assert.deepEqual(pick(round2, ['state', 'required', 'tested', 'awaitingResults', 'missed', 'verdict']), { state: 'open', required: 5, tested: 0, awaitingResults: 4, missed: 1, verdict: null });
    });

    test('a corrected result counts once, as corrected', async () => {
      const [only] = await kit.people(1);
      const organisationId = await kit.organisation([{ personId: only! }]);
      const programme = await kit.programme({ organisationId, startsAt: START, endsAt: END });
      const spec = { kind: 'individual' as const, sampledAt: h(3), members: [{ personId: only! }], result: 'negative' as const };
      const { tubeId } = await kit.negative(only!, h(3));
      assert.deepEqual(pick(await kit.round(programme.id, 1), ['tested', 'positives']), { tested: 1, positives: 0 });
      await correctTube(t().db, tubeId, spec, 'positive');
      assert.deepEqual(pick(await kit.round(programme.id, 1), ['tested', 'positives', 'verdict']), { tested: 1, positives: 1, verdict: 'failed' });
    });
  });
}
