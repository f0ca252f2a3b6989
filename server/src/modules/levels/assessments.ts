// The weekly workflow: compute a draft → review → adjust a unit with a written reason →
// publish with an effective date. Every change is audited in its own transaction.
import type { Database, Queryable } from '../../db/database.js';
import { type Actor, requirePermission } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import { conflict, forbidden, notFound, unprocessable, validationFailed } from '../../platform/errors.js';
import type { EventPublisher } from '../../platform/events.js';
import type { Page } from '../../platform/pagination.js';
import * as units from '../units/service.js';
import * as repo from './assessments.repository.js';
import { assessUnits, colourOf, LevelInputError, type Reason } from './engine.js';
import { describeReason, type ReasonCode } from './reasons.js';
import { inputsOfWeek } from './repository.js';
import { type RuleSet, unconfirmedComponents } from './rules.js';
import type { AdjustBody, Assessment, AssessmentSummary, CreateDraftBody, ListAssessmentsQuery, PublishBody, Result } from './schema.js';
import { findRuleSet, ruleSetForWeek } from './service.js';
import { computedShares } from './coverage-feed.js';
import { UnitTree } from './tree.js';
import { isDate, parseWeek } from './week.js';

const summary = (row: repo.AssessmentRow): AssessmentSummary => ({
  id: row.id, week: row.week, unitCode: row.root_code, ruleSetId: row.rule_set_id, status: row.status, warnings: row.warnings,
  createdAt: row.created_at.toISOString(), computedAt: row.computed_at.toISOString(), effectiveFrom: row.effective_from,
  publishedAt: row.published_at?.toISOString() ?? null, publishedBy: row.published_by,
});

const round6 = (value: number) => Math.round(value * 1e6) / 1e6;

const presentResult = (row: repo.ResultRow): Result => ({
  unitCode: row.unit_code, unitName: row.unit_name, unitLevel: row.unit_level as Result['unitLevel'], parentCode: row.parent_code,
  level: row.level, colour: colourOf(row.level), computedLevel: row.computed_level, band: row.band, casesPer100k: row.cases_per_100k,
  basis: { ...row.basis, indicators: Object.fromEntries(Object.entries(row.basis.indicators).map(([k, v]) => [k, round6(v)])) },
  reasons: row.reasons,
  adjustment: row.adjusted_at ? { reason: row.adjustment_reason!, by: row.adjusted_by, at: row.adjusted_at.toISOString() } : null,
});

async function present(db: Queryable, row: repo.AssessmentRow, scope: string | null): Promise<Assessment> {
  return { ...summary(row), results: (await repo.resultsOf(db, row.id, scope)).map(presentResult) };
}

function warningsFor(rules: RuleSet, week: string): string[] {
  const warnings: string[] = [];
  const unconfirmed = unconfirmedComponents(rules);
  if (unconfirmed.length > 0) warnings.push(`rule set ${rules.id} has components not confirmed against the official text: ${unconfirmed.join(', ')}`);
  if (rules.effectiveFrom > parseWeek(week)!.end) warnings.push(`rule set ${rules.id} is in force only from ${rules.effectiveFrom}, after this week`);
  return warnings;
}

const adjustedReason = (rules: RuleSet, values: { by: string | null; from: number; to: number; reason: string }): Reason =>
  describeReason({ code: 'adjusted' satisfies ReasonCode, values }, rules);

/** The engine's input for every unit of the tree: stored figures, the units table's population, the published previous level; the rule set's vaccination indicators computed from dose records where none was entered. */
async function engineInput(db: Database, tree: UnitTree, rootCode: string, week: string, indicators: string[]) {
  const subtree = tree.subtree(rootCode);
  const codes = subtree.map((unit) => unit.code);
  const stored = new Map((await inputsOfWeek(db, week, null, codes)).map((row) => [row.code, row]));
  const previous = await repo.levelsBefore(db, week, codes);
  const coverage = await computedShares(db, codes, parseWeek(week)!.end);
  const computed: string[] = [];
  const input = subtree.map((unit) => {
    const row = stored.get(unit.code);
    const ownFigures = unit.level === 'commune' || row?.newCommunityCases7d != null;
    // a share entered for the week wins; a unit aggregated from below keeps the weighted shares
    const fromRecords = ownFigures ? Object.fromEntries(Object.entries(coverage.get(unit.code) ?? {}).filter(([indicator]) => indicators.includes(indicator) && row?.indicators[indicator] === undefined)) : {};
    if (Object.keys(fromRecords).length > 0) computed.push(unit.code);
    return {
      code: unit.code, level: unit.level, parent: unit.parentCode,
      ...fromRecords,
      ...row?.indicators,
      newCommunityCases7d: row?.newCommunityCases7d ?? undefined,
      population: ownFigures ? (row?.population ?? unit.population ?? undefined) : undefined,
      capacityMet: row?.capacityMet ?? undefined,
      previousLevel: row?.previousLevel ?? previous.get(unit.code)?.level,
    };
  });
  return { subtree, input, computed };
}

function incomplete(week: string, tree: UnitTree, error: LevelInputError) {
  const fields: Record<string, string> = {};
  for (const p of error.problems) {
    const hint = p.field === 'population' ? '; set the unit\'s population or enter it with the week\'s figures' : '';
    fields[`${p.code}.${p.field}`] ??= `${p.reason}${hint}`;
  }
  const named = error.problems.slice(0, 5).map((p) => `${p.code} ${tree.get(p.code)?.name ?? ''}: ${p.field} ${p.reason}`.replace(/\s+:/, ':'));
  const more = error.problems.length > 5 ? `; and ${error.problems.length - 5} more` : '';
  return unprocessable(`the figures of ${week} are incomplete: ${named.join('; ')}${more}`, fields);
}

export async function createDraft(db: Database, actor: Actor, body: CreateDraftBody): Promise<Assessment> {
  requirePermission(actor, 'levels:edit');
  if (!parseWeek(body.week)) throw validationFailed({ week: 'this year has no such ISO week' });
  const tree = new UnitTree(await units.listUnits(db, {}));
  const provinces = tree.provinces();
  const rootCode = body.unitCode ?? actor.unitCode ?? (provinces.length === 1 ? provinces[0]!.code : null);
  if (!rootCode) throw validationFailed({ unitCode: 'is required: name the province or district to assess' });
  if (!tree.inScope(actor.unitCode, rootCode)) throw notFound('unit');
  const rules = body.ruleSetId ? await findRuleSet(db, body.ruleSetId) : await ruleSetForWeek(db, body.week);
  if (!rules) throw validationFailed({ ruleSetId: 'is not a known rule set' });

  const { subtree, input, computed: fromRecords } = await engineInput(db, tree, rootCode, body.week, [rules.coverage.indicator, ...(rules.elderly ? [rules.elderly.indicator] : [])]);
  let computed;
  try {
    computed = assessUnits(rules, input);
  } catch (error) {
    if (error instanceof LevelInputError) throw incomplete(body.week, tree, error);
    throw error;
  }
  const warnings = warningsFor(rules, body.week);
  if (fromRecords.length > 0) {
    const listed = fromRecords.slice(0, 10).join(', ') + (fromRecords.length > 10 ? ` and ${fromRecords.length - 10} more` : '');
    warnings.push(`vaccination shares not entered for the week were computed from dose records at the end of the week for ${fromRecords.length} unit(s): ${listed}`);
  }

  return db.transaction(async (tx) => {
    const existing = await repo.findDraft(tx, body.week, rootCode);
    const id = existing?.id ?? (await repo.insertDraft(tx, body.week, rootCode, rules, warnings, actor.userId));
    if (!id) throw conflict('another draft for this week and unit was computed at the same moment; open it or compute again');
    // Computing again keeps the adjustments made on the draft: they stay officials' decisions.
    const kept = new Map(existing ? (await repo.resultsOf(tx, id, null)).filter((r) => r.adjusted_at).map((r) => [r.unit_code, r]) : []);
    if (existing) await repo.recomputeDraft(tx, id, rules, warnings);
    await repo.insertResults(tx, id, computed.map((result, index) => {
      const adjustment = kept.get(result.code);
      const reasons = adjustment
        ? [...result.reasons, adjustedReason(rules, { by: adjustment.adjusted_by, from: result.level, to: adjustment.level, reason: adjustment.adjustment_reason! })]
        : result.reasons;
      return {
        code: subtree[index]!.code, computedLevel: result.level, level: adjustment?.level ?? result.level, band: result.band,
        casesPer100k: result.casesPer100k, basis: result.basis, reasons,
        adjustmentReason: adjustment?.adjustment_reason ?? null, adjustedBy: adjustment?.adjusted_by_id ?? null, adjustedAt: adjustment?.adjusted_at ?? null,
      };
    }));
    const levels = computed.reduce<Record<string, number>>((count, r) => ({ ...count, [r.level]: (count[r.level] ?? 0) + 1 }), {});
    await audit(tx, actor, { action: existing ? 'recompute' : 'create', entity: 'level_assessment', entityId: id, detail: { week: body.week, unitCode: rootCode, ruleSetId: rules.id, levels, keptAdjustments: kept.size } });
    return present(tx, (await repo.findAssessment(tx, id, null))!, actor.unitCode);
  });
}

export async function listAssessments(db: Database, actor: Actor, query: ListAssessmentsQuery): Promise<Page<AssessmentSummary>> {
  requirePermission(actor, 'levels:edit');
  const limit = query.limit ?? 50;
  const offset = query.offset ?? 0;
  const { rows, total } = await repo.listAssessments(db, { week: query.week ?? null, status: query.status ?? null }, actor.unitCode, limit, offset);
  return { items: rows.map(summary), total, limit, offset };
}

/** An assessment with the results of the units in the actor's scope (a district officer reviews the province draft for their district). */
export async function getAssessment(db: Database, actor: Actor, id: string): Promise<Assessment> {
  requirePermission(actor, 'levels:edit');
  const row = await repo.findAssessment(db, id, actor.unitCode);
  if (!row) throw notFound('assessment');
  return present(db, row, actor.unitCode);
}

export async function adjustUnit(db: Database, actor: Actor, id: string, code: string, body: AdjustBody): Promise<Result> {
  requirePermission(actor, 'levels:edit');
  const reason = body.reason.trim();
  if (reason.length < 5) throw validationFailed({ reason: 'write why the level is changed (at least 5 characters)' });
  return db.transaction(async (tx) => {
    const assessment = await repo.findAssessment(tx, id, actor.unitCode, true);
    if (!assessment) throw notFound('assessment');
    const [result] = await repo.resultsOf(tx, id, actor.unitCode, [code]);
    if (!result) throw notFound('unit');
    if (assessment.status !== 'draft') throw conflict('a published assessment does not change; compute a new draft for the week and publish that');
    const rules = assessment.rule_set;
    const engineReasons = result.reasons.filter((r) => r.code !== 'adjusted');
    const clears = body.level === result.computed_level;
    const reasons = clears ? engineReasons : [...engineReasons, adjustedReason(rules, { by: actor.username, from: result.computed_level, to: body.level, reason })];
    await repo.adjustResult(tx, id, code, body.level, reasons, clears ? null : reason, clears ? null : actor.userId);
    await audit(tx, actor, { action: 'adjust', entity: 'level_result', entityId: `${id}/${code}`, reason, before: { level: result.level }, after: { level: body.level }, detail: { week: assessment.week, computedLevel: result.computed_level } });
    const [after] = await repo.resultsOf(tx, id, actor.unitCode, [code]);
    return presentResult(after!);
  });
}

export async function publishAssessment(db: Database, actor: Actor, id: string, body: PublishBody, events: EventPublisher): Promise<Assessment> {
  requirePermission(actor, 'levels:publish');
  const tree = new UnitTree(await units.listUnits(db, {}));
  const published = await db.transaction(async (tx) => {
    const assessment = await repo.findAssessment(tx, id, actor.unitCode, true);
    if (!assessment) throw notFound('assessment');
    if (!tree.inScope(actor.unitCode, assessment.root_code)) throw forbidden(`publishing needs a scope over the whole assessment (unit ${assessment.root_code})`);
    if (assessment.status !== 'draft') throw conflict(`this assessment was published on ${assessment.published_at?.toISOString()}`, undefined, { effectiveFrom: assessment.effective_from });
    const weekStart = parseWeek(assessment.week)!.start;
    if (!isDate(body.effectiveFrom)) throw validationFailed({ effectiveFrom: 'is not a calendar date' });
    if (body.effectiveFrom < weekStart) throw validationFailed({ effectiveFrom: `must not be before the assessed week (${assessment.week} starts ${weekStart})` });
    if (!(await repo.publishDraft(tx, id, body.effectiveFrom, actor.userId))) throw conflict('this assessment was published meanwhile');
    const results = await repo.resultsOf(tx, id, null);
    const levels = results.reduce<Record<string, number>>((count, r) => ({ ...count, [r.level]: (count[r.level] ?? 0) + 1 }), {});
    await audit(tx, actor, { action: 'publish', entity: 'level_assessment', entityId: id, detail: { week: assessment.week, unitCode: assessment.root_code, effectiveFrom: body.effectiveFrom, ruleSetId: assessment.rule_set_id, levels, adjusted: results.filter((r) => r.adjusted_at).length } });
    return present(tx, (await repo.findAssessment(tx, id, null))!, actor.unitCode);
  });
  // After the commit: nobody hears of a publication that was rolled back.
  events.publish('levels.published', {
    assessmentId: published.id, week: published.week, unitCode: published.unitCode, effectiveFrom: published.effectiveFrom,
    ruleSetId: published.ruleSetId, publishedAt: published.publishedAt,
    units: published.results.map((r) => ({ code: r.unitCode, level: r.level, colour: r.colour })),
  });
  return published;
}
