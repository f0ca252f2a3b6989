// Rounds with their counts and verdicts, and a programme's green status, computed from the database
// each time (results arrive and are corrected after a round closes, so nothing is frozen).
import type { Queryable } from '../../db/database.js';
import type { ProgrammeRow } from './programmes.repository.js';
import { roundCounts, type RoundCountsRow } from './rounds.repository.js';
import type { Round } from './rounds.schema.js';
import { type GreenStatus, type RoundCounts, coverageOf, greenStatus, roundVerdict } from './rounds.status.js';
import { closedRoundCount, type ProgrammeTimes, type RoundWindow, roundWindow } from './rounds.windows.js';

export const timesOf = (row: ProgrammeRow): ProgrammeTimes => ({ startsAt: row.starts_at, endsAt: row.ends_at, intervalHours: row.interval_hours });

const EMPTY: Omit<RoundCountsRow, 'n'> = { required: 0, tested: 0, by_representation: 0, awaiting: 0, retest_pending: 0, positives: 0, reminded: 0 };

function countsOf(window: RoundWindow, row: Omit<RoundCountsRow, 'n'>): RoundCounts {
  return { state: window.state, required: row.required, tested: row.tested, awaitingResults: row.awaiting, retestPending: row.retest_pending, positives: row.positives };
}

/** The rounds numbered `numbers` (which must exist), in that order, with their counts. */
export async function roundsWithCounts(db: Queryable, row: ProgrammeRow, numbers: readonly number[], now: Date): Promise<Round[]> {
  const windows = numbers.map((n) => roundWindow(timesOf(row), n, now));
  const counts = await roundCounts(db, row, windows);
  return windows.map((window) => {
    const found = counts.get(window.number) ?? EMPTY;
    const judged = roundVerdict(countsOf(window, found), row.coverage_target);
    return {
      number: window.number, opensAt: window.opensAt.toISOString(), closesAt: window.closesAt.toISOString(), state: window.state,
      required: found.required, tested: found.tested, testedByRepresentation: found.by_representation, awaitingResults: found.awaiting,
      retestPending: found.retest_pending, positives: found.positives, missed: found.required - found.tested - found.awaiting,
      coverage: coverageOf(found.tested, found.required), remindersSent: found.reminded,
      verdict: judged?.verdict ?? null, reasons: judged?.reasons ?? [],
    };
  });
}

/** Every closed round judged: one query over all of them. */
export async function programmeGreenStatus(db: Queryable, row: ProgrammeRow, now: Date): Promise<GreenStatus> {
  const closed = closedRoundCount(timesOf(row), now);
  const numbers = Array.from({ length: closed }, (_, i) => i + 1);
  const rounds = await roundsWithCounts(db, row, numbers, now);
  return greenStatus(rounds, row.coverage_target);
}
