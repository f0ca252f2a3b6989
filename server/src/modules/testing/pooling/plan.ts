// plan(): the cheapest pooling scheme within a pool-size cap K and a number of rounds R.
// Every scheme's parameters are searched exhaustively (K is small: tens at most); household-aware
// pooling solves a small linear programme over pool compositions (household-packing.ts).
import {
  arrayTestsPerPerson, capBound, describeTree, dorfmanTree, entropyBound, optimalTree, type PoolTree, treeDepth,
  type TestModel, treeTestsPerPerson,
} from './schemes.js';
import {
  expectedHouseholdPoolTests, type HouseholdModel, indexProbability, packHouseholds, representativeHouseholds, sizeShares,
} from './households.js';
import { compositionTreeChooser, type HouseholdPacking, householdItems, optimalMix } from './household-packing.js';
import { compositionKey, type Item, itemKey } from './household-trees.js';

export type SchemeName = 'individual' | 'dorfman' | 'hierarchical-3' | 'hierarchical-4' | 'array' | 'array-master' | 'household';

/**
 * Household packing chosen by the planner: pools are filled by the optimal mix of compositions for
 * the households at hand (household-packing.ts), each pool running its own household-aligned tree.
 */
export type HouseholdPackingDesign = HouseholdPacking & { prevalence: number };

/**
 * What the testing procedure runs: a tree per pool size (tree schemes) or a k×k array. With
 * `households`, whole households share pools; with `packing` too, each pool's tree follows its
 * households (`trees` then serve pools of people mixed at random, e.g. for comparison).
 */
export type Design =
  | { kind: 'tree'; poolSize: number; trees: Record<number, PoolTree>; households: boolean; packing?: HouseholdPackingDesign }
  | { kind: 'array'; side: number; master: boolean };

export interface Candidate {
  scheme: SchemeName;
  stages: number;
  expectedTestsPerPerson: number;
  /** Human-readable parameters: "10:(4,3,3)" (pool of 10 split into 4, 3 and 3, then individuals), "array 3×3". */
  parameters: string;
  design: Design;
}

export interface PlanInput extends TestModel {
  maxPool: number;
  maxRounds: number;
  /** With households given, household-aware pooling (whole households in one pool) is also considered. */
  households?: HouseholdModel;
}

export interface Plan {
  scheme: SchemeName;
  stages: number;
  expectedTestsPerPerson: number;
  entropyBound: number;
  capBound: number;
  ratioToCapBound: number;
  parameters: string;
  design: Design;
  candidates: Omit<Candidate, 'design'>[];
}

export function validatePlanInput(input: PlanInput): void {
  const { prevalence, maxPool, maxRounds, sensitivity = 1 } = input;
  if (!(prevalence > 0 && prevalence < 1)) throw new RangeError('prevalence: must be between 0 and 1 (exclusive)');
  if (!Number.isInteger(maxPool) || maxPool < 1 || maxPool > 64) throw new RangeError('maxPool: must be a whole number from 1 to 64');
  if (!Number.isInteger(maxRounds) || maxRounds < 1 || maxRounds > 8) throw new RangeError('maxRounds: must be a whole number from 1 to 8');
  if (!(sensitivity > 0 && sensitivity <= 1)) throw new RangeError('sensitivity: must be above 0 and at most 1');
}

/** Optimal trees of at most `stages` stages for every pool size up to `poolSize`. */
export function treesUpTo(poolSize: number, stages: number, model: TestModel): Record<number, PoolTree> {
  const trees: Record<number, PoolTree> = {};
  for (let n = 1; n <= poolSize; n++) trees[n] = n === 1 ? { size: 1, parts: [] } : optimalTree(n, stages, model).tree;
  return trees;
}

function treeCandidates(input: PlanInput): Candidate[] {
  const out: Candidate[] = [];
  const model: TestModel = { prevalence: input.prevalence, sensitivity: input.sensitivity ?? 1 };
  const schemes: [SchemeName, number][] = [['dorfman', 2], ['hierarchical-3', 3], ['hierarchical-4', 4]];
  for (const [scheme, stages] of schemes) {
    if (stages > input.maxRounds) continue;
    let best: Candidate | null = null;
    for (let size = 2; size <= input.maxPool; size++) {
      const tree = stages === 2 ? dorfmanTree(size) : optimalTree(size, stages, model).tree;
      const cost = treeTestsPerPerson(tree, model);
      if (!best || cost < best.expectedTestsPerPerson - 1e-12) {
        const trees = stages === 2 ? Object.fromEntries(Array.from({ length: size }, (_, i) => [i + 1, dorfmanTree(i + 1)])) : treesUpTo(size, stages, model);
        best = { scheme, stages: treeDepth(tree), expectedTestsPerPerson: cost, parameters: describeTree(tree), design: { kind: 'tree', poolSize: size, trees, households: false } };
      }
    }
    if (best) out.push(best);
  }
  return out;
}

function arrayCandidates(input: PlanInput): Candidate[] {
  const out: Candidate[] = [];
  for (const master of [false, true]) {
    if ((master ? 3 : 2) > input.maxRounds) continue;
    let best: Candidate | null = null;
    for (let side = 2; side <= input.maxPool && (!master || side * side <= input.maxPool); side++) {
      const cost = arrayTestsPerPerson(side, master, input);
      if (!best || cost < best.expectedTestsPerPerson) {
        best = { scheme: master ? 'array-master' : 'array', stages: master ? 3 : 2, expectedTestsPerPerson: cost, parameters: `array ${side}×${side}${master ? ' with master pool' : ''}`, design: { kind: 'array', side, master } };
      }
    }
    if (best) out.push(best);
  }
  return out;
}

/**
 * First-fit household pooling (the fallback for large pool caps): pools of at most `poolSize` are
 * filled with whole households, largest first, and each pool runs the tree for its size. The
 * expectation is exact for a representative packing of 2,000 households in the given proportions.
 */
export function householdCost(input: PlanInput & { households: HouseholdModel }, poolSize: number, trees: Record<number, PoolTree>, households = representativeHouseholds(input.households.sizes, 2000)): number {
  const a = indexProbability(input.prevalence, input.households);
  const pools = packHouseholds(households, poolSize);
  let tests = 0;
  let people = 0;
  for (const pool of pools) {
    tests += expectedHouseholdPoolTests(trees[pool.length]!, pool, a, input.households.secondaryAttackRate, input.sensitivity ?? 1);
    people += pool.length;
  }
  return tests / people;
}

/** Items (whole households, or chunks of households larger than the pool) per household, by kind. */
function itemShares(model: HouseholdModel, maxPool: number) {
  const counts = new Map<string, { item: Item; count: number }>();
  for (const [h, share] of sizeShares(model.sizes)) {
    for (const item of householdItems(h, maxPool)) {
      const entry = counts.get(itemKey(item)) ?? { item, count: 0 };
      entry.count += share;
      counts.set(itemKey(item), entry);
    }
  }
  return counts;
}

/** The packing model for this input (trees of at most min(R, 4) stages, as for the other tree schemes). */
export function householdPackingFor(input: PlanInput & { households: HouseholdModel }): HouseholdPackingDesign {
  return {
    prevalence: input.prevalence, maxPool: input.maxPool, index: indexProbability(input.prevalence, input.households),
    secondaryAttackRate: input.households.secondaryAttackRate, sensitivity: input.sensitivity ?? 1, stages: Math.min(4, input.maxRounds),
  };
}

/**
 * Household-aware pooling with an optimal mix of pool compositions (household-packing.ts): the
 * expectation is exact for a large population with the given shares of household sizes.
 */
function packedHouseholdCandidate(input: PlanInput & { households: HouseholdModel }): Candidate | null {
  if (input.maxRounds < 2 || input.maxPool < 2) return null;
  const packing = householdPackingFor(input);
  const optimum = optimalMix(itemShares(input.households, input.maxPool), packing, compositionTreeChooser(packing, input.prevalence));
  if (!optimum) return null;
  const total = optimum.mix.reduce((sum, { pools }) => sum + pools, 0);
  const common = [...optimum.mix].sort((x, y) => y.pools - x.pools).slice(0, 3)
    .map(({ composition, pools, tree }) => `${compositionKey(composition)} ${describeTree(tree.tree)} ${Math.round((100 * pools) / total)}%`);
  return {
    scheme: 'household',
    stages: Math.max(...optimum.mix.map(({ tree }) => treeDepth(tree.tree))),
    expectedTestsPerPerson: optimum.expectedTestsPerPerson,
    parameters: `households packed into pools of ≤${input.maxPool}, split by household: ${common.join(', ')}${optimum.mix.length > 3 ? ', …' : ''}`,
    design: { kind: 'tree', poolSize: input.maxPool, trees: treesUpTo(input.maxPool, packing.stages, input), households: true, packing },
  };
}

/** First-fit packing with trees by pool size: the fallback when the pool cap allows too many compositions. */
function firstFitHouseholdCandidate(input: PlanInput & { households: HouseholdModel }): Candidate | null {
  if (input.maxRounds < 2 || input.maxPool < 2) return null;
  const a = indexProbability(input.prevalence, input.households);
  const households = representativeHouseholds(input.households.sizes, 2000);
  const effective = [...new Set([input.prevalence / 4, input.prevalence / 2, input.prevalence, a, Math.min(0.5, 2 * a)])];
  let best: Candidate | null = null;
  for (let stages = 2; stages <= Math.min(4, input.maxRounds); stages++) {
    for (const prevalence of effective) {
      for (let size = 2; size <= input.maxPool; size++) {
        const trees = treesUpTo(size, stages, { prevalence, sensitivity: input.sensitivity ?? 1 });
        const cost = householdCost(input, size, trees, households);
        if (!best || cost < best.expectedTestsPerPerson - 1e-12) {
          const tree = trees[size]!;
          best = { scheme: 'household', stages: Math.max(...Object.values(trees).map(treeDepth)), expectedTestsPerPerson: cost, parameters: `households in pools of ≤${size}, ${describeTree(tree)}`, design: { kind: 'tree', poolSize: size, trees, households: true } };
        }
      }
    }
  }
  return best;
}

export function plan(input: PlanInput): Plan {
  validatePlanInput(input);
  const individual: Candidate = { scheme: 'individual', stages: 1, expectedTestsPerPerson: 1, parameters: 'one test each', design: { kind: 'tree', poolSize: 1, trees: { 1: { size: 1, parts: [] } }, households: false } };
  const candidates = [individual, ...treeCandidates(input), ...arrayCandidates(input)];
  if (input.households) {
    const withHouseholds = { ...input, households: input.households };
    const household = packedHouseholdCandidate(withHouseholds) ?? firstFitHouseholdCandidate(withHouseholds);
    if (household) candidates.push(household);
  }
  const chosen = candidates.reduce((best, c) => (c.expectedTestsPerPerson < best.expectedTestsPerPerson - 1e-12 ? c : best));
  const cap = capBound(input.prevalence, input.maxPool);
  return {
    scheme: chosen.scheme,
    stages: chosen.stages,
    expectedTestsPerPerson: chosen.expectedTestsPerPerson,
    entropyBound: entropyBound(input.prevalence),
    capBound: cap,
    ratioToCapBound: chosen.expectedTestsPerPerson / cap,
    parameters: chosen.parameters,
    design: chosen.design,
    candidates: candidates.map(({ design: _design, ...rest }) => rest),
  };
}
