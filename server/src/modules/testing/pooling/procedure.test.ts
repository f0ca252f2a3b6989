// Property-based tests of the testing procedures (fast-check): random designs, random populations.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { createRandom, type Random } from '../../demo/random.js';
import { VIETNAM_HOUSEHOLD_SIZES } from './households.js';
import { type Design, householdCost, treesUpTo } from './plan.js';
import { chunkPools, runProcedure } from './procedure.js';
import { arrayTestsPerPerson, type PoolTree, treeTestsPerPerson } from './schemes.js';
import { buildPopulation, formPools, poolTest } from './simulate.js';

/** Any tree: a pool of n split into a random partition, at most `depth` stages. */
function randomTree(n: number, depth: number, random: Random): PoolTree {
  if (n === 1) return { size: 1, parts: [] };
  const parts: PoolTree[] = [];
  let left = n;
  while (left > 0) {
    const size = depth <= 2 ? 1 : random.int(1, Math.min(left, n - 1));
    parts.push(randomTree(size, depth - 1, random));
    left -= size;
  }
  return { size: n, parts };
}

/** Any design: a random tree for every pool size up to K, or an array. */
const designs: fc.Arbitrary<Design> = fc.oneof(
  fc.record({ maxPool: fc.integer({ min: 1, max: 16 }), depth: fc.integer({ min: 2, max: 5 }), seed: fc.integer(), households: fc.boolean() }).map(({ maxPool, depth, seed, households }) => {
    const random = createRandom(seed);
    const trees: Record<number, PoolTree> = {};
    for (let n = 1; n <= maxPool; n++) trees[n] = randomTree(n, depth, random);
    return { kind: 'tree' as const, poolSize: maxPool, trees, households };
  }),
  fc.record({ side: fc.integer({ min: 2, max: 6 }), master: fc.boolean() }).map(({ side, master }) => ({ kind: 'array' as const, side, master })),
  // Household packing: the optimal mix of compositions, each pool with its household-aligned tree.
  fc.record({
    maxPool: fc.integer({ min: 2, max: 10 }), stages: fc.integer({ min: 2, max: 4 }), index: fc.double({ min: 0.0005, max: 0.5, noNaN: true }),
    sar: fc.double({ min: 0, max: 1, noNaN: true }), sensitivity: fc.constantFrom(1, 0.9),
  }).map(({ maxPool, stages, index, sar, sensitivity }) => ({
    kind: 'tree' as const, poolSize: maxPool, trees: treesUpTo(maxPool, stages, { prevalence: index / 2 }), households: true,
    packing: { prevalence: index / 2, maxPool, index, secondaryAttackRate: sar, sensitivity, stages },
  })),
);

describe('testing procedures (property-based)', () => {
  test('with perfect tests no infected person is ever reported negative, and nobody else positive', () => {
    fc.assert(fc.property(designs, fc.array(fc.boolean(), { minLength: 1, maxLength: 120 }), fc.integer(), (design, infected, seed) => {
      // Any pattern of positives, grouped into households of 1–7 in order.
      const random = createRandom(seed);
      const households: number[][] = [];
      for (let next = 0; next < infected.length;) {
        const h = Math.min(random.int(1, 7), infected.length - next);
        households.push(Array.from({ length: h }, (_, i) => next + i));
        next += h;
      }
      const population = { households, infected, ct: infected.map(() => undefined) };
      const { pools, trees } = formPools(population, design, random);
      assert.deepEqual(pools.flat().sort((x, y) => x - y), infected.map((_, i) => i), 'every person is in exactly one pool');
      if (design.kind === 'tree') assert.ok(pools.every((pool) => pool.length <= design.poolSize), 'no pool above the cap');
      const result = runProcedure(design, pools, poolTest(population), trees);
      infected.forEach((sick, person) => assert.equal(result.reportedPositive.has(person), sick, `person ${person}`));
    }), { numRuns: 400 });
  });

  test('test counts match the closed form on average (independent infections)', () => {
    fc.assert(fc.property(
      fc.double({ min: 0.002, max: 0.25, noNaN: true }), fc.integer({ min: 2, max: 12 }), fc.integer({ min: 2, max: 4 }), fc.boolean(), fc.integer(),
      (prevalence, size, depth, asArray, seed) => {
        const random = createRandom(seed);
        // Enough people that sampling noise (arrays at low prevalence: a few positive master pools) stays far inside the tolerance.
        const people = 200_000;
        const side = Math.min(size, 6);
        const design: Design = asArray
          ? { kind: 'array', side, master: depth > 2 }
          : { kind: 'tree', poolSize: size, trees: treesUpTo(size, depth, { prevalence: random.next() * 0.2 + 0.001 }), households: false };
        // Whole pools only, so the closed form applies exactly.
        const poolSize = design.kind === 'array' ? side * side : size;
        const count = people - (people % poolSize);
        const infected = Array.from({ length: count }, () => random.chance(prevalence));
        const result = runProcedure(design, chunkPools(design, infected.map((_, i) => i)), (members) => members.some((m) => infected[m]));
        const expected = design.kind === 'array' ? arrayTestsPerPerson(side, design.master, { prevalence }) : treeTestsPerPerson(design.trees[size]!, { prevalence });
        const observed = result.tests / count;
        assert.ok(Math.abs(observed - expected) <= 0.05 * expected + 0.004, `observed ${observed}, expected ${expected}`);
      },
    ), { numRuns: 40 });
  });

  test('household-aware pools match their exact expectation on a simulated population', () => {
    const model = { sizes: VIETNAM_HOUSEHOLD_SIZES, secondaryAttackRate: 0.3 };
    const prevalence = 0.02;
    const random = createRandom(2021);
    const trees = treesUpTo(10, 3, { prevalence });
    const design: Design = { kind: 'tree', poolSize: 10, trees, households: true };
    let tests = 0;
    let people = 0;
    for (let run = 0; run < 20; run++) {
      const population = buildPopulation(20_000, prevalence, model, random);
      const { pools } = formPools(population, design, random);
      tests += runProcedure(design, pools, poolTest(population)).tests;
      people += population.infected.length;
    }
    const planned = householdCost({ prevalence, maxPool: 10, maxRounds: 3, households: model }, 10, trees);
    assert.ok(Math.abs(tests / people - planned) / planned < 0.03, `simulated ${tests / people}, planned ${planned}`);
  });
});
