// Whether a closed round held, and a programme's "green" status: every closed round covered (at least
// the coverage target of the required people tested) with no positive. Pure.
import type { RoundState } from './rounds.windows.js';

export interface RoundCounts {
  state: RoundState;
  required: number;
  /** People with a current result in the window other than invalid (negative, by representation, positive, retest pending). */
  tested: number;
  /** Sampled (or represented) in the window, the tube not resulted yet. */
  awaitingResults: number;
  /** Tested, but a positive pool or representative sample still waits for their retest. */
  retestPending: number;
  positives: number;
}

export type RoundReason = 'positive' | 'coverage_below_target' | 'nobody_required' | 'results_pending';
export type RoundVerdict = 'passed' | 'failed' | 'pending';

/**
 * The coverage target has three decimals (numeric(4,3)): compare in whole thousandths so that 19 of 20
 * meets 0.95 exactly, without floating-point doubt.
 */
export function meetsTarget(covered: number, required: number, target: number): boolean {
  return covered * 1000 >= Math.round(target * 1000) * required;
}

/**
 * A closed round failed when someone was positive, when even the results still awaited could not bring
 * it to the target, or when nobody was required (an empty organisation is not a fortress); it is pending
 * while results or retests are awaited; otherwise it passed. Rounds not closed have no verdict.
 */
export function roundVerdict(counts: RoundCounts, target: number): { verdict: RoundVerdict; reasons: RoundReason[] } | null {
  if (counts.state !== 'closed') return null;
  if (counts.required === 0) return { verdict: 'failed', reasons: ['nobody_required'] };
  const reasons: RoundReason[] = [];
  if (counts.positives > 0) reasons.push('positive');
  if (!meetsTarget(counts.tested + counts.awaitingResults, counts.required, target)) reasons.push('coverage_below_target');
  if (reasons.length > 0) return { verdict: 'failed', reasons };
  if (counts.awaitingResults > 0 || counts.retestPending > 0) return { verdict: 'pending', reasons: ['results_pending'] };
  return { verdict: 'passed', reasons: [] };
}

export interface FailedRound {
  number: number;
  reasons: RoundReason[];
  coverage: number | null;
  positives: number;
}

export interface GreenStatus {
  /** green: every closed round passed; not_green: one failed; pending: none closed yet, or one waits for results. */
  status: 'green' | 'not_green' | 'pending';
  closedRounds: number;
  failedRoundCount: number;
  /** The latest failed rounds first, at most MAX_FAILED_LISTED. */
  failedRounds: FailedRound[];
  pendingRounds: number[];
}

export const MAX_FAILED_LISTED = 10;

export const coverageOf = (tested: number, required: number) => (required === 0 ? null : tested / required);

export function greenStatus(rounds: readonly (RoundCounts & { number: number })[], target: number): GreenStatus {
  const failed: FailedRound[] = [];
  const pending: number[] = [];
  let closed = 0;
  for (const round of [...rounds].sort((a, b) => b.number - a.number)) {
    const judged = roundVerdict(round, target);
    if (!judged) continue;
    closed++;
    if (judged.verdict === 'failed') failed.push({ number: round.number, reasons: judged.reasons, coverage: coverageOf(round.tested, round.required), positives: round.positives });
    if (judged.verdict === 'pending') pending.push(round.number);
  }
  const status = failed.length > 0 ? 'not_green' : closed === 0 || pending.length > 0 ? 'pending' : 'green';
  return { status, closedRounds: closed, failedRoundCount: failed.length, failedRounds: failed.slice(0, MAX_FAILED_LISTED), pendingRounds: pending };
}
