import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_PREVALENCE_SETTINGS, estimatePrevalence, loadPrevalenceSettings, wilsonInterval } from './prevalence.js';

const settings = DEFAULT_PREVALENCE_SETTINGS;

describe('prevalence estimate', () => {
  test('too few resolved people: the prior, and the counts it ignored', () => {
    const estimate = estimatePrevalence({ resolvedPeople: 99, positivePeople: 30 }, settings);
    assert.equal(estimate.source, 'prior');
    assert.equal(estimate.estimate, 0.01);
    assert.deepEqual([estimate.resolvedPeople, estimate.positivePeople, estimate.minResolvedPeople], [99, 30, 100]);
    assert.match(estimate.method, /99 people resolved in the last 7 days, fewer than the 100 needed/);
  });

  test('no results at all: the prior without an interval', () => {
    const estimate = estimatePrevalence({ resolvedPeople: 0, positivePeople: 0 }, { priorPrevalence: 0.02, minResolvedPeople: 1 });
    assert.equal(estimate.source, 'prior');
    assert.equal(estimate.estimate, 0.02);
    assert.equal(estimate.interval95, null);
  });

  test('enough people: (positives + ½) / (resolved + 1)', () => {
    const estimate = estimatePrevalence({ resolvedPeople: 199, positivePeople: 20 }, settings);
    assert.equal(estimate.source, 'recent_results');
    assert.equal(estimate.estimate, 20.5 / 200);
    assert.match(estimate.method, /\(20 \+ 0\.5\) \/ \(199 \+ 1\)/);
  });

  test('zero or all positives still give a prevalence strictly between 0 and 1', () => {
    const none = estimatePrevalence({ resolvedPeople: 500, positivePeople: 0 }, settings).estimate;
    const all = estimatePrevalence({ resolvedPeople: 500, positivePeople: 500 }, settings).estimate;
    assert.ok(none > 0 && none < 0.002);
    assert.ok(all < 1 && all > 0.998);
  });

  test('the threshold is inclusive: exactly the minimum uses the results', () => {
    assert.equal(estimatePrevalence({ resolvedPeople: 100, positivePeople: 0 }, settings).source, 'recent_results');
  });

  test('impossible counts are refused with the field named', () => {
    assert.throws(() => estimatePrevalence({ resolvedPeople: 5, positivePeople: 6 }, settings), /positivePeople/);
    assert.throws(() => estimatePrevalence({ resolvedPeople: -1, positivePeople: 0 }, settings), /resolvedPeople/);
    assert.throws(() => estimatePrevalence({ resolvedPeople: 1.5, positivePeople: 0 }, settings), /resolvedPeople/);
  });

  test('Wilson interval: contains the observed share, inside [0, 1], narrower with more people', () => {
    const small = wilsonInterval(5, 50)!;
    const large = wilsonInterval(50, 500)!;
    for (const interval of [small, large]) assert.ok(interval.low < 0.1 && interval.high > 0.1);
    assert.ok(large.high - large.low < small.high - small.low);
    const zero = wilsonInterval(0, 100)!;
    assert.equal(zero.low, 0);
    // the textbook value for 0 of 100: upper bound 3.70 %
    assert.equal(zero.high.toFixed(4), '0.0370');
  });
});

describe('prevalence settings', () => {
  test('defaults: prior 1 %, 100 people', () => {
    assert.deepEqual(loadPrevalenceSettings({}), { priorPrevalence: 0.01, minResolvedPeople: 100 });
  });

  test('set from the environment', () => {
    assert.deepEqual(loadPrevalenceSettings({ VIGIL_POOL_PRIOR_PREVALENCE: '0.05', VIGIL_POOL_MIN_RESULTS: '30' }), { priorPrevalence: 0.05, minResolvedPeople: 30 });
  });

  test('bad values stop the start with the key named', () => {
    for (const [env, key] of [
      [{ VIGIL_POOL_PRIOR_PREVALENCE: '0' }, /VIGIL_POOL_PRIOR_PREVALENCE/],
      [{ VIGIL_POOL_PRIOR_PREVALENCE: '1%' }, /VIGIL_POOL_PRIOR_PREVALENCE/],
      [{ VIGIL_POOL_MIN_RESULTS: '0' }, /VIGIL_POOL_MIN_RESULTS/],
      [{ VIGIL_POOL_MIN_RESULTS: '2.5' }, /VIGIL_POOL_MIN_RESULTS/],
    ] as const) assert.throws(() => loadPrevalenceSettings(env), key);
  });
});
