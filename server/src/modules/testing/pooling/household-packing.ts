// Household-aware pooling: which households share a pool, and the tree each pool runs.
//
// Every infected household makes exactly one pool positive (households are never cut unless larger
// than the pool), so what costs tests is (a) pools that are not full (the root test is shared by
// fewer people) and (b) many households in a positive pool (one sub-pool test each). The mix of pool
// compositions ("7+3", "5+4+1", …) that minimises expected tests for the households at hand is a
// linear programme over compositions (solved with yalps); whole pools of each composition are taken from its
// solution, and the few households left over are packed first-fit.
import { householdTreePlanner, type CompositionTree, compositionKey, type HouseholdTreeModel, type Item, itemKey, sortItems } from './household-trees.js';
import { expectedHouseholdPoolTests, type Slot } from './households.js';
import { optimalTree } from './schemes.js';
import { solve } from 'yalps';

export interface HouseholdPacking extends HouseholdTreeModel {
  maxPool: number;
}

/** More compositions than this (large pool caps) and the planner falls back to first-fit packing. */
export const MAX_COMPOSITIONS = 4000;
/** Pool caps above this use first-fit packing too (a pool's households are tracked in 32-bit masks). */
export const MAX_PACKED_POOL = 30;

/** A household of h people as pool items: whole, or cut into chunks of at most the pool cap. */
export function householdItems(h: number, maxPool: number): Item[] {
  const items: Item[] = [];
  for (let start = 0; start < h; start += maxPool) items.push({ h, m: Math.min(maxPool, h - start) });
  return items;
}

/** Every multiset of the given item kinds that fits in a pool (sizes add up to at most maxPool), or null if too many. */
export function compositions(kinds: readonly Item[], maxPool: number): Item[][] | null {
  const sorted = sortItems(kinds);
  const out: Item[][] = [];
  const extend = (from: number, room: number, current: Item[]): boolean => {
    if (current.length > 0) {
      out.push([...current]);
      if (out.length > MAX_COMPOSITIONS) return false;
    }
    for (let i = from; i < sorted.length; i++) {
      if (sorted[i]!.m > room) continue;
      current.push(sorted[i]!);
      const ok = extend(i, room - sorted[i]!.m, current);
      current.pop();
      if (!ok) return false;
    }
    return true;
  };
  return extend(0, maxPool, []) ? out : null;
}

/**
 * The tree for a pool of this composition: the best household-aligned tree, or a plain optimal tree
 * over the slots (for a few effective prevalences) when that is cheaper; costed exactly either way.
 */
export function compositionTreeChooser(model: HouseholdPacking, prevalence: number) {
  const aligned = householdTreePlanner(model);
  const known = new Map<string, CompositionTree>();
  const effective = [...new Set([prevalence / 2, prevalence, model.index, Math.min(0.5, 2 * model.index)])];
  return (items: readonly Item[]): CompositionTree => {
    const key = compositionKey(items);
    let found = known.get(key);
    if (found) return found;
    found = aligned(items);
    const slots = slotsOf(sortItems(items));
    for (let stages = 2; stages <= model.stages && slots.length > 1; stages++) {
      for (const p of effective) {
        const tree = optimalTree(slots.length, stages, { prevalence: p, sensitivity: model.sensitivity }).tree;
        const tests = expectedHouseholdPoolTests(tree, slots, model.index, model.secondaryAttackRate, model.sensitivity);
        if (tests < found.expectedTests - 1e-12) found = { tree, order: sortItems(items), expectedTests: tests };
      }
    }
    known.set(key, found);
    return found;
  };
}

/** Slots of a pool in item order; items are distinct households (numbered in order). */
export function slotsOf(order: readonly Item[]): Slot[] {
  return order.flatMap((item, household) => Array.from({ length: item.m }, () => ({ household, householdSize: item.h })));
}

export interface PackedPool {
  /** The items in slot order, each with the index of the household it comes from. */
  households: { household: number; item: Item }[];
  composition: CompositionTree;
}

export interface PackingResult {
  pools: PackedPool[];
  /** The linear programme's solution: pools of each composition per household-item count given. */
  mix: { composition: Item[]; pools: number; tree: CompositionTree }[];
  /** Expected tests per person of the programme's (fractional) optimum. */
  expectedTestsPerPerson: number;
}

/** The cheapest mix of compositions for these counts of items by kind (fractional pools), or null if too many compositions. */
export function optimalMix(counts: Map<string, { item: Item; count: number }>, model: HouseholdPacking, choose: (items: readonly Item[]) => CompositionTree) {
  if (model.maxPool > MAX_PACKED_POOL) return null;
  const kinds = [...counts.values()].filter(({ count }) => count > 0).map(({ item }) => item);
  const all = compositions(kinds, model.maxPool);
  if (!all) return null;
  const keys = kinds.map(itemKey);
  const A = keys.map((key) => all.map((composition) => composition.filter((item) => itemKey(item) === key).length));
  const costs = all.map((composition) => choose(composition).expectedTests);
  // one constraint per kind of household (every household packed), one variable per composition
  const solution = solve({
    direction: 'minimize',
    objective: 'tests',
    constraints: Object.fromEntries(keys.map((key) => [key, { equal: counts.get(key)!.count }])),
    variables: Object.fromEntries(all.map((_, j) => [String(j), Object.fromEntries([['tests', costs[j]!], ...keys.map((key, i) => [key, A[i]![j]!] as const)])])),
  });
  if (solution.status !== 'optimal') return null;
  const pools = new Map(solution.variables.map(([name, value]) => [Number(name), value]));
  const people = [...counts.values()].reduce((sum, { item, count }) => sum + item.m * count, 0);
  const mix = all.map((composition, j) => ({ composition, pools: pools.get(j) ?? 0, tree: choose(composition) })).filter(({ pools: n }) => n > 1e-9);
  return { mix, expectedTestsPerPerson: solution.result / people };
}

/** Items of every household (by index), counted by kind. */
function countItems(households: readonly number[], maxPool: number) {
  const counts = new Map<string, { item: Item; count: number }>();
  const byKind = new Map<string, number[]>();
  households.forEach((h, household) => {
    for (const item of householdItems(h, maxPool)) {
      const key = itemKey(item);
      const entry = counts.get(key) ?? { item, count: 0 };
      entry.count += 1;
      counts.set(key, entry);
      const list = byKind.get(key) ?? [];
      list.push(household);
      byKind.set(key, list);
    }
  });
  return { counts, byKind };
}

/**
 * Packs real households (their sizes, by household index) into pools: whole pools of each
 * composition of the optimal mix, then first-fit (largest first) for what is left. Null when the
 * pool cap allows too many compositions for the programme.
 */
export function packHouseholdPools(households: readonly number[], model: HouseholdPacking, prevalence: number): PackingResult | null {
  const choose = compositionTreeChooser(model, prevalence);
  const { counts, byKind } = countItems(households, model.maxPool);
  const optimum = optimalMix(counts, model, choose);
  if (!optimum) return null;
  const next = new Map<string, number>(); // next unused household of each kind
  const take = (item: Item) => {
    const key = itemKey(item);
    const at = next.get(key) ?? 0;
    next.set(key, at + 1);
    return byKind.get(key)![at]!;
  };
  const pools: PackedPool[] = [];
  const place = (items: Item[]) => {
    const composition = choose(items);
    pools.push({ composition, households: composition.order.map((item) => ({ household: take(item), item })) });
  };
  const available = (items: Item[]) => {
    const need = new Map<string, number>();
    for (const item of items) need.set(itemKey(item), (need.get(itemKey(item)) ?? 0) + 1);
    return [...need].every(([key, n]) => (next.get(key) ?? 0) + n <= counts.get(key)!.count);
  };
  for (const { composition, pools: count } of optimum.mix) {
    // A tiny tolerance: the programme's solution is exact only up to rounding.
    for (let i = 0; i < Math.floor(count + 1e-7) && available(composition); i++) place(composition);
  }
  // Leftovers: first fit, largest first.
  const left = [...counts.values()].flatMap(({ item, count }) => Array.from({ length: count - (next.get(itemKey(item)) ?? 0) }, () => item));
  const bins: Item[][] = [];
  const room: number[] = [];
  for (const item of sortItems(left)) {
    let target = room.findIndex((free) => free >= item.m);
    if (target < 0) {
      target = bins.length;
      bins.push([]);
      room.push(model.maxPool);
    }
    bins[target]!.push(item);
    room[target]! -= item.m;
  }
  bins.forEach(place);
  return { pools, ...optimum };
}
