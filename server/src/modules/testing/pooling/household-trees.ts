// The cheapest testing tree for one pool of known household composition, split along household
// boundaries: the root pool, then (when positive) groups of whole households, single households as
// sub-pools or straight to individuals, sub-pools inside one household, … up to the stage limit.
//
// Why along households: infections cluster, so a positive pool usually holds one infected household;
// a sub-pool per household finds it with one test per household and clears the others, while a
// split that cuts households leaves every part of the infected household positive.
//
// Cost (exact, perfect or imperfect sensitivity Se): a child is tested when its parent tested
// positive, with probability Se^depth · Pr(parent holds an infected person), and households are
// independent (households.ts gives Pr(m given members of a household of h are all negative)).
import { householdMembersNegative } from './households.js';
import { leaf, type PoolTree } from './schemes.js';

/** m members of a household of h (m < h when a household larger than the pool is cut into chunks). */
export interface Item { h: number; m: number }

export interface HouseholdTreeModel {
  /** Probability that a household has an index case (households.ts indexProbability). */
  index: number;
  secondaryAttackRate: number;
  sensitivity: number;
  /** Most stages a tree may have (root pool = stage 1). */
  stages: number;
}

export const itemKey = (item: Item) => (item.m === item.h ? String(item.h) : `${item.m}/${item.h}`);

/** Canonical order: larger parts first, so equal compositions have equal keys. */
export const sortItems = (items: readonly Item[]) => [...items].sort((x, y) => y.m - x.m || y.h - x.h);
export const compositionKey = (items: readonly Item[]) => sortItems(items).map(itemKey).join('+');

export interface CompositionTree {
  /** The tree over the pool's slots, in the order of `order`. */
  tree: PoolTree;
  /** The items in slot order (members of one item are consecutive). */
  order: Item[];
  /** Expected tests for the whole pool, root included. */
  expectedTests: number;
}

/** `flat`: the node's members are tested one by one as children of its parent (no sub-pool of their own). */
interface Below { cost: number; tree: PoolTree; order: Item[]; flat?: boolean }

/** Up to this many households in a node, every grouping is tried (3^k work); beyond it, runs of the sorted order only. */
const MAX_SUBSET_ITEMS = 9;

interface Partition { cost: number; groups: number[] }

/** The cheapest partition of the items in `full` (a bit mask) into groups, over every set partition. */
function bestPartition(full: number, group: (mask: number) => { cost: number }): Partition {
  const best: Partition[] = [{ cost: 0, groups: [] }];
  for (let mask = 1; mask <= full; mask++) {
    const low = mask & -mask;
    let choice: Partition = { cost: Infinity, groups: [] };
    // Every subset of `mask` that holds its lowest item, so each partition is counted once.
    for (let sub = mask; sub > 0; sub = (sub - 1) & mask) {
      if (!(sub & low)) continue;
      const rest = best[mask ^ sub]!;
      const cost = rest.cost + group(sub).cost;
      if (cost < choice.cost - 1e-15) choice = { cost, groups: [...rest.groups, sub] };
    }
    best[mask] = choice;
  }
  return best[full]!;
}

/** The cheapest partition of k items into runs of consecutive items (k² work, for many small households). */
function bestRuns(k: number, group: (mask: number) => { cost: number }): Partition {
  const best: Partition[] = [{ cost: 0, groups: [] }];
  for (let end = 1; end <= k; end++) {
    let choice: Partition = { cost: Infinity, groups: [] };
    for (let start = 0; start < end; start++) {
      const mask = ((1 << end) - 1) ^ ((1 << start) - 1);
      const cost = best[start]!.cost + group(mask).cost;
      if (cost < choice.cost - 1e-15) choice = { cost, groups: [...best[start]!.groups, mask] };
    }
    best.push(choice);
  }
  return best[k]!;
}

const INFEASIBLE: Below = { cost: Infinity, tree: leaf(), order: [] };
const size = (items: readonly Item[]) => items.reduce((sum, item) => sum + item.m, 0);

/** A memoising planner of household-aligned trees for one model; reuse it across compositions. */
export function householdTreePlanner(model: HouseholdTreeModel) {
  const { index: a, secondaryAttackRate: sar, sensitivity: se } = model;
  const memo = new Map<string, Below>();
  const negative = (items: readonly Item[]) => items.reduce((p, { h, m }) => p * householdMembersNegative(h, m, a, sar), 1);

  // Expected tests below a node (its own test excluded), the node holding `items` at `depth` with `left` stages including its own.
  const below = (items: Item[], depth: number, left: number): Below => {
    const n = size(items);
    if (n === 1) return { cost: 0, tree: leaf(), order: items };
    if (left <= 1) return INFEASIBLE;
    const key = `${compositionKey(items)}|${depth}|${left}`;
    const known = memo.get(key);
    if (known) return known;
    const perChild = se ** depth * (1 - negative(items)); // each child's test
    const result = items.length === 1 ? splitHousehold(items[0]!, perChild, depth, left) : splitHouseholds(items, perChild, depth, left);
    memo.set(key, result);
    return result;
  };

  // One household's members: a partition into sub-pools (a part of one is an individual test).
  const splitHousehold = (item: Item, perChild: number, depth: number, left: number): Below => {
    const best: { cost: number; parts: PoolTree[] }[] = [{ cost: 0, parts: [] }];
    for (let j = 1; j <= item.m; j++) {
      let choice = { cost: Infinity, parts: [] as PoolTree[] };
      for (let p = 1; p <= Math.min(j, item.m - 1); p++) {
        const sub = below([{ h: item.h, m: p }], depth + 1, left - 1);
        const cost = best[j - p]!.cost + perChild + sub.cost;
        if (cost < choice.cost - 1e-15) choice = { cost, parts: [...best[j - p]!.parts, sub.tree] };
      }
      best.push(choice);
    }
    const { cost, parts } = best[item.m]!;
    return { cost, tree: { size: item.m, parts: parts.sort((x, y) => y.size - x.size) }, order: [item] };
  };

  // Several households: a partition into groups of whole households (subset dynamic programme); a
  // group of one household is a sub-pool or goes straight to individual tests.
  const splitHouseholds = (items: Item[], perChild: number, depth: number, left: number): Below => {
    const k = items.length;
    const full = (1 << k) - 1;
    const group = (mask: number): Below => {
      const members = items.filter((_, i) => mask & (1 << i));
      if (members.length === 1) {
        const item = members[0]!;
        const individuals: Below = { cost: item.m * perChild, tree: { size: item.m, parts: Array.from({ length: item.m }, leaf) }, order: [item], flat: true };
        if (item.m === 1) return { cost: perChild, tree: leaf(), order: [item] };
        const pooled = below([item], depth + 1, left - 1);
        return pooled.cost + perChild < individuals.cost - 1e-15 ? { ...pooled, cost: pooled.cost + perChild, flat: false } : individuals;
      }
      if (mask === full) return INFEASIBLE; // the node itself again
      const pooled = below(members, depth + 1, left - 1);
      return { ...pooled, cost: pooled.cost + perChild, flat: false };
    };
    const groups = new Map<number, Below>();
    const groupOf = (mask: number) => {
      let found = groups.get(mask);
      if (!found) groups.set(mask, (found = group(mask)));
      return found;
    };
    const chosen = k <= MAX_SUBSET_ITEMS ? bestPartition(full, groupOf) : bestRuns(k, groupOf);
    if (!Number.isFinite(chosen.cost)) return INFEASIBLE;
    // Larger groups first, so that trees read like "10:(5,4,1)".
    const parts = chosen.groups.map(groupOf).sort((x, y) => size(y.order) - size(x.order));
    // A group "straight to individuals" contributes its members as separate children.
    const children = parts.flatMap((part) => (part.flat ? part.tree.parts : [part.tree]));
    return { cost: chosen.cost, tree: { size: size(items), parts: children }, order: parts.flatMap((part) => part.order) };
  };

  /** The cheapest household-aligned tree for a pool holding `items`. */
  return (items: readonly Item[]): CompositionTree => {
    const sorted = sortItems(items);
    if (size(sorted) === 1) return { tree: leaf(), order: sorted, expectedTests: 1 };
    const found = below(sorted, 1, model.stages);
    return { tree: found.tree, order: found.order, expectedTests: 1 + found.cost };
  };
}
