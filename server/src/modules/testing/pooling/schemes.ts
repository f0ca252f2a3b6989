// Closed forms for the expected number of tests per person of each pooling scheme.
//
// Model (shared by every scheme): each person is infected independently with probability P
// (q = 1 − P); a test on a set of people is positive when the set holds an infected person
// (perfect tests), or, with a sensitivity Se, positive with probability Se (errors independent,
// specificity 1, so a set without infected people is always negative).
//
// Hierarchical schemes are trees: the root pool is tested; a positive pool is split into the
// sub-pools below it (any sizes, a partition of the pool), a negative pool clears all its
// members; a sub-pool of one person is that person's individual test. Stages = depth of the tree.
// Expected tests = 1 + Σ over non-root nodes of Pr(the parent tested positive), and
// Pr(node at depth d tested positive) = Se^d · (1 − q^size), because every ancestor holds the
// node's infected people. With Se = 1 and K = 10 this reproduces the optimal three-stage
// figures (0.1064 at P = 0.1% is 10 → 4+3+3 → 1; equal nested sizes that divide the pool give 0.1070).

export interface PoolTree {
  size: number;
  /** Sub-pools tested when this pool is positive; empty for one person. */
  parts: PoolTree[];
}

export interface TestModel {
  prevalence: number;
  /** Probability that a test on a set holding an infected person is positive (default 1). */
  sensitivity?: number;
}

export const leaf = (): PoolTree => ({ size: 1, parts: [] });

export function treeDepth(tree: PoolTree): number {
  return tree.parts.length === 0 ? 1 : 1 + Math.max(...tree.parts.map(treeDepth));
}

/** "10:(4,3,3)" for a three-stage tree; individuals are implied by a bare number. */
export function describeTree(tree: PoolTree): string {
  if (tree.parts.length === 0 || tree.parts.every((part) => part.size === 1)) return String(tree.size);
  return `${tree.size}:(${tree.parts.map(describeTree).join(',')})`;
}

/** A two-stage (Dorfman) tree: the pool, then each member alone. */
export function dorfmanTree(size: number): PoolTree {
  return size === 1 ? leaf() : { size, parts: Array.from({ length: size }, leaf) };
}

/**
 * Expected tests for one pool shaped as `tree`, where `negative(node)` is the probability that the
 * node holds no infected person; the shape generalises to households (see households.ts).
 */
export function expectedTreeTests(tree: PoolTree, sensitivity: number, negative: (size: number, path: number[]) => number): number {
  const walk = (node: PoolTree, depth: number, path: number[]): number => {
    if (node.parts.length === 0) return 0;
    const positive = sensitivity ** depth * (1 - negative(node.size, path));
    return node.parts.reduce((sum, part, index) => sum + positive + walk(part, depth + 1, [...path, index]), 0);
  };
  return 1 + walk(tree, 1, []);
}

export function treeTestsPerPerson(tree: PoolTree, model: TestModel): number {
  const q = 1 - model.prevalence;
  return expectedTreeTests(tree, model.sensitivity ?? 1, (size) => q ** size) / tree.size;
}

export const dorfmanTestsPerPerson = (size: number, model: TestModel) => treeTestsPerPerson(dorfmanTree(size), model);

/**
 * The cheapest tree of at most `stages` stages for a pool of exactly `size` people: a dynamic
 * programme over (size, stages left, depth); each split is the best partition into smaller parts.
 */
export function optimalTree(size: number, stages: number, model: TestModel): { tree: PoolTree; expectedTests: number } {
  const q = 1 - model.prevalence;
  const se = model.sensitivity ?? 1;
  const memo = new Map<string, { cost: number; tree: PoolTree }>();
  // Expected tests below a node (its own test excluded).
  const below = (n: number, left: number, depth: number): { cost: number; tree: PoolTree } => {
    if (n === 1) return { cost: 0, tree: leaf() };
    if (left <= 1) return { cost: Infinity, tree: leaf() };
    const key = `${n}/${left}/${depth}`;
    const known = memo.get(key);
    if (known) return known;
    const perPart = se ** depth * (1 - q ** n);
    // best[m]: cheapest way to split m people into parts each smaller than n.
    const best: { cost: number; parts: PoolTree[] }[] = [{ cost: 0, parts: [] }];
    for (let m = 1; m <= n; m++) {
      let choice = { cost: Infinity, parts: [] as PoolTree[] };
      for (let c = 1; c <= Math.min(m, n - 1); c++) {
        const sub = below(c, left - 1, depth + 1);
        const cost = best[m - c]!.cost + perPart + sub.cost;
        if (cost < choice.cost - 1e-15) choice = { cost, parts: [...best[m - c]!.parts, sub.tree] };
      }
      best.push(choice);
    }
    const parts = best[n]!.parts.sort((a, b) => b.size - a.size);
    const result = { cost: best[n]!.cost, tree: { size: n, parts } };
    memo.set(key, result);
    return result;
  };
  const found = below(size, stages, 1);
  return { tree: found.tree, expectedTests: 1 + found.cost };
}

/**
 * Square k×k array: every row and every column is a pool (2k tests); a person is tested alone
 * when their row and their column are both positive. With a master pool of all k² people first,
 * rows and columns are tested only when the master is positive. A person's row and column share
 * only that person, so Pr(both positive | perfect) = P + q(1 − q^(k−1))².
 */
export function arrayTestsPerPerson(side: number, master: boolean, model: TestModel): number {
  const p = model.prevalence;
  const q = 1 - p;
  const se = model.sensitivity ?? 1;
  const gate = master ? se * (1 - q ** (side * side)) : 1;
  const cell = (master ? se : 1) * se * se * (p + q * (1 - q ** (side - 1)) ** 2);
  return (master ? 1 / (side * side) : 0) + gate * (2 / side) + cell;
}

/** H(P) in bits: no scheme can use fewer tests per person on average (information bound). */
export function entropyBound(p: number): number {
  if (p <= 0 || p >= 1) return 0;
  return -p * Math.log2(p) - (1 - p) * Math.log2(1 - p);
}

/** P + (1 − P)/K (the reference): every person sits in a pool of at most K, plus about one test per infected person. */
export const capBound = (p: number, maxPool: number) => p + (1 - p) / maxPool;
