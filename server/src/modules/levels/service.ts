// Rule sets, weekly inputs and the public published levels. Drafts and publication: assessments.ts.
import type { Database } from '../../db/database.js';
import { type Actor, requirePermission } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import { conflict, type FieldErrors, notFound, validationFailed } from '../../platform/errors.js';
import * as units from '../units/service.js';
import * as assessmentsRepo from './assessments.repository.js';
import { colourOf } from './engine.js';
import * as repo from './repository.js';
import { builtInRuleSet, builtInRuleSets, type RuleSet, ruleSetInForce, ruleSetProblems, unconfirmedComponents } from './rules.js';
import type { InputUnit, PublishedLevel, RuleSetView, SaveInputsBody, StoredInput } from './schema.js';
import { UnitTree } from './tree.js';
import { localDate, parseWeek } from './week.js';

const view = (rules: RuleSet, builtIn: boolean, createdAt: Date | null): RuleSetView =>
  ({ ...rules, builtIn, unconfirmed: unconfirmedComponents(rules), createdAt: createdAt?.toISOString() ?? null });

// Rule sets are public: they are the published law and the province's own decisions.
export async function listRuleSets(db: Database): Promise<RuleSetView[]> {
  const stored = await repo.listRuleSets(db);
  return [...builtInRuleSets().map((rules) => view(rules, true, null)), ...stored.map((s) => view(s.definition, false, s.createdAt))];
}

export async function findRuleSet(db: Database, id: string): Promise<RuleSet | null> {
  return builtInRuleSet(id) ?? (await repo.findRuleSet(db, id))?.definition ?? null;
}

export async function getRuleSet(db: Database, id: string): Promise<RuleSetView> {
  const builtIn = builtInRuleSet(id);
  if (builtIn) return view(builtIn, true, null);
  const stored = await repo.findRuleSet(db, id);
  if (!stored) throw notFound('rule set');
  return view(stored.definition, false, stored.createdAt);
}

/** The rule set in force at the end of an ISO week, among the built-in and the adjusted ones. */
export async function ruleSetForWeek(db: Database, week: string): Promise<RuleSet> {
  const stored = await repo.listRuleSets(db);
  return ruleSetInForce([...builtInRuleSets(), ...stored.map((s) => s.definition)], parseWeek(week)!.end);
}

export async function createRuleSet(db: Database, actor: Actor, rules: RuleSet): Promise<RuleSetView> {
  requirePermission(actor, 'levels:publish');
  const fields = ruleSetProblems(rules);
  if (rules.basedOn && !(await findRuleSet(db, rules.basedOn))) fields.basedOn = 'is not a known rule set';
  if (Object.keys(fields).length > 0) throw validationFailed(fields);
  if (builtInRuleSet(rules.id)) throw conflict(`${rules.id} is a built-in rule set; give the adjusted one a new id`, { id: 'is taken' });
  return db.transaction(async (tx) => {
    const createdAt = await repo.insertRuleSet(tx, rules, actor.userId);
    if (!createdAt) throw conflict(`a rule set ${rules.id} exists already; rule sets never change, so give this one a new id`, { id: 'is taken' });
    await audit(tx, actor, { action: 'create', entity: 'level_rule_set', entityId: rules.id, reason: rules.source ?? null, after: { ...rules } });
    return view(rules, false, createdAt);
  });
}

// Weekly inputs: entered or imported per unit; a field left out keeps its stored value.

const KNOWN_FIELDS = new Set(['code', 'level', 'parent', 'newCommunityCases7d', 'population', 'capacityMet', 'previousLevel']);
const INDICATOR_NAME = /^[a-z][A-Za-z0-9]{0,63}$/;

function presentInput(row: repo.InputRow): StoredInput {
  return {
    code: row.code, newCommunityCases7d: row.newCommunityCases7d, population: row.population, capacityMet: row.capacityMet,
    previousLevel: row.previousLevel, ...row.indicators, updatedAt: row.updatedAt.toISOString(), updatedBy: row.updatedBy,
  };
}

function merged(before: repo.InputValues | undefined, unit: InputUnit): repo.InputValues {
  const pick = <K extends keyof repo.InputValues>(key: K) => (key in unit ? ((unit as Record<string, unknown>)[key] ?? null) : (before?.[key] ?? null)) as repo.InputValues[K];
  const given = Object.entries(unit).filter(([key]) => !KNOWN_FIELDS.has(key));
  const cleared = new Set(given.filter(([, value]) => value === null).map(([key]) => key));
  const indicators = Object.fromEntries([
    ...Object.entries(before?.indicators ?? {}).filter(([key]) => !cleared.has(key)),
    ...given.filter(([, value]) => value !== null).map(([key, value]) => [key, value as number] as const),
  ]);
  return { newCommunityCases7d: pick('newCommunityCases7d'), population: pick('population'), indicators, capacityMet: pick('capacityMet'), previousLevel: pick('previousLevel') };
}

function inputProblems(tree: UnitTree, actor: Actor, list: InputUnit[], name: (index: number, field: string) => string): FieldErrors {
  const fields: FieldErrors = {};
  const seen = new Map<string, number>();
  list.forEach((unit, index) => {
    const known = tree.get(unit.code);
    if (seen.has(unit.code)) fields[name(index, 'code')] = `appears twice (also ${name(seen.get(unit.code)!, 'code')})`;
    seen.set(unit.code, index);
    if (!known) fields[name(index, 'code')] = `unknown unit code ${unit.code}`;
    else if (!tree.inScope(actor.unitCode, unit.code)) fields[name(index, 'code')] = 'is outside your scope';
    else {
      if (unit.level !== undefined && unit.level !== known.level) fields[name(index, 'level')] = `${unit.code} is a ${known.level}`;
      if (unit.parent !== undefined && unit.parent !== known.parentCode) fields[name(index, 'parent')] = `the parent of ${unit.code} is ${known.parentCode ?? 'none'}`;
    }
    for (const key of Object.keys(unit)) {
      if (!KNOWN_FIELDS.has(key) && !INDICATOR_NAME.test(key)) fields[name(index, key)] = 'is not a known field (indicator names look like adultsFirstDoseShare)';
    }
  });
  return fields;
}

async function writeInputs(db: Database, actor: Actor, week: string, list: InputUnit[]): Promise<StoredInput[]> {
  return db.transaction(async (tx) => {
    const stored = new Map((await repo.inputsOfWeek(tx, week, null, list.map((u) => u.code), true)).map((row) => [row.code, row]));
    const saved: StoredInput[] = [];
    for (const unit of list) {
      const before = stored.get(unit.code);
      const row = await repo.upsertInput(tx, week, unit.code, merged(before, unit), actor.userId);
      const values = ({ newCommunityCases7d, population, indicators, capacityMet, previousLevel }: repo.InputValues) =>
        ({ newCommunityCases7d, population, capacityMet, previousLevel, ...indicators });
      await audit(tx, actor, { action: before ? 'update' : 'create', entity: 'level_input', entityId: `${week}/${unit.code}`, before: before ? values(before) : null, after: values(row) });
      saved.push(presentInput(row));
    }
    return saved;
  });
}

/** Enters or imports a week's figures for many units at once (the CLI's input file fits). */
export async function saveInputs(db: Database, actor: Actor, week: string, body: SaveInputsBody) {
  requirePermission(actor, 'levels:edit');
  if (!parseWeek(week)) throw validationFailed({ week: 'this year has no such ISO week' });
  const fields: FieldErrors = body.week !== undefined && body.week !== week ? { week: `is ${body.week} in the body but ${week} in the path` } : {};
  const tree = new UnitTree(await units.listUnits(db, {}));
  Object.assign(fields, inputProblems(tree, actor, body.units, (index, field) => `units[${index}].${field}`));
  if (Object.keys(fields).length > 0) throw validationFailed(fields);
  return { week, items: await writeInputs(db, actor, week, body.units) };
}

/** Enters one unit's figures; a unit outside the actor's scope answers 404. */
export async function saveInput(db: Database, actor: Actor, week: string, code: string, unit: Omit<InputUnit, 'code'>): Promise<StoredInput> {
  requirePermission(actor, 'levels:edit');
  if (!parseWeek(week)) throw validationFailed({ week: 'this year has no such ISO week' });
  const tree = new UnitTree(await units.listUnits(db, {}));
  if (!tree.inScope(actor.unitCode, code)) throw notFound('unit');
  const fields = inputProblems(tree, actor, [{ ...unit, code }], (_index, field) => field);
  if (Object.keys(fields).length > 0) throw validationFailed(fields);
  const [saved] = await writeInputs(db, actor, week, [{ ...unit, code }]);
  return saved!;
}

export async function listInputs(db: Database, actor: Actor, week: string) {
  requirePermission(actor, 'levels:edit');
  if (!parseWeek(week)) throw validationFailed({ week: 'this year has no such ISO week' });
  return { week, items: (await repo.inputsOfWeek(db, week, actor.unitCode)).map(presentInput) };
}

// Published levels are public: the map and each unit's history need no sign-in.

export function presentPublished(row: assessmentsRepo.PublishedRow): PublishedLevel {
  return {
    unitCode: row.unit_code, unitName: row.unit_name, unitLevel: row.unit_level as PublishedLevel['unitLevel'], parentCode: row.parent_code,
    level: row.level, colour: colourOf(row.level), computedLevel: row.computed_level, band: row.band, casesPer100k: row.cases_per_100k,
    week: row.week, effectiveFrom: row.effective_from, publishedAt: row.published_at.toISOString(), assessmentId: row.assessment_id, ruleSetId: row.rule_set_id,
  };
}

export async function currentLevels(db: Database, date?: string) {
  const day = date ?? localDate();
  return { date: day, items: (await assessmentsRepo.levelsInForce(db, day)).map(presentPublished) };
}

export async function unitHistory(db: Database, code: string, page: { limit?: number | undefined; offset?: number | undefined }) {
  await units.getUnit(db, code, false); // 404 for an unknown unit
  const rows = await assessmentsRepo.historyOf(db, code, page.limit ?? 50, page.offset ?? 0);
  return { unitCode: code, items: rows.map(presentPublished) };
}
