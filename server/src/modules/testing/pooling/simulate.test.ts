import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createRandom } from '../../demo/random.js';
import { VIETNAM_HOUSEHOLD_SIZES } from './households.js';
import { type Design, plan } from './plan.js';
import { buildPopulation, runDesign, simulate } from './simulate.js';

const base = { population: 200_000, householdSar: 0.3, maxPool: 10, maxRounds: 3, seed: 2021 };

describe('simulate', () => {
  test('the same seed gives the same result', () => {
    const input = { ...base, population: 5_000, prevalence: 0.02 };
    assert.deepEqual(simulate(input), simulate(input));
  });

  test('tests per person are within 3% of the plan, with perfect sensitivity', () => {
    for (const prevalence of [0.005, 0.02, 0.05]) {
      const result = simulate({ ...base, prevalence });
      assert.ok(Math.abs(result.relativeDifference) < 0.03, `P = ${prevalence}: ${result.testsPerPerson} vs ${result.expectedTestsPerPerson}`);
      assert.equal(result.falseNegatives, 0);
      assert.ok(result.rounds <= 3);
    }
  });

  test('dilution lowers sensitivity; false negatives are counted', () => {
    const result = simulate({ ...base, population: 50_000, prevalence: 0.02, dilution: 2 });
    assert.ok(result.falseNegatives > 0);
    assert.equal(result.sensitivity, 1 - result.falseNegatives / result.infected);
  });

  test('households in one pool cost at least 10% less than the same trees on mixed pools (SAR 0.3, P = 2%)', () => {
    const chosen = plan({ prevalence: 0.02, maxPool: 10, maxRounds: 3, households: { sizes: VIETNAM_HOUSEHOLD_SIZES, secondaryAttackRate: 0.3 } });
    assert.ok(chosen.design.kind === 'tree' && chosen.design.households);
    const mixed: Design = { ...chosen.design, households: false };
    const population = buildPopulation(200_000, 0.02, { sizes: VIETNAM_HOUSEHOLD_SIZES, secondaryAttackRate: 0.3 }, createRandom(1));
    const together = runDesign(population, chosen.design, createRandom(2)).testsPerPerson;
    const apart = runDesign(population, mixed, createRandom(2)).testsPerPerson;
    assert.ok(together <= 0.9 * apart, `${together} vs ${apart}`);
  });
});
