// SQL of the levels module: rule sets and weekly inputs (assessments: assessments.repository.ts).
import type { Queryable } from '../../db/database.js';
import { unitInScopeSql } from '../../platform/scope.js';
import type { RuleSet } from './rules.js';

export interface StoredRuleSet {
  definition: RuleSet;
  createdAt: Date;
}

export async function listRuleSets(db: Queryable): Promise<StoredRuleSet[]> {
  const rows = await db.query<{ definition: RuleSet; created_at: Date }>('SELECT definition, created_at FROM level_rule_sets ORDER BY effective_from, id');
  return rows.map((row) => ({ definition: row.definition, createdAt: row.created_at }));
}

export async function findRuleSet(db: Queryable, id: string): Promise<StoredRuleSet | null> {
  const [row] = await db.query<{ definition: RuleSet; created_at: Date }>('SELECT definition, created_at FROM level_rule_sets WHERE id = $1', [id]);
  return row ? { definition: row.definition, createdAt: row.created_at } : null;
}

/** false when the id is taken (a concurrent create). */
export async function insertRuleSet(tx: Queryable, rules: RuleSet, actorId: string): Promise<Date | null> {
  const [row] = await tx.query<{ created_at: Date }>(
    `INSERT INTO level_rule_sets (id, name, effective_from, definition, based_on, created_by)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING RETURNING created_at`,
    [rules.id, rules.name, rules.effectiveFrom, JSON.stringify(rules), rules.basedOn ?? null, actorId],
  );
  return row?.created_at ?? null;
}

export interface InputValues {
  newCommunityCases7d: number | null;
  population: number | null;
  indicators: Record<string, number>;
  capacityMet: boolean | null;
  previousLevel: number | null;
}

export interface InputRow extends InputValues {
  week: string;
  code: string;
  updatedAt: Date;
  updatedBy: string | null;
}

interface RawInputRow {
  week: string;
  unit_code: string;
  new_community_cases_7d: number | null;
  population: number | null;
  indicators: Record<string, number>;
  capacity_met: boolean | null;
  previous_level: number | null;
  updated_at: Date;
  updated_by: string | null;
}

const INPUT_COLUMNS = `i.week, i.unit_code, i.new_community_cases_7d, i.population, i.indicators, i.capacity_met, i.previous_level, i.updated_at,
  (SELECT username FROM users WHERE id = i.updated_by) AS updated_by`;

const presentInput = (row: RawInputRow): InputRow => ({
  week: row.week,
  code: row.unit_code,
  newCommunityCases7d: row.new_community_cases_7d,
  population: row.population,
  indicators: row.indicators,
  capacityMet: row.capacity_met,
  previousLevel: row.previous_level,
  updatedAt: row.updated_at,
  updatedBy: row.updated_by,
});

/** The week's inputs of units inside the scope (null: all), optionally of some units only. */
export async function inputsOfWeek(db: Queryable, week: string, scope: string | null, codes: string[] | null = null, lock = false): Promise<InputRow[]> {
  const rows = await db.query<RawInputRow>(
    `SELECT ${INPUT_COLUMNS} FROM level_inputs i
     WHERE i.week = $1 AND ${unitInScopeSql('i.unit_code', 2)} AND ($3::text[] IS NULL OR i.unit_code = ANY ($3::text[]))
     ORDER BY i.unit_code${lock ? ' FOR UPDATE' : ''}`,
    [week, scope, codes],
  );
  return rows.map(presentInput);
}

export async function upsertInput(tx: Queryable, week: string, code: string, values: InputValues, actorId: string): Promise<InputRow> {
  const [row] = await tx.query<RawInputRow>(
    `WITH saved AS (
       INSERT INTO level_inputs AS i (week, unit_code, new_community_cases_7d, population, indicators, capacity_met, previous_level, updated_by, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())
       ON CONFLICT (week, unit_code) DO UPDATE SET
         new_community_cases_7d = EXCLUDED.new_community_cases_7d, population = EXCLUDED.population, indicators = EXCLUDED.indicators,
         capacity_met = EXCLUDED.capacity_met, previous_level = EXCLUDED.previous_level, updated_by = EXCLUDED.updated_by, updated_at = now()
       RETURNING *)
     SELECT ${INPUT_COLUMNS} FROM saved i`,
    [week, code, values.newCommunityCases7d, values.population, JSON.stringify(values.indicators), values.capacityMet, values.previousLevel, actorId],
  );
  return presentInput(row!);
}
