import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AppError } from '../../platform/errors.js';
import { builtInRuleSet, builtInRuleSets, parseRuleSet, ruleSetInForce, unconfirmedComponents } from './rules.js';
import { isDate, localDate, parseWeek, weekAt, weekOfDate } from './week.js';

const fieldsOf = (doc: unknown) => {
  try {
    parseRuleSet(doc);
  } catch (error) {
    if (error instanceof AppError) return error.fields ?? {};
    throw error;
  }
  assert.fail('expected the rule set to be refused');
};

describe('rule sets', () => {
  test('the built-in 4800 rule set is exactly the format of the issue', () => {
    const rules = builtInRuleSet('qd-4800-2021')!;
    assert.deepEqual(
      { id: rules.id, effectiveFrom: rules.effectiveFrom, caseBands: rules.caseBands, coverage: rules.coverage, elderly: rules.elderly, capacity: rules.capacity, maxLevel: rules.maxLevel },
      {
        id: 'qd-4800-2021', effectiveFrom: '2021-10-12', caseBands: [20, 50, 150],
        coverage: { indicator: 'adultsFirstDoseShare', highIfAtLeast: 0.7, lowAddsLevels: 1 },
        elderly: { indicator: 'elderlyFullDoseShare', minimum: 0.8, shortfallAddsLevels: 1, skipWhenNoCases: true },
        capacity: { whenUnmet: 'noDowngrade' }, maxLevel: 4,
      },
    );
  });

  test('218 ships with each component marked, and says what is not confirmed', () => {
    const rules = builtInRuleSet('qd-218-2022')!;
    assert.equal(rules.effectiveFrom, '2022-01-27');
    assert.equal(rules.confirmation?.indicators?.status, 'confirmed');
    assert.deepEqual(unconfirmedComponents(rules), ['caseBands (unconfirmed)', 'coverage (reported)', 'elderly (reported)', 'capacity (unconfirmed)', 'method (unconfirmed)']);
  });

  test('the rule set in force on a date', () => {
    const all = builtInRuleSets();
    assert.equal(ruleSetInForce(all, '2021-11-14').id, 'qd-4800-2021');
    assert.equal(ruleSetInForce(all, '2022-01-27').id, 'qd-218-2022');
    assert.equal(ruleSetInForce(all, '2021-07-01').id, 'qd-4800-2021', 'before any: the earliest');
    const adjusted = { ...all[0]!, id: 'hau-giang-2021-10', effectiveFrom: '2021-10-20' };
    assert.equal(ruleSetInForce([...all, adjusted], '2021-11-14').id, 'hau-giang-2021-10');
  });

  const valid = { ...builtInRuleSet('qd-4800-2021')!, id: 'test-valid' };
  const cases: [string, Record<string, unknown>, string][] = [
    ['bands out of order', { caseBands: [50, 20, 150] }, 'caseBands'],
    ['two bands', { caseBands: [20, 50] }, 'caseBands'],
    ['a threshold above 1', { coverage: { ...valid.coverage, highIfAtLeast: 70 } }, 'coverage.highIfAtLeast'],
    ['coverage left out', { coverage: undefined }, 'coverage'],
    ['an unknown capacity rule', { capacity: { whenUnmet: 'sometimes' } }, 'capacity.whenUnmet'],
    ['a level above 4', { maxLevel: 5 }, 'maxLevel'],
    ['a date that does not exist', { effectiveFrom: '2021-02-30' }, 'effectiveFrom'],
    ['an id with capitals', { id: 'QD 4800' }, 'id'],
    ['an unknown field', { thresholds: [1] }, 'thresholds'],
    ['an unknown status', { confirmation: { caseBands: { status: 'maybe' } } }, 'confirmation.caseBands.status'],
  ];
  for (const [name, change, field] of cases) {
    test(`refused: ${name} (names ${field})`, () => assert.ok(field in fieldsOf({ ...valid, ...change }), JSON.stringify(fieldsOf({ ...valid, ...change }))));
  }

  test('a valid adjusted rule set without the elderly rule is accepted', () => {
    const { elderly: _e, ...withoutElderly } = valid;
    assert.equal(parseRuleSet(withoutElderly).id, 'test-valid');
  });
});

describe('ISO weeks in Asia/Ho_Chi_Minh', () => {
  const weeks: [string, string][] = [
    ['2021-11-08', '2021-W45'], ['2021-11-14', '2021-W45'], ['2021-11-15', '2021-W46'],
    ['2021-01-03', '2020-W53'], ['2021-01-04', '2021-W01'], ['2019-12-30', '2020-W01'], ['2021-06-28', '2021-W26'],
  ];
  for (const [date, week] of weeks) test(`${date} is in ${week}`, () => assert.equal(weekOfDate(date), week));

  test('a week runs Monday to Sunday', () => {
    assert.deepEqual(parseWeek('2021-W45'), { week: '2021-W45', start: '2021-11-08', end: '2021-11-14' });
    assert.deepEqual(parseWeek('2020-W53'), { week: '2020-W53', start: '2020-12-28', end: '2021-01-03' });
  });

  test('malformed weeks and weeks a year does not have are refused', () => {
    for (const bad of ['2021-W53', '2021-W00', '2021-W5', '2021W45', '2021-w45', 'x', 45, null]) assert.equal(parseWeek(bad), null, String(bad));
  });

  test('the week and date are Vietnam\'s, not the server\'s or UTC\'s', () => {
    const sundayEveningUtc = new Date('2021-11-07T17:30:00Z'); // Monday 00:30 in Hậu Giang
    assert.equal(localDate(sundayEveningUtc), '2021-11-08');
    assert.equal(weekAt(sundayEveningUtc), '2021-W45');
    assert.equal(weekAt(new Date('2021-11-07T16:59:00Z')), '2021-W44');
  });

  test('dates are checked against the calendar', () => {
    assert.ok(isDate('2024-02-29'));
    assert.ok(!isDate('2021-02-29'));
    assert.ok(!isDate('2021-13-01'));
  });
});
