// Official daily figures: staff enter or import them per unit and day (scoped, audited); anyone
// reads the computed statistics. The map's endpoints and the open-data CSV use one computation.
import type { Database } from '../../db/database.js';
import { type Actor, requirePermission } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import { type FieldErrors, validationFailed } from '../../platform/errors.js';
import { unitInScope } from '../../platform/scope.js';
import * as units from '../units/service.js';
import { parseCsv } from '../open/csv.js';
import { converted, schemaErrors } from '../open/validate.js';
import { computeStats, type UnitInfo } from './compute.js';
import { STATS_EDIT } from './permissions.js';
import * as repo from './repository.js';
import { type DailyQuery, type DayStats, FigureInput, type ListFiguresQuery, type StatsRangeQuery, type StoredFigure } from './schema.js';
import { rawFigures } from './sources.js';

async function itemProblems(db: Database, actor: Actor, items: FigureInput[], name: (index: number, field: string) => string): Promise<FieldErrors> {
  const fields: FieldErrors = {};
  const known = new Set((await units.listUnits(db, {})).map((unit) => unit.code));
  const seen = new Map<string, number>();
  for (const [index, item] of items.entries()) {
    const key = `${item.unitCode}/${item.date}`;
    if (seen.has(key)) fields[name(index, 'date')] = `repeats ${item.unitCode} on ${item.date} (also ${name(seen.get(key)!, 'date')})`;
    seen.set(key, index);
    if (!known.has(item.unitCode)) fields[name(index, 'unitCode')] = `unknown unit code ${item.unitCode}`;
    else if (!(await unitInScope(db, actor, item.unitCode))) fields[name(index, 'unitCode')] = 'is outside your scope';
  }
  return fields;
}

async function write(db: Database, actor: Actor, items: FigureInput[], reason: string | null) {
  return db.transaction(async (tx) => {
    const before = new Map((await repo.findFigures(tx, items)).map((row) => [`${row.unitCode}/${row.date}`, row]));
    await repo.upsertFigures(tx, items, actor.userId);
    const after = new Map((await repo.findFigures(tx, items)).map((row) => [`${row.unitCode}/${row.date}`, row]));
    for (const item of items) {
      const key = `${item.unitCode}/${item.date}`;
      const strip = (row: StoredFigure | undefined) => (row ? { ...row, updatedAt: undefined } : null);
      await audit(tx, actor, { action: before.has(key) ? 'update' : 'create', entity: 'stat_figure', entityId: key, reason, before: strip(before.get(key)), after: strip(after.get(key)) });
    }
    return { saved: items.length, units: [...new Set(items.map((i) => i.unitCode))].sort(), dates: [...new Set(items.map((i) => i.date))].sort() };
  });
}

/** Enters the figures of many units and days at once: all of them or none. */
export async function saveFigures(db: Database, actor: Actor, items: FigureInput[]) {
  requirePermission(actor, STATS_EDIT);
  const fields = await itemProblems(db, actor, items, (index, field) => `items[${index}].${field}`);
  if (Object.keys(fields).length > 0) throw validationFailed(fields);
  return write(db, actor, items, null);
}

const CSV_FIELDS: Record<string, keyof FigureInput> = {
  unit_code: 'unitCode', date: 'date', confirmed_community: 'confirmedCommunity', confirmed_quarantine: 'confirmedQuarantine',
  suspected: 'suspected', recovered: 'recovered', deaths: 'deaths', vaccinated_first_dose: 'vaccinatedFirstDose',
  vaccinated_full: 'vaccinatedFull', vaccinated_booster: 'vaccinatedBooster', adults_coverage: 'adultsCoverage', source: 'source', as_of: 'asOf',
};

/** Imports figures from CSV (columns as in CSV_FIELDS, one row per unit and day): all rows or none. */
export async function importFiguresCsv(db: Database, actor: Actor, text: string) {
  requirePermission(actor, STATS_EDIT);
  const fields: FieldErrors = {};
  const items: FigureInput[] = [];
  const lines: number[] = [];
  for (const { line, values } of parseCsv(text, 20_000)) {
    const input: Record<string, unknown> = {};
    for (const [column, cell] of Object.entries(values)) {
      const field = CSV_FIELDS[column.toLowerCase()] ?? (Object.values(CSV_FIELDS).includes(column as keyof FigureInput) ? (column as keyof FigureInput) : undefined);
      if (!field) fields[`lines[${line}].${column}`] ??= `is not a known column (known: ${Object.keys(CSV_FIELDS).join(', ')})`;
      else if (cell !== '') input[field] = cell;
    }
    const item = converted(FigureInput, input);
    const problems = schemaErrors(FigureInput, item, `lines[${line}]`);
    Object.assign(fields, problems);
    if (Object.keys(problems).length === 0) {
      items.push(item);
      lines.push(line);
    }
  }
  Object.assign(fields, await itemProblems(db, actor, items, (index, field) => `lines[${lines[index]}].${field}`));
  if (Object.keys(fields).length > 0) throw validationFailed(fields);
  return write(db, actor, items, 'CSV import');
}

export async function listFigures(db: Database, actor: Actor, query: ListFiguresQuery): Promise<{ items: StoredFigure[] }> {
  requirePermission(actor, STATS_EDIT);
  return { items: await repo.listFigures(db, { unitCode: query.unitCode ?? null, scope: actor.unitCode, from: query.from ?? null, to: query.to ?? null }) };
}

// Public statistics.

async function unitInfos(db: Database): Promise<UnitInfo[]> {
  return (await units.listUnits(db, {})).map(({ code, name, level, parentCode, population }) => ({ code, name, level, parentCode, population }));
}

/** Every unit's days up to `to` (cumulative figures count from the first report), within [from, to]. */
export async function statsTable(db: Database, range: StatsRangeQuery = {}): Promise<DayStats[]> {
  const computed = computeStats(await unitInfos(db), await rawFigures(db, range.to ?? null));
  const rows = [...computed.values()].flat().filter((row) => !range.from || row.date >= range.from);
  const LEVEL_ORDER: Record<string, number> = { province: 0, district: 1, commune: 2 };
  return rows.sort((a, b) => a.date.localeCompare(b.date) || (LEVEL_ORDER[a.unitLevel] ?? 3) - (LEVEL_ORDER[b.unitLevel] ?? 3) || a.unitCode.localeCompare(b.unitCode));
}

export async function unitSeries(db: Database, code: string, range: StatsRangeQuery) {
  await units.getUnit(db, code, false); // 404 for an unknown unit
  const computed = computeStats(await unitInfos(db), await rawFigures(db, range.to ?? null));
  const items = (computed.get(code) ?? []).filter((row) => !range.from || row.date >= range.from);
  return { unitCode: code, items };
}

/** Every unit's figures on one date (the latest with figures when left out), optionally of one level. */
export async function dailyStats(db: Database, query: DailyQuery): Promise<{ date: string | null; items: DayStats[] }> {
  const date = query.date ?? (await repo.latestFigureDate(db));
  if (!date) return { date: null, items: [] };
  const rows = await statsTable(db, { from: date, to: date });
  return { date, items: rows.filter((row) => !query.level || row.unitLevel === query.level) };
}

