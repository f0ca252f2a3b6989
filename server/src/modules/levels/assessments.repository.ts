// SQL of assessments: drafts, their per-unit results, publication, and published history.
import type { Queryable } from '../../db/database.js';
import { unitInScopeSql } from '../../platform/scope.js';
import type { Basis, Reason } from './engine.js';
import type { RuleSet } from './rules.js';

export interface AssessmentRow {
  id: string;
  week: string;
  root_code: string;
  rule_set_id: string;
  rule_set: RuleSet;
  status: 'draft' | 'published';
  warnings: string[];
  created_at: Date;
  computed_at: Date;
  effective_from: string | null;
  published_at: Date | null;
  published_by: string | null;
}

export interface ResultRow {
  unit_code: string;
  unit_name: string;
  unit_level: string;
  parent_code: string | null;
  computed_level: number;
  level: number;
  band: number;
  cases_per_100k: number;
  basis: Basis;
  reasons: Reason[];
  adjustment_reason: string | null;
  adjusted_by: string | null;
  adjusted_by_id: string | null;
  adjusted_at: Date | null;
}

export interface NewResult {
  code: string;
  computedLevel: number;
  level: number;
  band: number;
  casesPer100k: number;
  basis: Basis;
  reasons: Reason[];
  adjustmentReason: string | null;
  adjustedBy: string | null;
  adjustedAt: Date | null;
}

const ASSESSMENT_COLUMNS = `a.id, a.week, a.root_code, a.rule_set_id, a.rule_set, a.status, a.warnings, a.created_at, a.computed_at,
  a.effective_from, a.published_at, (SELECT username FROM users WHERE id = a.published_by) AS published_by`;

/** The assessment's tree and the actor's overlap: its root is in scope, or the actor's unit lies under its root. */
const overlapsScope = (param: number) =>
  `(${unitInScopeSql('a.root_code', param)} OR EXISTS (SELECT 1 FROM units me WHERE me.code = $${param}::text AND a.root_code = ANY (me.path)))`;

export async function findAssessment(db: Queryable, id: string, scope: string | null, lock = false): Promise<AssessmentRow | null> {
  const [row] = await db.query<AssessmentRow>(
    `SELECT ${ASSESSMENT_COLUMNS} FROM level_assessments a WHERE a.id = $1 AND ${overlapsScope(2)}${lock ? ' FOR UPDATE OF a' : ''}`,
    [id, scope],
  );
  return row ?? null;
}

export async function listAssessments(db: Queryable, filter: { week: string | null; status: string | null }, scope: string | null, limit: number, offset: number) {
  const where = `($1::text IS NULL OR a.week = $1) AND ($2::text IS NULL OR a.status = $2) AND ${overlapsScope(3)}`;
  const params = [filter.week, filter.status, scope];
  const rows = await db.query<AssessmentRow>(`SELECT ${ASSESSMENT_COLUMNS} FROM level_assessments a WHERE ${where} ORDER BY a.week DESC, a.created_at DESC LIMIT $4 OFFSET $5`, [...params, limit, offset]);
  const [count] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM level_assessments a WHERE ${where}`, params);
  return { rows, total: count?.n ?? 0 };
}

export async function findDraft(tx: Queryable, week: string, rootCode: string): Promise<AssessmentRow | null> {
  const [row] = await tx.query<AssessmentRow>(
    `SELECT ${ASSESSMENT_COLUMNS} FROM level_assessments a WHERE a.week = $1 AND a.root_code = $2 AND a.status = 'draft' FOR UPDATE OF a`,
    [week, rootCode],
  );
  return row ?? null;
}

/** A new draft, or null when another one for the same week and tree appeared meanwhile. */
export async function insertDraft(tx: Queryable, week: string, rootCode: string, rules: RuleSet, warnings: string[], actorId: string): Promise<string | null> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO level_assessments (week, root_code, rule_set_id, rule_set, warnings, created_by) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (week, root_code) WHERE status = 'draft' DO NOTHING RETURNING id`,
    [week, rootCode, rules.id, JSON.stringify(rules), JSON.stringify(warnings), actorId],
  );
  return row?.id ?? null;
}

export async function recomputeDraft(tx: Queryable, id: string, rules: RuleSet, warnings: string[]): Promise<void> {
  await tx.query(`UPDATE level_assessments SET rule_set_id = $2, rule_set = $3, warnings = $4, computed_at = now() WHERE id = $1`, [id, rules.id, JSON.stringify(rules), JSON.stringify(warnings)]);
  await tx.query('DELETE FROM level_results WHERE assessment_id = $1', [id]);
}

export async function insertResults(tx: Queryable, id: string, results: NewResult[]): Promise<void> {
  await tx.query(
    `INSERT INTO level_results (assessment_id, unit_code, computed_level, level, band, cases_per_100k, basis, reasons, adjustment_reason, adjusted_by, adjusted_at)
     SELECT $1, r.code, r.computed_level, r.level, r.band, r.rate, r.basis::jsonb, r.reasons::jsonb, r.adjustment_reason, r.adjusted_by, r.adjusted_at
     FROM unnest($2::text[], $3::int[], $4::int[], $5::int[], $6::float8[], $7::text[], $8::text[], $9::text[], $10::uuid[], $11::timestamptz[])
       AS r (code, computed_level, level, band, rate, basis, reasons, adjustment_reason, adjusted_by, adjusted_at)`,
    [
      id,
      results.map((r) => r.code), results.map((r) => r.computedLevel), results.map((r) => r.level), results.map((r) => r.band),
      results.map((r) => r.casesPer100k), results.map((r) => JSON.stringify(r.basis)), results.map((r) => JSON.stringify(r.reasons)),
      results.map((r) => r.adjustmentReason), results.map((r) => r.adjustedBy), results.map((r) => r.adjustedAt),
    ],
  );
}

const RESULT_COLUMNS = `r.unit_code, u.name AS unit_name, u.level AS unit_level, u.parent_code, r.computed_level, r.level, r.band, r.cases_per_100k,
  r.basis, r.reasons, r.adjustment_reason, (SELECT username FROM users WHERE id = r.adjusted_by) AS adjusted_by, r.adjusted_by AS adjusted_by_id, r.adjusted_at`;
const TREE_ORDER = `array_to_string(u.path, '/')`;

/** Results of an assessment for units inside the scope, in tree order (province, district, its communes, …). */
export async function resultsOf(db: Queryable, id: string, scope: string | null, codes: string[] | null = null): Promise<ResultRow[]> {
  return db.query<ResultRow>(
    `SELECT ${RESULT_COLUMNS} FROM level_results r JOIN units u ON u.code = r.unit_code
     WHERE r.assessment_id = $1 AND ${unitInScopeSql('r.unit_code', 2)} AND ($3::text[] IS NULL OR r.unit_code = ANY ($3::text[]))
     ORDER BY ${TREE_ORDER}`,
    [id, scope, codes],
  );
}

export async function adjustResult(tx: Queryable, id: string, code: string, level: number, reasons: Reason[], reason: string | null, actorId: string | null): Promise<void> {
  await tx.query(
    `UPDATE level_results SET level = $3, reasons = $4, adjustment_reason = $5, adjusted_by = $6, adjusted_at = now()
     WHERE assessment_id = $1 AND unit_code = $2`,
    [id, code, level, JSON.stringify(reasons), reason, actorId],
  );
}

/** Marks a draft published; null when it was not a draft any more (published meanwhile). */
export async function publishDraft(tx: Queryable, id: string, effectiveFrom: string, actorId: string): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE level_assessments SET status = 'published', effective_from = $2, published_at = now(), published_by = $3
     WHERE id = $1 AND status = 'draft' RETURNING id`,
    [id, effectiveFrom, actorId],
  );
  return rows.length > 0;
}

export interface PublishedRow {
  unit_code: string;
  unit_name: string;
  unit_level: string;
  parent_code: string | null;
  level: number;
  computed_level: number;
  band: number;
  cases_per_100k: number;
  week: string;
  effective_from: string;
  published_at: Date;
  assessment_id: string;
  rule_set_id: string;
}

const PUBLISHED = `SELECT r.unit_code, u.name AS unit_name, u.level AS unit_level, u.parent_code, r.level, r.computed_level, r.band, r.cases_per_100k,
    a.week, a.effective_from, a.published_at, a.id AS assessment_id, a.rule_set_id
  FROM level_results r JOIN level_assessments a ON a.id = r.assessment_id AND a.status = 'published' JOIN units u ON u.code = r.unit_code`;

/** Each unit's level in force on a date: the latest publication effective on or before it. */
export async function levelsInForce(db: Queryable, date: string): Promise<PublishedRow[]> {
  return db.query<PublishedRow>(
    `SELECT DISTINCT ON (r.unit_code) * FROM (${PUBLISHED} WHERE a.effective_from <= $1) r
     ORDER BY r.unit_code, r.effective_from DESC, r.published_at DESC`,
    [date],
  );
}

/** Each unit's latest published level of a week before the given one (the "previous level"). */
export async function levelsBefore(db: Queryable, week: string, codes: string[]): Promise<Map<string, { level: number; week: string }>> {
  const rows = await db.query<PublishedRow>(
    `SELECT DISTINCT ON (r.unit_code) * FROM (${PUBLISHED} WHERE a.week < $1 AND r.unit_code = ANY ($2::text[])) r
     ORDER BY r.unit_code, r.week DESC, r.published_at DESC`,
    [week, codes],
  );
  return new Map(rows.map((row) => [row.unit_code, { level: row.level, week: row.week }]));
}

export async function historyOf(db: Queryable, code: string, limit: number, offset: number): Promise<PublishedRow[]> {
  return db.query<PublishedRow>(`${PUBLISHED} WHERE r.unit_code = $1 ORDER BY a.effective_from DESC, a.published_at DESC LIMIT $2 OFFSET $3`, [code, limit, offset]);
}
