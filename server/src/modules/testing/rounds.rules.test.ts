// The pure rules of rounds: windows in time, a closed round's verdict, a programme's green status.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type RoundCounts, greenStatus, meetsTarget, roundVerdict } from './rounds.status.js';
import { closedRoundCount, listedRoundCount, openRound, roundAt, roundCount, roundExists, roundWindow } from './rounds.windows.js';

const HOUR = 3_600_000;
const startsAt = new Date('2024-03-01T00:00:00Z');
const times = { startsAt, endsAt: null, intervalHours: 72 };
const after = (hours: number) => new Date(startsAt.getTime() + hours * HOUR);

describe('round windows', () => {
  test('round n is [start + (n−1)·interval, start + n·interval): the boundary instant opens the next round', () => {
    assert.deepEqual([roundAt(times, after(0)), roundAt(times, new Date(after(72).getTime() - 1)), roundAt(times, after(72))], [1, 1, 2]);
    assert.equal(roundAt(times, new Date(startsAt.getTime() - 1)), 0);
    const window = roundWindow(times, 2, after(72));
    assert.deepEqual([window.opensAt, window.closesAt, window.state], [after(72), after(144), 'open']);
    assert.equal(roundWindow(times, 2, new Date(after(72).getTime() - 1)).state, 'upcoming');
    assert.equal(roundWindow(times, 2, after(144)).state, 'closed');
  });

  test('with an end: rounds that open before it exist, never cut short', () => {
    const ending = { ...times, endsAt: after(150) };
    assert.deepEqual([roundCount(ending), roundExists(ending, 3), roundExists(ending, 4), roundExists(ending, 0)], [3, true, false, false]);
    assert.equal(roundWindow(ending, 3, after(1000)).closesAt.getTime(), after(216).getTime());
    assert.equal(roundCount({ ...times, endsAt: after(144) }), 2);
    assert.equal(roundCount({ ...times, endsAt: startsAt }), 0);
  });

  test('listed, closed and open rounds at a given time', () => {
    assert.deepEqual([listedRoundCount(times, after(-5)), closedRoundCount(times, after(-5)), openRound(times, after(-5))], [1, 0, null]);
    assert.deepEqual([listedRoundCount(times, after(100)), closedRoundCount(times, after(100)), openRound(times, after(100))], [3, 1, 2]);
    const ended = { ...times, endsAt: after(100) };
    assert.deepEqual([listedRoundCount(ended, after(1000)), closedRoundCount(ended, after(1000)), openRound(ended, after(1000))], [2, 2, null]);
  });
});

describe('round verdicts and green status', () => {
  const closed = (counts: Partial<RoundCounts>): RoundCounts => ({ state: 'closed', required: 10, tested: 10, awaitingResults: 0, retestPending: 0, positives: 0, ...counts });

  test('the target is compared in thousandths: 19 of 20 meets 0.95, 18 does not', () => {
    assert.ok(meetsTarget(19, 20, 0.95));
    assert.ok(!meetsTarget(18, 20, 0.95));
    assert.ok(meetsTarget(7, 10, 0.7));
    assert.ok(!meetsTarget(2, 3, 0.667));
  });

  test('a round still open has no verdict; a closed one passes, fails with its reasons, or waits for results', () => {
    assert.equal(roundVerdict({ ...closed({}), state: 'open' }, 1), null);
    assert.deepEqual(roundVerdict(closed({}), 1), { verdict: 'passed', reasons: [] });
    assert.deepEqual(roundVerdict(closed({ tested: 8, positives: 1 }), 1), { verdict: 'failed', reasons: ['positive', 'coverage_below_target'] });
    assert.deepEqual(roundVerdict(closed({ tested: 8, awaitingResults: 2 }), 1), { verdict: 'pending', reasons: ['results_pending'] });
    assert.deepEqual(roundVerdict(closed({ retestPending: 1 }), 1), { verdict: 'pending', reasons: ['results_pending'] });
    assert.deepEqual(roundVerdict(closed({ required: 0, tested: 0 }), 1), { verdict: 'failed', reasons: ['nobody_required'] });
  });

  test('green only when every closed round passed; failures listed latest first', () => {
    assert.equal(greenStatus([], 1).status, 'pending');
    assert.equal(greenStatus([{ ...closed({}), number: 1 }, { ...closed({}), number: 2, state: 'open' }], 1).status, 'green');
    const mixed = greenStatus([{ ...closed({ positives: 1 }), number: 1 }, { ...closed({ retestPending: 1 }), number: 2 }, { ...closed({ tested: 5 }), number: 3 }], 1);
    assert.deepEqual(mixed, {
      status: 'not_green', closedRounds: 3, failedRoundCount: 2, pendingRounds: [2],
      failedRounds: [{ number: 3, reasons: ['coverage_below_target'], coverage: 0.5, positives: 0 }, { number: 1, reasons: ['positive'], coverage: 1, positives: 1 }],
    });
    assert.equal(greenStatus(Array.from({ length: 15 }, (_, i) => ({ ...closed({ tested: 0 }), number: i + 1 })), 1).failedRounds.length, 10);
  });
});
