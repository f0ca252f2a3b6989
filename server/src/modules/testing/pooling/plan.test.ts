import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { VIETNAM_HOUSEHOLD_SIZES, meanHouseholdSize } from './households.js';
import { plan, validatePlanInput } from './plan.js';
import { arrayTestsPerPerson, capBound, dorfmanTestsPerPerson, entropyBound, optimalTree, treeTestsPerPerson } from './schemes.js';

// The optimal three-stage hierarchical figures for K = 10.
const THREE_STAGE = [[0.001, 0.1064], [0.005, 0.1316], [0.01, 0.1623], [0.02, 0.2212], [0.05, 0.3770], [0.1, 0.5863]] as const;

describe('pooling closed forms', () => {
  test('the best three-stage tree within K = 10 reproduces the issue figures to four places', () => {
    for (const [prevalence, expected] of THREE_STAGE) {
      const best = Math.min(...Array.from({ length: 9 }, (_, i) => treeTestsPerPerson(optimalTree(i + 2, 3, { prevalence }).tree, { prevalence })));
      assert.equal(best.toFixed(4), expected.toFixed(4), `P = ${prevalence}`);
    }
  });

  test('Dorfman and array match their textbook forms', () => {
    const q = 0.99;
    assert.ok(Math.abs(dorfmanTestsPerPerson(10, { prevalence: 0.01 }) - (0.1 + 1 - q ** 10)) < 1e-12);
    assert.ok(Math.abs(arrayTestsPerPerson(7, false, { prevalence: 0.01 }) - (2 / 7 + 0.01 + q * (1 - q ** 6) ** 2)) < 1e-12);
  });

  test('a lower sensitivity means fewer follow-up tests', () => {
    const tree = optimalTree(10, 3, { prevalence: 0.02 }).tree;
    assert.ok(treeTestsPerPerson(tree, { prevalence: 0.02, sensitivity: 0.9 }) < treeTestsPerPerson(tree, { prevalence: 0.02 }));
  });

  test('bounds: entropy and cap', () => {
    assert.ok(Math.abs(entropyBound(0.5) - 1) < 1e-12);
    assert.ok(Math.abs(capBound(0.01, 10) - 0.109) < 1e-12);
  });
});

describe('plan', () => {
  test('with K = 10 and R = 3 it is never worse than the optimal three-stage scheme', () => {
    for (const [prevalence, expected] of THREE_STAGE) {
      const result = plan({ prevalence, maxPool: 10, maxRounds: 3 });
      assert.ok(result.expectedTestsPerPerson <= expected + 5e-5, `P = ${prevalence}: ${result.expectedTestsPerPerson}`);
      assert.ok(result.stages <= 3);
      assert.equal(result.ratioToCapBound, result.expectedTestsPerPerson / result.capBound);
      assert.ok(result.expectedTestsPerPerson >= result.capBound - 1e-12);
    }
  });

  test('the rounds limit removes deeper schemes', () => {
    const result = plan({ prevalence: 0.01, maxPool: 10, maxRounds: 2 });
    assert.ok(result.candidates.every((c) => c.stages <= 2));
    assert.equal(result.scheme, 'dorfman');
    assert.equal(plan({ prevalence: 0.01, maxPool: 10, maxRounds: 1 }).scheme, 'individual');
  });

  test('at high prevalence individual testing wins', () => {
    assert.equal(plan({ prevalence: 0.4, maxPool: 10, maxRounds: 4 }).scheme, 'individual');
  });

  test('household-aware pooling is considered when households are given', () => {
    const households = { sizes: VIETNAM_HOUSEHOLD_SIZES, secondaryAttackRate: 0.3 };
    const result = plan({ prevalence: 0.02, maxPool: 10, maxRounds: 3, households });
    assert.equal(result.scheme, 'household');
    assert.ok(result.expectedTestsPerPerson < 0.9 * 0.2212);
  });

  test('the Vietnam-like household sizes average about 3.5', () => {
    assert.ok(Math.abs(meanHouseholdSize(VIETNAM_HOUSEHOLD_SIZES) - 3.5) < 0.05);
  });

  test('bad inputs name the field', () => {
    assert.throws(() => validatePlanInput({ prevalence: 0, maxPool: 10, maxRounds: 3 }), /^RangeError: prevalence:/);
    assert.throws(() => validatePlanInput({ prevalence: 0.1, maxPool: 0, maxRounds: 3 }), /^RangeError: maxPool:/);
    assert.throws(() => validatePlanInput({ prevalence: 0.1, maxPool: 10, maxRounds: 2.5 }), /^RangeError: maxRounds:/);
  });
});
