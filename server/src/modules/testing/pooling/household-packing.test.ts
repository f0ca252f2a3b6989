// Household-aware pooling with household-aligned trees and an optimal mix of pool compositions.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { createRandom } from '../../demo/random.js';
import { compositionTreeChooser, packHouseholdPools, slotsOf } from './household-packing.js';
import { householdTreePlanner, type Item } from './household-trees.js';
import { expectedHouseholdPoolTests, VIETNAM_HOUSEHOLD_SIZES } from './households.js';
import { type Design, householdCost, householdPackingFor, plan, treesUpTo } from './plan.js';
import { runProcedure } from './procedure.js';
import { describeTree, treeDepth } from './schemes.js';
import { buildPopulation, formPools, poolTest } from './simulate.js';

const VIETNAM = { sizes: VIETNAM_HOUSEHOLD_SIZES, secondaryAttackRate: 0.3 };
const items = (...sizes: number[]): Item[] => sizes.map((h) => ({ h, m: h }));

describe('household-aligned trees', () => {
  test('each household is a sub-pool, a household of one an individual test (P = 0.5 %, SAR 0.3)', () => {
    const model = { index: householdPackingFor({ prevalence: 0.005, maxPool: 10, maxRounds: 3, households: VIETNAM }).index, secondaryAttackRate: 0.3, sensitivity: 1, stages: 3 };
    const found = householdTreePlanner(model)(items(1, 4, 5));
    assert.equal(describeTree(found.tree), '10:(5,4,1)');
    assert.deepEqual(found.order.map((item) => item.h), [5, 4, 1]);
  });

  test('the planned cost is the exact expectation of the tree over the household slots, within the stage limit', () => {
    for (const sensitivity of [1, 0.85]) {
      for (const stages of [2, 3, 4]) {
        const model = { index: 0.03, secondaryAttackRate: 0.4, sensitivity, stages };
        const planner = householdTreePlanner(model);
        for (const composition of [items(7, 3), items(4, 3, 3), items(2, 2, 2, 2, 1, 1), items(6), [{ h: 12, m: 5 }, { h: 2, m: 2 }], items(1, 1, 1, 1, 1, 1, 1, 1, 1, 1)]) {
          const found = planner(composition);
          const exact = expectedHouseholdPoolTests(found.tree, slotsOf(found.order), model.index, model.secondaryAttackRate, sensitivity);
          assert.ok(Math.abs(found.expectedTests - exact) < 1e-12, `${describeTree(found.tree)}: ${found.expectedTests} vs ${exact}`);
          assert.ok(treeDepth(found.tree) <= stages);
        }
      }
    }
  });
});

describe('household packing', () => {
  test('with perfect tests no infected person is reported negative, households stay whole, pools and rounds within the caps (property-based)', () => {
    fc.assert(fc.property(
      fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 40 }), fc.integer({ min: 2, max: 10 }), fc.integer({ min: 2, max: 3 }),
      fc.double({ min: 0.001, max: 0.3, noNaN: true }), fc.integer(),
      (sizes, maxPool, maxRounds, prevalence, seed) => {
        const random = createRandom(seed);
        const households: number[][] = [];
        let next = 0;
        for (const h of sizes) {
          households.push(Array.from({ length: h }, (_, i) => next + i));
          next += h;
        }
        // Any pattern of positives, not only the household model's.
        const infected = Array.from({ length: next }, () => random.chance(random.next()));
        const population = { households, infected, ct: infected.map(() => undefined) };
        const packing = { prevalence, maxPool, index: Math.min(0.9, prevalence * 3), secondaryAttackRate: random.next(), sensitivity: 1, stages: maxRounds };
        const design: Design = { kind: 'tree', poolSize: maxPool, trees: treesUpTo(maxPool, maxRounds, { prevalence }), households: true, packing };
        const { pools, trees } = formPools(population, design, random);
        assert.ok(trees && trees.length === pools.length);
        assert.deepEqual(pools.flat().sort((x, y) => x - y), infected.map((_, i) => i), 'every person is in exactly one pool');
        assert.ok(pools.every((pool) => pool.length <= maxPool), 'no pool above the cap');
        const poolOf = new Map(pools.flatMap((pool, p) => pool.map((person) => [person, p] as const)));
        for (const members of households) {
          if (members.length <= maxPool) assert.equal(new Set(members.map((person) => poolOf.get(person))).size, 1, 'a household that fits stays in one pool');
        }
        const result = runProcedure(design, pools, poolTest(population), trees);
        infected.forEach((sick, person) => assert.equal(result.reportedPositive.has(person), sick, `person ${person}`));
        assert.ok(result.rounds <= maxRounds);
      },
    ), { numRuns: 150 });
  });

  test('the mix packs a population with exact compositions; leftovers are few', () => {
    const random = createRandom(5);
    const population = buildPopulation(100_000, 0.005, VIETNAM, random);
    const packing = householdPackingFor({ prevalence: 0.005, maxPool: 10, maxRounds: 3, households: VIETNAM });
    const packed = packHouseholdPools(population.households.map((m) => m.length), packing, 0.005);
    assert.ok(packed);
    const full = packed.pools.filter(({ households }) => households.reduce((sum, { item }) => sum + item.m, 0) === 10).length;
    assert.ok(full / packed.pools.length > 0.99, `${full} of ${packed.pools.length} pools full`);
    const choose = compositionTreeChooser(packing, 0.005);
    for (const pool of packed.pools.slice(0, 50)) assert.equal(pool.composition.expectedTests, choose(pool.households.map(({ item }) => item)).expectedTests);
  });

  test('at P = 0.5 % (SAR 0.3) it plans at least 10% fewer tests than the best scheme on mixed pools, and less than first-fit packing', () => {
    const withHouseholds = plan({ prevalence: 0.005, maxPool: 10, maxRounds: 3, households: VIETNAM });
    const mixed = plan({ prevalence: 0.005, maxPool: 10, maxRounds: 3 });
    assert.equal(withHouseholds.scheme, 'household');
    assert.ok(withHouseholds.stages <= 3);
    assert.ok(withHouseholds.expectedTestsPerPerson <= 0.9 * mixed.expectedTestsPerPerson, `${withHouseholds.expectedTestsPerPerson} vs ${mixed.expectedTestsPerPerson}`);
    const firstFit = householdCost({ prevalence: 0.005, maxPool: 10, maxRounds: 3, households: VIETNAM }, 10, treesUpTo(10, 3, { prevalence: 0.005 }));
    assert.ok(withHouseholds.expectedTestsPerPerson < firstFit);
  });

  test('simulated tests per person match the plan within 3% (P = 0.5 % and 2 %)', () => {
    for (const prevalence of [0.005, 0.02]) {
      const chosen = plan({ prevalence, maxPool: 10, maxRounds: 3, households: VIETNAM });
      const random = createRandom(2021);
      let tests = 0;
      let people = 0;
      for (let run = 0; run < 4; run++) {
        const population = buildPopulation(100_000, prevalence, VIETNAM, random);
        const { pools, trees } = formPools(population, chosen.design, random);
        tests += runProcedure(chosen.design, pools, poolTest(population), trees).tests;
        people += population.infected.length;
      }
      const difference = (tests / people - chosen.expectedTestsPerPerson) / chosen.expectedTestsPerPerson;
      assert.ok(Math.abs(difference) < 0.03, `P = ${prevalence}: simulated ${tests / people}, planned ${chosen.expectedTestsPerPerson}`);
    }
  });
});
