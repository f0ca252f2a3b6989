// How many people one tube may hold, from the configured caps (config.ts). One place for the rule,
// used when a session is created (its poolCap's default and limit) and when a tube fills up.
import type { PoolCaps } from './config.js';
import type { SessionMode, TestType, TubeKind } from './collection.schema.js';

export interface PoolSettings {
  testType: TestType;
  mode: SessionMode;
  highRisk: boolean;
}

/**
 * The largest poolCap a session may have, which is also its default: one for individual tests; the
 * rapid-antigen cap for rapid tests; the high-risk cap in high-risk areas; the household cap for
 * household representatives (each sampled member stands for a household); the RT-PCR cap otherwise.
 * Several limits that apply give the smallest.
 */
export function poolCapLimit(caps: PoolCaps, settings: PoolSettings): number {
  if (settings.mode === 'individual') return 1;
  const limits = [settings.mode === 'household_representative' ? caps.household : caps.rtPcr];
  if (settings.testType === 'rapid_antigen') limits.push(caps.rapidAntigen);
  if (settings.highRisk) limits.push(caps.highRisk);
  return Math.min(...limits);
}

/**
 * The most people of one household a pool may hold. In a pooled session that is not high-risk, a
 * tube whose sampled members all belong to one household may grow past the session's poolCap up
 * to the household cap (one household's members share their exposure, so a larger pool of them
 * loses little); as soon as a member of another household joins, the session's poolCap holds.
 */
export function singleHouseholdLimit(caps: PoolCaps, session: PoolSettings & { poolCap: number }): number {
  if (session.mode !== 'pooled' || session.highRisk || session.testType !== 'rt_pcr') return session.poolCap;
  return Math.max(session.poolCap, caps.household);
}

export function tubeKindOf(mode: SessionMode): TubeKind {
  switch (mode) {
    case 'individual':
      return 'individual';
    case 'pooled':
      return 'pool';
    case 'household_representative':
    case 'organisation_representative':
      return 'representative';
  }
}

export const isRepresentativeMode = (mode: SessionMode) => mode === 'household_representative' || mode === 'organisation_representative';

/** Households this large need two representatives (issue #7). */
export const TWO_REPRESENTATIVES_FROM = 5;

/** A tube's limit given the households of the people sampled into it (null: no household). */
export function tubeLimit(caps: PoolCaps, session: PoolSettings & { poolCap: number }, sampledHouseholds: Iterable<string | null>): number {
  const households = new Set(sampledHouseholds);
  const oneHousehold = households.size === 1 && !households.has(null);
  return oneHousehold ? singleHouseholdLimit(caps, session) : session.poolCap;
}
