// The testing procedure itself: pools are real lists of people, tests are run round by round, and
// each person ends up reported positive (their own individual test was positive) or negative.
import type { Design } from './plan.js';
import type { PoolTree } from './schemes.js';

/** Tests a set of people (indexes into the population); true means the pool is positive. */
export type PoolTest = (members: readonly number[]) => boolean;

export interface ProcedureResult {
  tests: number;
  /** Sequential rounds needed (the deepest stage reached). */
  rounds: number;
  reportedPositive: Set<number>;
}

function runTree(tree: PoolTree, members: readonly number[], test: PoolTest, result: ProcedureResult, round: number): void {
  result.tests += 1;
  result.rounds = Math.max(result.rounds, round);
  if (!test(members)) return; // a negative pool clears everyone in it
  if (tree.parts.length === 0) {
    result.reportedPositive.add(members[0]!);
    return;
  }
  let start = 0;
  for (const part of tree.parts) {
    runTree(part, members.slice(start, start + part.size), test, result, round + 1);
    start += part.size;
  }
}

function runArray(side: number, master: boolean, members: readonly number[], test: PoolTest, result: ProcedureResult): void {
  let round = 1;
  if (master) {
    result.tests += 1;
    result.rounds = Math.max(result.rounds, 1);
    if (!test(members)) return;
    round = 2;
  }
  // Row-major filling; a partly filled last array simply has shorter rows and columns.
  const cell = (r: number, c: number) => members[r * side + c];
  const line = (pick: (i: number) => number | undefined) => Array.from({ length: side }, (_, i) => pick(i)).filter((m): m is number => m !== undefined);
  const positiveRows: boolean[] = [];
  const positiveColumns: boolean[] = [];
  for (let i = 0; i < side; i++) {
    for (const [list, pick] of [[positiveRows, (j: number) => cell(i, j)], [positiveColumns, (j: number) => cell(j, i)]] as const) {
      const pool = line(pick);
      if (pool.length === 0) {
        list.push(false);
        continue;
      }
      result.tests += 1;
      list.push(test(pool));
    }
  }
  result.rounds = Math.max(result.rounds, round);
  for (let r = 0; r < side; r++) {
    for (let c = 0; c < side; c++) {
      const person = cell(r, c);
      if (person === undefined || !positiveRows[r] || !positiveColumns[c]) continue;
      result.tests += 1;
      result.rounds = Math.max(result.rounds, round + 1);
      if (test([person])) result.reportedPositive.add(person);
    }
  }
}

/**
 * Runs `design` over the pools given (each a list of people; for tree designs at most the design's
 * pool size, for arrays at most side² people). `trees`, when given, is each pool's own tree (pools
 * of households, whose trees follow the households); otherwise a pool runs the design's tree for its size.
 */
export function runProcedure(design: Design, pools: readonly (readonly number[])[], test: PoolTest, trees?: readonly (PoolTree | undefined)[]): ProcedureResult {
  const result: ProcedureResult = { tests: 0, rounds: 0, reportedPositive: new Set() };
  for (const [index, pool] of pools.entries()) {
    if (pool.length === 0) continue;
    if (design.kind === 'array') runArray(design.side, design.master, pool, test, result);
    else {
      const tree = trees?.[index] ?? design.trees[pool.length];
      if (tree && tree.size !== pool.length) throw new RangeError(`a tree for ${tree.size} people given a pool of ${pool.length}`);
      if (!tree) throw new RangeError(`no tree for a pool of ${pool.length}`);
      runTree(tree, pool, test, result, 1);
    }
  }
  return result;
}

/** Cuts people into consecutive pools of the design's size (a k×k block for arrays). */
export function chunkPools(design: Design, people: readonly number[]): number[][] {
  const size = design.kind === 'array' ? design.side * design.side : design.poolSize;
  const pools: number[][] = [];
  for (let start = 0; start < people.length; start += size) pools.push(people.slice(start, start + size));
  return pools;
}
