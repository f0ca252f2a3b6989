// From raw daily figures to what the map and the open data show: each unit's own report, or,
// on a day it has none, the sum of the units below it that reported; then cumulative totals,
// 7-day sums and rates per 100,000 (null, with the reason, when the population is unknown).
import type { Metric } from './repository.js';
import type { DayStats } from './schema.js';
import type { RawFigure } from './sources.js';

export interface UnitInfo {
  code: string;
  name: string;
  level: string;
  parentCode: string | null;
  population: number | null;
}

interface Day {
  values: Partial<Record<Metric, number | null>>;
  source: string;
  asOf: Date;
  reportingUnits: number | null;
  /** computed from records only: metrics it lacks are still added up from below */
  partial?: boolean;
}

const SUMMED: Metric[] = ['confirmedCommunity', 'confirmedQuarantine', 'suspected', 'recovered', 'deaths', 'vaccinatedFirstDose', 'vaccinatedFull', 'vaccinatedBooster'];
const DEPTH: Record<string, number> = { commune: 0, district: 1, province: 2 };
const LEVEL_PLURAL: Record<string, string> = { commune: 'communes', district: 'districts' };

export const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const round2 = (value: number) => Math.round(value * 100) / 100;

function sumOf(children: Day[], metric: Metric): number | null {
  let total: number | null = null;
  for (const child of children) {
    const value = child.values[metric];
    if (value !== null && value !== undefined) total = (total ?? 0) + value;
  }
  return total;
}

/** Each unit's days: its own reports, and the sums of its children on the days it has none. */
function dailyValues(units: UnitInfo[], raw: Map<string, Map<string, RawFigure>>): Map<string, Map<string, Day>> {
  const children = new Map<string, UnitInfo[]>();
  for (const unit of units) if (unit.parentCode) children.set(unit.parentCode, [...(children.get(unit.parentCode) ?? []), unit]);
  const result = new Map<string, Map<string, Day>>();
  for (const unit of [...units].sort((a, b) => (DEPTH[a.level] ?? 0) - (DEPTH[b.level] ?? 0))) {
    const days = new Map<string, Day>();
    for (const [date, figure] of raw.get(unit.code) ?? []) days.set(date, { values: { ...figure.values }, source: figure.source, asOf: figure.asOf, reportingUnits: null, partial: figure.partial ?? false });
    const below = (children.get(unit.code) ?? []).map((child) => ({ child, days: result.get(child.code) ?? new Map<string, Day>() }));
    const childDates = new Set(below.flatMap(({ days: d }) => [...d.keys()]));
    for (const date of childDates) {
      const own = days.get(date);
      const reporting = below.flatMap(({ days: d }) => (d.has(date) ? [d.get(date)!] : []));
      const level = below[0]?.child.level ?? 'unit';
      if (own) {
        if (own.partial) fillFromBelow(own, reporting, LEVEL_PLURAL[level] ?? 'units');
        continue;
      }
      days.set(date, {
        values: Object.fromEntries(SUMMED.map((metric) => [metric, sumOf(reporting, metric)])),
        source: `sum of ${reporting.length} reporting ${LEVEL_PLURAL[level] ?? 'units'}`,
        asOf: new Date(Math.max(...reporting.map((day) => day.asOf.getTime()))),
        reportingUnits: reporting.length,
      });
    }
    result.set(unit.code, days);
  }
  return result;
}

/** A day computed from records only: the metrics it lacks are the sums of the units below that have them. */
function fillFromBelow(own: Day, reporting: Day[], plural: string): void {
  const missing = SUMMED.filter((metric) => own.values[metric] === null || own.values[metric] === undefined);
  const contributing = reporting.filter((day) => missing.some((metric) => day.values[metric] !== null && day.values[metric] !== undefined));
  if (contributing.length === 0) return;
  for (const metric of missing) own.values[metric] = sumOf(contributing, metric);
  own.source = `${own.source}; sum of ${contributing.length} reporting ${plural}`;
  own.reportingUnits = contributing.length;
  own.asOf = new Date(Math.max(own.asOf.getTime(), ...contributing.map((day) => day.asOf.getTime())));
}

function confirmedOf(day: Day | undefined): number | null {
  if (!day) return null;
  const community = day.values.confirmedCommunity ?? null;
  const quarantine = day.values.confirmedQuarantine ?? null;
  return community === null && quarantine === null ? null : (community ?? 0) + (quarantine ?? 0);
}

function seriesOf(unit: UnitInfo, days: Map<string, Day>): DayStats[] {
  const dates = [...days.keys()].sort();
  const totals = { confirmed: 0, recovered: 0, deaths: 0 };
  return dates.map((date) => {
    const day = days.get(date)!;
    const value = (metric: Metric) => day.values[metric] ?? null;
    const confirmed = confirmedOf(day);
    totals.confirmed += confirmed ?? 0;
    totals.recovered += value('recovered') ?? 0;
    totals.deaths += value('deaths') ?? 0;
    let confirmed7d: number | null = null;
    for (let back = 0; back < 7; back++) {
      const earlier = confirmedOf(days.get(addDays(date, -back)));
      if (earlier !== null) confirmed7d = (confirmed7d ?? 0) + earlier;
    }
    let rate: number | null = null;
    let rateNote: string | null = null;
    if (!unit.population) rateNote = `the population of ${unit.name} is unknown`;
    else if (confirmed7d === null) rateNote = `no confirmed cases were reported in the 7 days to ${date}`;
    else rate = round2((confirmed7d / unit.population) * 100_000);
    return {
      date, unitCode: unit.code, unitName: unit.name, unitLevel: unit.level, population: unit.population,
      source: day.source, asOf: day.asOf.toISOString(), aggregated: day.reportingUnits !== null, reportingUnits: day.reportingUnits,
      confirmedCommunity: value('confirmedCommunity'), confirmedQuarantine: value('confirmedQuarantine'), confirmed,
      suspected: value('suspected'), recovered: value('recovered'), deaths: value('deaths'),
      cumulativeConfirmed: totals.confirmed, cumulativeRecovered: totals.recovered, cumulativeDeaths: totals.deaths,
      confirmed7d, confirmed7dPer100k: rate, rateNote,
      vaccinatedFirstDose: value('vaccinatedFirstDose'), vaccinatedFull: value('vaccinatedFull'), vaccinatedBooster: value('vaccinatedBooster'),
      adultsCoverage: value('adultsCoverage'),
    };
  });
}

/** unit code → its days, oldest first (units without any figure are left out). */
export function computeStats(units: UnitInfo[], raw: Map<string, Map<string, RawFigure>>): Map<string, DayStats[]> {
  const daily = dailyValues(units, raw);
  const result = new Map<string, DayStats[]>();
  for (const unit of units) {
    const days = daily.get(unit.code);
    if (days && days.size > 0) result.set(unit.code, seriesOf(unit, days));
  }
  return result;
}
