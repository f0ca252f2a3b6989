// Every rule of the engine and its edges, table-driven (issue 4 ⚑ semantics).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assessDocument, assessUnits, LevelInputError } from './engine.js';
import { builtInRuleSet, parseRuleSet, type RuleSet } from './rules.js';

const QD_4800 = builtInRuleSet('qd-4800-2021')!;

/** A commune of 100,000 people (so cases = rate) meeting both vaccination thresholds, unless overridden. */
const commune = (overrides: Record<string, unknown> = {}) => ({
  code: '31321', level: 'commune', parent: '930', population: 100_000, newCommunityCases7d: 0,
  adultsFirstDoseShare: 0.9, elderlyFullDoseShare: 0.9, capacityMet: true, ...overrides,
});
const one = (unit: Record<string, unknown>, rules: RuleSet = QD_4800) => assessUnits(rules, [unit])[0]!;
const problemsOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof LevelInputError) return error.problems.map((p) => `${p.code}.${p.field}`);
    throw error;
  }
  assert.fail('expected a LevelInputError');
};

describe('step 1: case bands', () => {
  const cases: [string, Record<string, unknown>, number, number][] = [
    ['no case', { newCommunityCases7d: 0 }, 0, 1],
    ['19.99 per 100,000', { newCommunityCases7d: 1999, population: 10_000_000 }, 19.99, 1],
    ['exactly 20', { newCommunityCases7d: 20 }, 20, 2],
    ['exactly 20 with an uneven population (6 in 30,000)', { newCommunityCases7d: 6, population: 30_000 }, 20, 2],
    ['49', { newCommunityCases7d: 49 }, 49, 2],
    ['exactly 50', { newCommunityCases7d: 50 }, 50, 3],
    ['exactly 50 (1 in 2,000)', { newCommunityCases7d: 1, population: 2_000 }, 50, 3],
    ['149.99', { newCommunityCases7d: 14_999, population: 10_000_000 }, 149.99, 3],
    ['exactly 150', { newCommunityCases7d: 150 }, 150, 4],
    ['exactly 150 (3 in 2,000)', { newCommunityCases7d: 3, population: 2_000 }, 150, 4],
    ['the issue\'s example: 3 in 8,000', { newCommunityCases7d: 3, population: 8_000 }, 37.5, 2],
    ['a third, rounded to 2 decimals', { newCommunityCases7d: 1, population: 300_000 }, 0.33, 1],
  ];
  for (const [name, overrides, rate, band] of cases) {
    test(`${name} → ${rate} per 100,000, band ${band}, level ${band}`, () => {
      const result = one(commune(overrides));
      assert.equal(result.casesPer100k, rate);
      assert.equal(result.band, band);
      assert.equal(result.level, band);
      assert.equal(result.reasons[0]!.code, 'case_rate');
    });
  }
});

describe('steps 2 to 5: coverage, elderly, cap, no-downgrade', () => {
  const cases: [string, Record<string, unknown>, number, string[]][] = [
    ['coverage exactly at 70 % adds nothing', { newCommunityCases7d: 20, adultsFirstDoseShare: 0.7 }, 2, ['coverage_met']],
    ['coverage just below 70 % adds a level', { newCommunityCases7d: 20, adultsFirstDoseShare: 0.6999 }, 3, ['coverage_low']],
    ['elderly exactly at 80 % adds nothing', { newCommunityCases7d: 20, elderlyFullDoseShare: 0.8 }, 2, ['elderly_met']],
    ['elderly below 80 % with cases adds a level', { newCommunityCases7d: 20, elderlyFullDoseShare: 0.79 }, 3, ['elderly_shortfall']],
    ['elderly below 80 % without cases adds nothing', { newCommunityCases7d: 0, elderlyFullDoseShare: 0.5 }, 1, ['elderly_no_cases']],
    ['without cases the elderly share may be left out', { newCommunityCases7d: 0, elderlyFullDoseShare: undefined }, 1, ['elderly_no_cases']],
    ['both shortfalls on band 3 are capped at 4', { newCommunityCases7d: 60, adultsFirstDoseShare: 0.5, elderlyFullDoseShare: 0.5 }, 4, ['coverage_low', 'elderly_shortfall', 'capped']],
    ['band 4 with low coverage stays 4', { newCommunityCases7d: 500, adultsFirstDoseShare: 0.1 }, 4, ['capped']],
    ['capacity unmet: level 1 stays at the previous 3', { newCommunityCases7d: 0, capacityMet: false, previousLevel: 3 }, 3, ['no_downgrade']],
    ['capacity met: level 1 goes down from 3', { newCommunityCases7d: 0, capacityMet: true, previousLevel: 3 }, 1, []],
    ['capacity unmet never holds a level down: 4 over a previous 2', { newCommunityCases7d: 200, capacityMet: false, previousLevel: 2 }, 4, ['capacity_unmet']],
    ['capacity unmet without a previous level changes nothing', { newCommunityCases7d: 0, capacityMet: false, previousLevel: null }, 1, ['capacity_unmet']],
    ['no-downgrade applies after the cap', { newCommunityCases7d: 20, capacityMet: false, previousLevel: 4 }, 4, ['no_downgrade']],
  ];
  for (const [name, overrides, level, codes] of cases) {
    test(`${name} → level ${level}`, () => {
      const result = one(commune(overrides));
      assert.equal(result.level, level);
      const got: string[] = result.reasons.map((r) => r.code);
      for (const code of codes) assert.ok(got.includes(code), `reasons ${got.join(', ')} include ${code}`);
      assert.ok(result.reasons.every((r) => r.text.length > 10));
    });
  }

  test('the reasons read as sentences with the figures', () => {
    const result = one(commune({ newCommunityCases7d: 3, population: 8_000, adultsFirstDoseShare: 0.65, elderlyFullDoseShare: 0.85 }));
    assert.deepEqual(result.reasons.map((r) => r.text), [
      '37.5 new community cases per 100,000 in 7 days (3 cases, population 8,000): band 2 (20 to under 50)',
      'adults with at least one dose 65%, below 70%: +1 level',
      'elderly residents fully vaccinated 85%, at least 80%: no change',
    ]);
    assert.equal(result.colour, 'orange');
  });
});

describe('a custom rule set', () => {
  const custom = parseRuleSet({
    id: 'test-strict', name: 'stricter', effectiveFrom: '2021-10-20', caseBands: [10, 30, 100],
    coverage: { indicator: 'adultsFirstDoseShare', highIfAtLeast: 0.8, lowAddsLevels: 2 },
    capacity: { whenUnmet: 'ignore' }, maxLevel: 3,
  });
  const cases: [string, Record<string, unknown>, number, number][] = [
    ['its own bands: 10 is band 2', { newCommunityCases7d: 10 }, 2, 2],
    ['its own bands: 100 is band 4, capped at 3', { newCommunityCases7d: 100 }, 4, 3],
    ['its coverage rule adds 2 below 80 %', { newCommunityCases7d: 0, adultsFirstDoseShare: 0.75 }, 1, 3],
    ['no elderly rule: the elderly share is not needed', { newCommunityCases7d: 50, elderlyFullDoseShare: undefined }, 3, 3],
    ['capacity ignored: the level goes down', { newCommunityCases7d: 0, capacityMet: false, previousLevel: 3 }, 1, 1],
  ];
  for (const [name, overrides, band, level] of cases) {
    test(`${name} → band ${band}, level ${level}`, () => {
      const result = one(commune(overrides), custom);
      assert.equal(result.band, band);
      assert.equal(result.level, level);
    });
  }

  test('an elderly rule that applies without cases too', () => {
    const always = { ...QD_4800, id: 'test-elderly', elderly: { ...QD_4800.elderly!, skipWhenNoCases: false } };
    assert.equal(one(commune({ newCommunityCases7d: 0, elderlyFullDoseShare: 0.5 }), always).level, 2);
    assert.deepEqual(problemsOf(() => one(commune({ elderlyFullDoseShare: undefined }), always)), ['31321.elderlyFullDoseShare']);
  });
});

describe('aggregation to district and province', () => {
  // Two communes of district 930, aggregated; district 931 with its own figures; the province aggregated.
  const units = () => [
    { code: '93', level: 'province', parent: null, capacityMet: true },
    { code: '930', level: 'district', parent: '93', capacityMet: true },
    commune({ code: '31321', parent: '930', population: 10_000, newCommunityCases7d: 1, adultsFirstDoseShare: 0.8, elderlyFullDoseShare: 0.9 }),
    commune({ code: '31324', parent: '930', population: 30_000, newCommunityCases7d: 9, adultsFirstDoseShare: 0.6, elderlyFullDoseShare: 0.7 }),
    { code: '931', level: 'district', parent: '93', population: 60_000, newCommunityCases7d: 2, adultsFirstDoseShare: 0.9, elderlyFullDoseShare: 0.9, capacityMet: true },
    commune({ code: '31340', parent: '931', population: 500, newCommunityCases7d: 400 }),
  ];

  test('a district sums its communes\' cases and populations and weights their shares by population', () => {
    const [, district] = assessUnits(QD_4800, units());
    assert.equal(district!.code, '930');
    assert.equal(district!.basis.newCommunityCases7d, 10);
    assert.equal(district!.basis.population, 40_000);
    assert.equal(district!.casesPer100k, 25);
    assert.equal(district!.band, 2);
    assert.ok(Math.abs(district!.basis.indicators.adultsFirstDoseShare! - 0.65) < 1e-12);
    assert.ok(Math.abs(district!.basis.indicators.elderlyFullDoseShare! - 0.75) < 1e-12);
    assert.equal(district!.level, 4, 'band 2 + low coverage + elderly shortfall');
    assert.equal(district!.basis.aggregatedFrom, 2);
    assert.ok(district!.reasons.some((r) => r.code === 'aggregated'));
  });

  test('the province adds up its districts: the aggregated one and the one with its own figures (its communes are not counted twice)', () => {
    const [province] = assessUnits(QD_4800, units());
    assert.equal(province!.basis.newCommunityCases7d, 12);
    assert.equal(province!.basis.population, 100_000);
    assert.equal(province!.band, 1);
    assert.ok(Math.abs(province!.basis.indicators.adultsFirstDoseShare! - (0.65 * 40_000 + 0.9 * 60_000) / 100_000) < 1e-12);
    assert.equal(province!.level, 1);
  });

  test('results come in input order, one per input unit', () => {
    const shuffled = units().reverse();
    assert.deepEqual(assessUnits(QD_4800, shuffled).map((r) => r.code), shuffled.map((u) => u.code));
  });

  test('previous level and capacity of an aggregated unit come from its own entry', () => {
    const list = units();
    Object.assign(list[0]!, { capacityMet: false, previousLevel: 3 });
    const [province] = assessUnits(QD_4800, list);
    assert.equal(province!.level, 3);
    assert.ok(province!.reasons.some((r) => r.code === 'no_downgrade'));
  });

  test('a district with no figures and nothing under it is an error naming it', () => {
    assert.deepEqual(problemsOf(() => assessUnits(QD_4800, [{ code: '932', level: 'district', parent: '93', capacityMet: true }])), ['932.newCommunityCases7d']);
  });

  test('a commune without a share needed for its district\'s weighted share is named, even without cases of its own', () => {
    const list = units();
    Object.assign(list[3]!, { newCommunityCases7d: 0, elderlyFullDoseShare: undefined });
    assert.deepEqual(problemsOf(() => assessUnits(QD_4800, list)), ['31324.elderlyFullDoseShare']);
  });

  test('a repeated code and a parent chain that goes round in a circle are errors', () => {
    assert.deepEqual(problemsOf(() => assessUnits(QD_4800, [commune(), commune()])), ['31321.code']);
    const loop = [{ code: '930', level: 'district', parent: '931', capacityMet: true }, { code: '931', level: 'district', parent: '930', capacityMet: true }];
    assert.deepEqual(problemsOf(() => assessUnits(QD_4800, loop)), ['930.parent', '931.parent']);
  });
});

describe('missing and invalid indicators are errors naming the unit and the field', () => {
  const cases: [string, Record<string, unknown>, string[]][] = [
    ['coverage share left out', { adultsFirstDoseShare: undefined }, ['31321.adultsFirstDoseShare']],
    ['coverage share null', { adultsFirstDoseShare: null }, ['31321.adultsFirstDoseShare']],
    ['elderly share left out where there are cases', { newCommunityCases7d: 4, elderlyFullDoseShare: undefined }, ['31321.elderlyFullDoseShare']],
    ['cases left out', { newCommunityCases7d: undefined }, ['31321.newCommunityCases7d']],
    ['population left out', { population: undefined }, ['31321.population']],
    ['capacity left out where a previous level is given', { capacityMet: undefined, previousLevel: 2 }, ['31321.capacityMet']],
    ['a share written as a percentage', { adultsFirstDoseShare: 82 }, ['31321.adultsFirstDoseShare']],
    ['negative cases, zero population', { newCommunityCases7d: -1, population: 0 }, ['31321.newCommunityCases7d', '31321.population']],
    ['a previous level of 5', { previousLevel: 5 }, ['31321.previousLevel']],
    ['capacity as text', { capacityMet: 'yes' }, ['31321.capacityMet']],
    ['an unknown unit level', { level: 'hamlet' }, ['31321.level']],
  ];
  for (const [name, overrides, expected] of cases) {
    test(name, () => assert.deepEqual(problemsOf(() => one(commune(overrides))), expected));
  }

  test('the message names the unit and the field', () => {
    assert.throws(() => one(commune({ adultsFirstDoseShare: undefined })), /unit 31321: adultsFirstDoseShare is missing/);
  });

  test('the document needs a valid ISO week and a non-empty list', () => {
    assert.throws(() => assessDocument(QD_4800, { week: '2021-W53', units: [commune()] }), /week must be an ISO week/);
    assert.throws(() => assessDocument(QD_4800, { week: '2021-W45', units: [] }), /units must be a non-empty list/);
    assert.equal(assessDocument(QD_4800, { week: '2020-W53', units: [commune()] }).week, '2020-W53');
  });
});

describe('districts and the province derived from the levels under them (configurable)', () => {
  const derived = (parentDerivation: string) => parseRuleSet({ ...QD_4800, id: `derived-${parentDerivation.toLowerCase()}`, parentDerivation });
  // District 930: a commune of 10,000 at level 4 and one of 30,000 at level 1; district 931 at level 2 on its own figures.
  const units = (districtCapacityMet = true, previousLevel?: number) => [
    { code: '93', level: 'province', parent: null, capacityMet: true },
    { code: '930', level: 'district', parent: '93', capacityMet: districtCapacityMet, previousLevel },
    commune({ code: '31321', parent: '930', population: 10_000, newCommunityCases7d: 20 }),
    commune({ code: '31324', parent: '930', population: 30_000, newCommunityCases7d: 0 }),
    { code: '931', level: 'district', parent: '93', population: 60_000, newCommunityCases7d: 15, adultsFirstDoseShare: 0.9, elderlyFullDoseShare: 0.9, capacityMet: true },
  ];

  test('by default a district is assessed on its own aggregated figures', () => {
    const [, district] = assessUnits(QD_4800, units());
    assert.equal(district!.casesPer100k, 50);
    assert.equal(district!.level, 3);
  });

  test('highestChildLevel: the district takes its worst commune\'s level, the province its worst district\'s', () => {
    const [province, district, first] = assessUnits(derived('highestChildLevel'), units());
    assert.equal(first!.level, 4);
    assert.equal(district!.level, 4);
    assert.equal(province!.level, 4);
    assert.ok(district!.reasons.some((r) => r.code === 'derived_from_children' && r.values.units === 2));
  });

  test('populationMajorityChildLevel: the level covering most of the population, the higher one on a tie', () => {
    const [province, district] = assessUnits(derived('populationMajorityChildLevel'), units());
    assert.equal(district!.level, 1, '30,000 of 40,000 people live at level 1');
    assert.equal(district!.reasons.find((r) => r.code === 'derived_from_children')!.values.share, 0.75);
    assert.equal(province!.level, 2, 'district 931 (60,000 people, level 2) outweighs 930 (40,000, level 1)');
  });

  test('a derived level still may not fall below the previous one when capacity is not met', () => {
    const [, district] = assessUnits(derived('populationMajorityChildLevel'), units(false, 3));
    assert.equal(district!.level, 3);
    assert.ok(district!.reasons.some((r) => r.code === 'no_downgrade'));
  });
});
