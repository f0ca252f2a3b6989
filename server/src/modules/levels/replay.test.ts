// Hậu Giang's real 2021 series (../shared/data/haugiang, read at test time, never copied) through
// the engine at province level, with the province population from our own unit seed.
// The series counts every reported case, while criterion 1 counts community cases only, and the
// weekly vaccination shares are not in it: the tests say which assumption each one makes.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, test } from 'node:test';
import { assessDocument } from './engine.js';
import { builtInRuleSet } from './rules.js';
import { weekOfDate } from './week.js';

const DATA = new URL('../../../../../shared/data/haugiang/', import.meta.url);
const skip = fs.existsSync(new URL('haugiang-covid-weekly-2021.csv', DATA)) ? false : 'no ../shared/data/haugiang here: the 2021 replay is not run';
const QD_4800 = builtInRuleSet('qd-4800-2021')!;

function provincePopulation(): number {
  const seed = JSON.parse(fs.readFileSync(new URL('../units/seed/haugiang-units.json', import.meta.url), 'utf8')) as { units: { code: string; population: number }[] };
  return seed.units.find((unit) => unit.code === '93')!.population;
}

/** A small numeric CSV whose header is checked column by column. */
function readCsv(name: string, header: string): string[][] {
  const [first, ...lines] = fs.readFileSync(new URL(name, DATA), 'utf8').trim().split(/\r?\n/);
  assert.equal(first, header, `${name} has the expected columns`);
  return lines.map((line) => {
    const cells = line.split(',');
    assert.equal(cells.length, header.split(',').length, `${name}: ${line}`);
    return cells;
  });
}

interface Week { start: string; days: number; cases: number; rate: number; band: number | null }

const weeks = (): Week[] => readCsv('haugiang-covid-weekly-2021.csv', 'week_start,days,cases,deaths,cases_per_100k,criterion1_band_4800')
  .map(([start, days, cases, , rate, band]) => ({ start: start!, days: Number(days), cases: Number(cases), rate: Number(rate), band: band ? Number(band) : null }));

/** The province alone, with the vaccination thresholds taken as met (the assumption of these tests). */
const province = (cases: number, extra: Record<string, unknown> = {}) => ({
  code: '93', level: 'province', parent: null, population: provincePopulation(), newCommunityCases7d: cases,
  adultsFirstDoseShare: 0.7, elderlyFullDoseShare: 0.8, capacityMet: true, ...extra,
});
const assessWeek = (week: Week, extra: Record<string, unknown> = {}) => assessDocument(QD_4800, { week: weekOfDate(week.start), units: [province(week.cases, extra)] }).results[0]!;

describe('Hậu Giang 2021 replay (province level)', { skip }, () => {
  // The series rounds to 1 decimal and the engine to 2: they agree within 0.06.
  test('every full week gives the published rate per 100,000 and the criterion-1 band of the series', () => {
    const full = weeks().filter((week) => week.days === 7);
    assert.ok(full.length >= 28);
    for (const week of full) {
      const result = assessWeek(week);
      assert.ok(Math.abs(result.casesPer100k - week.rate) < 0.06, `${week.start}: ${result.casesPer100k} vs ${week.rate}`);
      if (week.band !== null) assert.equal(result.band, week.band, `band of the week of ${week.start}`);
    }
  });

  test('the peak of late November to December 2021 is level 4, above every quiet week of September', () => {
    const byStart = new Map(weeks().map((week) => [week.start, assessWeek(week).level]));
    const peak = ['2021-11-22', '2021-11-29', '2021-12-06', '2021-12-13', '2021-12-20'].map((start) => byStart.get(start)!);
    const quiet = ['2021-08-30', '2021-09-06', '2021-09-13', '2021-09-20', '2021-09-27'].map((start) => byStart.get(start)!);
    assert.deepEqual(peak, [4, 4, 4, 4, 4]);
    assert.deepEqual(quiet, [1, 1, 1, 1, 1]);
    assert.ok(Math.min(...peak) > Math.max(...quiet));
    assert.equal(byStart.get('2021-11-08'), 3, 'the rise through 65.5 per 100,000');
  });

  test('with treatment capacity unmet, the level never comes down after the peak (no-downgrade over the real series)', () => {
    let previous: number | null = null;
    const levels: Record<string, number> = {};
    for (const week of weeks().filter((w) => w.days === 7 && w.start >= '2021-10-04')) {
      const level: number = assessWeek(week, { capacityMet: false, previousLevel: previous }).level;
      levels[week.start] = level;
      previous = level;
    }
    assert.equal(levels['2021-10-18'], 2, '17.1 per 100,000 would be band 1, but the previous week was level 2');
    assert.deepEqual(['2021-12-27', '2022-01-03', '2022-01-10'].map((start) => levels[start]), [4, 4, 4]);
    assert.equal(assessWeek(weeks().find((w) => w.start === '2021-12-27')!).level, 3, 'with capacity met it would go down to 3');
  });

  test('the 7 days before each published assessment give the province level Hậu Giang published', () => {
    const daily = new Map(readCsv('haugiang-covid-daily-2021.csv', 'date,new_cases,deaths').map(([date, cases]) => [date!, Number(cases)]));
    const published = (JSON.parse(fs.readFileSync(new URL('haugiang-level-assessments-2021.json', DATA), 'utf8')) as { assessments: { as_of: string; province_level: number | null }[] })
      .assessments.filter((a) => a.province_level !== null);
    assert.ok(published.length >= 3);
    for (const assessment of published) {
      const day = assessment.as_of.slice(0, 10);
      let cases = 0;
      for (let i = 0; i < 7; i++) cases += daily.get(new Date(Date.parse(`${day}T00:00:00Z`) - i * 86_400_000).toISOString().slice(0, 10)) ?? 0;
      const result = assessDocument(QD_4800, { week: weekOfDate(day), units: [province(cases)] }).results[0]!;
      assert.equal(result.level, assessment.province_level, `${day}: ${cases} cases in 7 days, ${result.casesPer100k} per 100,000`);
    }
  });
});
