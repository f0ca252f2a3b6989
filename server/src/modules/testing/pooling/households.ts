// Households: sizes, within-household infection, and the exact expected tests of a tree scheme
// when pools are filled with whole households.
//
// Infection model: a household of size h has an index case with probability a; each other member
// is then infected with probability SAR (secondary attack rate), independently. Prevalence is
// P = a·(1 + (E[h] − 1)·SAR) / E[h], so a = P·E[h] / (1 + (E[h] − 1)·SAR).
import { expectedTreeTests, type PoolTree } from './schemes.js';

/** Share of households by size (sizes 1…n); shares need not sum exactly to 1. */
export type HouseholdSizes = Record<string, number>;

/**
 * Viet Nam-like household sizes. The 2019 Population and Housing Census (General Statistics
 * Office, "Completed results of the 2019 Viet Nam Population and Housing Census", 2020) reports an
 * average of 3.5 people per household; the shares by size below are our approximation of that
 * shape (few single-person households, a peak at four), chosen to give a mean of 3.51.
 */
export const VIETNAM_HOUSEHOLD_SIZES: HouseholdSizes = { 1: 0.10, 2: 0.18, 3: 0.22, 4: 0.26, 5: 0.13, 6: 0.07, 7: 0.04 };

export interface HouseholdModel {
  sizes: HouseholdSizes;
  secondaryAttackRate: number;
}

export function sizeShares(sizes: HouseholdSizes): [number, number][] {
  const entries = Object.entries(sizes).map(([size, share]) => [Number(size), share] as [number, number]);
  const total = entries.reduce((sum, [, share]) => sum + share, 0);
  return entries.filter(([, share]) => share > 0).map(([size, share]) => [size, share / total]);
}

export const meanHouseholdSize = (sizes: HouseholdSizes) => sizeShares(sizes).reduce((sum, [size, share]) => sum + size * share, 0);

/** Probability that a household has an index case, for an overall prevalence P. */
export function indexProbability(prevalence: number, model: HouseholdModel): number {
  const mean = meanHouseholdSize(model.sizes);
  const a = (prevalence * mean) / (1 + (mean - 1) * model.secondaryAttackRate);
  if (a > 1) throw new RangeError(`prevalence ${prevalence} is unreachable with this household size and attack rate`);
  return a;
}

/** Pr(none of m given members of a household of h is infected). The index is any member, equally likely. */
export function householdMembersNegative(h: number, m: number, a: number, sar: number): number {
  return 1 - a + a * ((h - m) / h) * (1 - sar) ** m;
}

/** A slot in a pool: which household the person belongs to and its size. */
export interface Slot { household: number; householdSize: number }

/**
 * Fills pools of at most `maxPool` with whole households (first fit, largest households first),
 * so members of a household sit next to each other; a household larger than the pool is cut.
 */
export function packHouseholds(households: readonly number[], maxPool: number): Slot[][] {
  const order = households.map((size, household) => ({ household, size })).sort((x, y) => y.size - x.size || x.household - y.household);
  const pools: Slot[][] = [];
  const room: number[] = [];
  for (const { household, size } of order) {
    for (let start = 0; start < size; start += maxPool) {
      const chunk = Math.min(maxPool, size - start);
      let target = room.findIndex((free) => free >= chunk);
      if (target < 0) {
        target = pools.length;
        pools.push([]);
        room.push(maxPool);
      }
      for (let i = 0; i < chunk; i++) pools[target]!.push({ household, householdSize: size });
      room[target]! -= chunk;
    }
  }
  return pools;
}

/** The slots of a node of the tree, following the path of part indexes from the root. */
export function nodeSlots<T>(tree: PoolTree, members: readonly T[], path: readonly number[]): T[] {
  let node = tree;
  let start = 0;
  for (const index of path) {
    for (let i = 0; i < index; i++) start += node.parts[i]!.size;
    node = node.parts[index]!;
  }
  return members.slice(start, start + node.size);
}

/** Exact expected tests of `tree` on one pool of household slots (households independent). */
export function expectedHouseholdPoolTests(tree: PoolTree, slots: readonly Slot[], a: number, sar: number, sensitivity = 1): number {
  return expectedTreeTests(tree, sensitivity, (_size, path) => {
    const counts = new Map<number, { h: number; m: number }>();
    for (const slot of nodeSlots(tree, slots, path)) {
      const entry = counts.get(slot.household) ?? { h: slot.householdSize, m: 0 };
      entry.m += 1;
      counts.set(slot.household, entry);
    }
    let negative = 1;
    for (const { h, m } of counts.values()) negative *= householdMembersNegative(h, m, a, sar);
    return negative;
  });
}

/** A representative list of households in proportion to the shares (deterministic, no randomness). */
export function representativeHouseholds(sizes: HouseholdSizes, count: number): number[] {
  const out: number[] = [];
  for (const [size, share] of sizeShares(sizes)) for (let i = 0; i < Math.round(share * count); i++) out.push(size);
  return out;
}
