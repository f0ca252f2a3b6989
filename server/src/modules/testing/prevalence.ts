// The prevalence the pool-size proposal plans for, estimated from recent results in an area. Pure:
// the counts come from the database (pool-size.ts), the settings from the configuration.
import { ConfigError, integerSetting } from '../../configError.js';

/** Results sampled this many days back (up to now) are counted. */
export const PREVALENCE_WINDOW_DAYS = 7;

export interface PrevalenceSettings {
  /** VIGIL_POOL_PRIOR_PREVALENCE: the prevalence assumed while an area has too few recent results. */
  priorPrevalence: number;
  /** VIGIL_POOL_MIN_RESULTS: people individually resolved in the window needed before their results are used. */
  minResolvedPeople: number;
}

export const DEFAULT_PREVALENCE_SETTINGS: PrevalenceSettings = { priorPrevalence: 0.01, minResolvedPeople: 100 };

/** Reads the two settings (unset: the defaults); a bad value stops the boot with the key named. */
export function loadPrevalenceSettings(env: NodeJS.ProcessEnv): PrevalenceSettings {
  const prior = env.VIGIL_POOL_PRIOR_PREVALENCE;
  let priorPrevalence = DEFAULT_PREVALENCE_SETTINGS.priorPrevalence;
  if (prior !== undefined && prior.trim() !== '') {
    priorPrevalence = Number(prior);
    if (!(priorPrevalence > 0 && priorPrevalence < 1)) throw new ConfigError(`VIGIL_POOL_PRIOR_PREVALENCE must be a number between 0 and 1 (exclusive), got "${prior}"`);
  }
  const minResolvedPeople = integerSetting(env, 'VIGIL_POOL_MIN_RESULTS', DEFAULT_PREVALENCE_SETTINGS.minResolvedPeople, 1, 1_000_000);
  return { priorPrevalence, minResolvedPeople };
}

/**
 * People with a current result sampled in the window. Resolved: their own sample was tested alone or
 * in a pool and gave an answer (negative or positive); people negative by representation, waiting
 * for a retest or with an invalid result are not resolved. A person counts once.
 */
export interface PrevalenceCounts {
  resolvedPeople: number;
  positivePeople: number;
}

export interface PrevalenceEstimate {
  estimate: number;
  source: 'recent_results' | 'prior';
  /** In words, for the screen and the logs. */
  method: string;
  resolvedPeople: number;
  positivePeople: number;
  minResolvedPeople: number;
  priorPrevalence: number;
  /** Wilson 95 % interval of positives / resolved; null without resolved people. */
  interval95: { low: number; high: number } | null;
}

const Z95 = 1.959964;

export function wilsonInterval(positives: number, total: number): { low: number; high: number } | null {
  if (total === 0) return null;
  const p = positives / total;
  const z2 = Z95 * Z95;
  const centre = (p + z2 / (2 * total)) / (1 + z2 / total);
  const half = (Z95 / (1 + z2 / total)) * Math.sqrt((p * (1 - p)) / total + z2 / (4 * total * total));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/**
 * With enough resolved people, the posterior mean under Jeffreys' prior, (positives + ½) / (resolved + 1):
 * close to positives / resolved, but never 0 or 1 (the engine plans for a prevalence strictly between),
 * so zero positives among 500 people gives 0.1 %, not "pool without limit". With fewer, the prior.
 */
export function estimatePrevalence(counts: PrevalenceCounts, settings: PrevalenceSettings): PrevalenceEstimate {
  const { resolvedPeople, positivePeople } = counts;
  if (!Number.isInteger(resolvedPeople) || resolvedPeople < 0) throw new RangeError('resolvedPeople: must be a whole number ≥ 0');
  if (!Number.isInteger(positivePeople) || positivePeople < 0 || positivePeople > resolvedPeople) {
    throw new RangeError('positivePeople: must be a whole number from 0 to resolvedPeople');
  }
  const common = {
    resolvedPeople, positivePeople, minResolvedPeople: settings.minResolvedPeople, priorPrevalence: settings.priorPrevalence,
    interval95: wilsonInterval(positivePeople, resolvedPeople),
  };
  if (resolvedPeople < settings.minResolvedPeople) {
    return {
      ...common, estimate: settings.priorPrevalence, source: 'prior',
      method: `prior ${settings.priorPrevalence}: ${resolvedPeople} people resolved in the last ${PREVALENCE_WINDOW_DAYS} days, fewer than the ${settings.minResolvedPeople} needed`,
    };
  }
  return {
    ...common, estimate: (positivePeople + 0.5) / (resolvedPeople + 1), source: 'recent_results',
    method: `(positives + 0.5) / (resolved + 1) over people individually resolved in the last ${PREVALENCE_WINDOW_DAYS} days: (${positivePeople} + 0.5) / (${resolvedPeople} + 1)`,
  };
}
