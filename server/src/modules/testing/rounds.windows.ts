// The rounds of a programme in time: round n is [startsAt + (n−1)·interval, startsAt + n·interval),
// so a sample taken exactly at a boundary belongs to the later round. A round exists when it opens
// before endsAt (a round is never cut short). Pure: `now` is given.

export type RoundState = 'upcoming' | 'open' | 'closed';

export interface ProgrammeTimes {
  startsAt: Date;
  endsAt: Date | null;
  intervalHours: number;
}

export interface RoundWindow {
  number: number;
  opensAt: Date;
  closesAt: Date;
  state: RoundState;
}

const HOUR_MS = 3_600_000;

export function roundExists(times: ProgrammeTimes, n: number): boolean {
  if (!Number.isInteger(n) || n < 1) return false;
  return times.endsAt === null || times.startsAt.getTime() + (n - 1) * times.intervalHours * HOUR_MS < times.endsAt.getTime();
}

export function roundWindow(times: ProgrammeTimes, n: number, now: Date): RoundWindow {
  const step = times.intervalHours * HOUR_MS;
  const opensAt = new Date(times.startsAt.getTime() + (n - 1) * step);
  const closesAt = new Date(times.startsAt.getTime() + n * step);
  const state: RoundState = now < opensAt ? 'upcoming' : now < closesAt ? 'open' : 'closed';
  return { number: n, opensAt, closesAt, state };
}

/** The round whose window holds the instant (0 before the first round opens); rounds after endsAt are not capped here. */
export function roundAt(times: ProgrammeTimes, at: Date): number {
  const elapsed = at.getTime() - times.startsAt.getTime();
  return elapsed < 0 ? 0 : Math.floor(elapsed / (times.intervalHours * HOUR_MS)) + 1;
}

/** How many rounds exist in all (null: no end, so without limit). */
export function roundCount(times: ProgrammeTimes): number | null {
  if (times.endsAt === null) return null;
  return Math.max(0, Math.ceil((times.endsAt.getTime() - times.startsAt.getTime()) / (times.intervalHours * HOUR_MS)));
}

/** Rounds that have closed by `now`. */
export function closedRoundCount(times: ProgrammeTimes, now: Date): number {
  const closed = Math.max(0, roundAt(times, now) - 1);
  const total = roundCount(times);
  return total === null ? closed : Math.min(closed, total);
}

/** The round open at `now`, if any. */
export function openRound(times: ProgrammeTimes, now: Date): number | null {
  const n = roundAt(times, now);
  return n >= 1 && roundExists(times, n) ? n : null;
}

/** Rounds listed: every round opened by now, and the next one to open (if it exists). */
export function listedRoundCount(times: ProgrammeTimes, now: Date): number {
  const next = roundAt(times, now) + 1;
  const total = roundCount(times);
  return total === null ? next : Math.min(next, total);
}
