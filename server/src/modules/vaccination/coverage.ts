// Coverage: the share of people with at least one dose, the full primary series and a booster, per
// unit and age group, counted in SQL from dose records (coverage.repository.ts) over denominators
// that are facts or registered people, never estimates (coverage.denominators.ts).
import type { Database, Queryable } from '../../db/database.js';
import { type Actor, requirePermission } from '../../platform/actor.js';
import { invalidField, notFound } from '../../platform/errors.js';
import { unitInScope } from '../../platform/scope.js';
import { addDays, todayInVietnam } from '../open/time.js';
import { AGE_GROUPS, type AgeGroup, type Denominator, populationDenominator } from './coverage.denominators.js';
import * as repo from './coverage.repository.js';
import type { CoverageQuery, CoverageReport, CoverageSeries, GroupCoverage, Groups, SeriesQuery, UnitCoverage } from './coverage.schema.js';
import { VACCINATION_READ } from './permissions.js';

type Method = 'population' | 'registered';
type Counts = Record<AgeGroup, { one: number; full: number; booster: number }>;

const SUFFIX: Record<AgeGroup, 'all' | '18' | '50' | '65'> = { all: 'all', adults18: '18', aged50: '50', aged65: '65' };
const emptyCounts = (): Counts => Object.fromEntries(AGE_GROUPS.map((g) => [g, { one: 0, full: 0, booster: 0 }])) as Counts;

/** Adds a count row (one series product) into a unit's totals. */
function addRow(counts: Counts, row: repo.CountRow): void {
  for (const group of AGE_GROUPS) {
    const s = SUFFIX[group];
    counts[group].one += row[`one_${s}`];
    counts[group].full += row[`full_${s}`];
    counts[group].booster += row[`booster_${s}`];
  }
}

/** unit → day → totals over series products. */
export function totalsOf(rows: repo.CountRow[]): Map<string, Map<string, Counts>> {
  const result = new Map<string, Map<string, Counts>>();
  for (const row of rows) {
    let days = result.get(row.unit_code);
    if (!days) result.set(row.unit_code, (days = new Map<string, Counts>()));
    let counts = days.get(row.day);
    if (!counts) days.set(row.day, (counts = emptyCounts()));
    addRow(counts, row);
  }
  return result;
}

const GROUP_OF_AGE: Record<number, AgeGroup> = { 0: 'all', 18: 'adults18', 50: 'aged50', 65: 'aged65' };

/** unit → day → totals at the end of each of `days`, from running sums of the increments (units with someone vaccinated only). */
async function countsOnDays(db: Queryable, days: string[], units: string[] | null): Promise<Map<string, Map<string, Counts>>> {
  const sorted = [...new Set(days)].sort();
  const result = new Map<string, Map<string, Counts>>();
  if (sorted.length === 0) return result;
  const byUnit = new Map<string, repo.IncrementRow[]>();
  for (const row of await repo.vaccinatedIncrements(db, sorted.at(-1)!, units)) byUnit.set(row.unit_code, [...(byUnit.get(row.unit_code) ?? []), row]);
  for (const [unit, rows] of byUnit) {
    const running = emptyCounts();
    const byDay = new Map<string, Counts>();
    let next = 0;
    for (const day of sorted) {
      for (; next < rows.length && rows[next]!.day <= day; next++) running[GROUP_OF_AGE[rows[next]!.min_age]!][rows[next]!.kind] += rows[next]!.n;
      if (running.all.one > 0) byDay.set(day, structuredClone(running));
    }
    if (byDay.size > 0) result.set(unit, byDay);
  }
  return result;
}

const share = (count: number, denominator: number | null) => (denominator ? Math.round((count / denominator) * 10_000) / 10_000 : null);

function registeredDenominator(unit: repo.CoverageUnit, group: AgeGroup, registered: repo.RegisteredRow | undefined): Denominator {
  const value = registered?.[group] ?? 0;
  return value > 0
    ? { value, method: 'registered', note: `${value} people of ${unit.name} registered in Vigil (${group})` }
    : { value: null, method: 'registered', note: `nobody of ${unit.name} (${group}) is registered in Vigil` };
}

function groupsOf(unit: repo.CoverageUnit, counts: Counts, method: Method, registered?: repo.RegisteredRow): Groups {
  const groups = {} as Record<AgeGroup, GroupCoverage>;
  for (const group of AGE_GROUPS) {
    const denominator = method === 'population' ? populationDenominator(unit, group) : registeredDenominator(unit, group, registered);
    const c = counts[group];
    groups[group] = {
      denominator,
      atLeastOne: { count: c.one, share: share(c.one, denominator.value) },
      full: { count: c.full, share: share(c.full, denominator.value) },
      booster: { count: c.booster, share: share(c.booster, denominator.value) },
    };
  }
  return groups;
}

/** The unit asked (in scope), or the actor's own unit, or the only province. */
async function rootUnit(db: Queryable, actor: Actor, unitCode: string | undefined): Promise<string> {
  if (unitCode) {
    if (!(await unitInScope(db, actor, unitCode))) throw notFound('unit');
    return unitCode;
  }
  if (actor.unitCode) return actor.unitCode;
  const provinces = (await repo.findUnits(db, null)).filter((unit) => unit.level === 'province');
  if (provinces.length !== 1) throw invalidField('unitCode', 'is required: name the province, district or commune');
  return provinces[0]!.code;
}

function checkDay(field: string, day: string | undefined): string {
  const today = todayInVietnam();
  if (!day) return today;
  if (addDays(day, 0) !== day) throw invalidField(field, 'is not a calendar date');
  if (day > today) throw invalidField(field, 'is in the future');
  return day;
}

/** Coverage of a unit and the units right under it at the end of a day. */
export async function coverageReport(db: Database, actor: Actor, query: CoverageQuery): Promise<CoverageReport> {
  requirePermission(actor, VACCINATION_READ);
  const asOf = checkDay('asOf', query.asOf);
  const method = query.denominator ?? 'population';
  const code = await rootUnit(db, actor, query.unitCode);
  const units = await repo.unitWithChildren(db, code);
  if (units.length === 0) throw notFound('unit');
  const codes = units.map((unit) => unit.code);
  const rows = await repo.countVaccinated(db, [asOf], codes);
  const totals = totalsOf(rows);
  const registered = method === 'registered' ? new Map((await repo.countRegistered(db, asOf, codes)).map((row) => [row.unit_code, row])) : new Map<string, repo.RegisteredRow>();
  const doses = await repo.countDoses(db, asOf, codes);
  const present = (unit: repo.CoverageUnit): UnitCoverage => ({
    unitCode: unit.code, unitName: unit.name, level: unit.level, parentCode: unit.parent_code, population: unit.population,
    groups: groupsOf(unit, totals.get(unit.code)?.get(asOf) ?? emptyCounts(), method, registered.get(unit.code)),
    byProduct: rows.filter((row) => row.unit_code === unit.code).sort((a, b) => a.series_product.localeCompare(b.series_product))
      .map((row) => ({ productCode: row.series_product, atLeastOne: row.one_all, full: row.full_all, booster: row.booster_all })),
    dosesGiven: doses.filter((row) => row.unit_code === unit.code).map((row) => ({ productCode: row.product_code, doses: row.doses })),
  });
  const [root, ...children] = units;
  return { asOf, method, unit: present(root!), children: children.map(present) };
}

/** Coverage of a unit at the end of each of `weeks` weeks ending on `to` (oldest first). */
export async function coverageSeries(db: Database, actor: Actor, query: SeriesQuery): Promise<CoverageSeries> {
  requirePermission(actor, VACCINATION_READ);
  const to = checkDay('to', query.to);
  const method = query.denominator ?? 'population';
  const code = await rootUnit(db, actor, query.unitCode);
  const [unit] = await repo.findUnits(db, [code]);
  if (!unit) throw notFound('unit');
  const days = Array.from({ length: query.weeks ?? 12 }, (_v, i) => addDays(to, -7 * i)).reverse();
  const totals = (await countsOnDays(db, days, [code])).get(code);
  const items = [];
  for (const day of days) {
    const registered = method === 'registered' ? (await repo.countRegistered(db, day, [code]))[0] : undefined;
    items.push({ date: day, groups: groupsOf(unit, totals?.get(day) ?? emptyCounts(), method, registered) });
  }
  return { unitCode: unit.code, unitName: unit.name, method, items };
}

/** Computed coverage for the feeds (public figures, epidemic levels): every unit with someone vaccinated, on each day, population method. */
export interface ComputedCoverage {
  unitCode: string;
  day: string;
  groups: Groups;
}

export async function computedCoverage(db: Queryable, days: string[], unitCodes: string[] | null): Promise<ComputedCoverage[]> {
  if (days.length === 0) return [];
  const totals = await countsOnDays(db, days, unitCodes);
  const units = new Map((await repo.findUnits(db, [...totals.keys()])).map((unit) => [unit.code, unit]));
  const result: ComputedCoverage[] = [];
  for (const [code, byDay] of totals) {
    const unit = units.get(code);
    if (!unit) continue;
    for (const [day, counts] of byDay) result.push({ unitCode: code, day, groups: groupsOf(unit, counts, 'population') });
  }
  return result;
}

export { doseDays } from './coverage.repository.js';
