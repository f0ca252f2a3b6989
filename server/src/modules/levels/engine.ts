// The epidemic-level engine (semantics ⚑ in issue 4). Pure: no database, no clock, no I/O, so
// the CLI, the API and the tests all run exactly this code.
import type { RuleSet } from './rules.js';
import { aggregate } from './aggregate.js';
import { type Basis, type InputProblem, LevelInputError, type UnitNode } from './model.js';
import { describeReason, type Reason } from './reasons.js';
import { parseWeek } from './week.js';

export type { Reason, ReasonCode } from './reasons.js';
export { type Basis, type InputProblem, LevelInputError } from './model.js';
export const COLOURS = ['green', 'yellow', 'orange', 'red'] as const;
export type Colour = (typeof COLOURS)[number];
export const colourOf = (level: number): Colour => COLOURS[Math.min(Math.max(level, 1), 4) - 1]!;

const UNIT_LEVELS = ['province', 'district', 'commune'] as const;
/** Shares compared against a threshold within this tolerance count as equal to it (0.7 from a weighted sum). */
const SHARE_TOLERANCE = 1e-9;

export interface UnitResult {
  code: string;
  level: number;
  colour: Colour;
  casesPer100k: number;
  band: number;
  reasons: Reason[];
  basis: Basis;
}

type Raw = Record<string, unknown>;

function readNode(raw: unknown, index: number, rules: RuleSet, problems: InputProblem[]): UnitNode | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    problems.push({ index, code: '', field: 'unit', reason: 'must be an object' });
    return null;
  }
  const unit = raw as Raw;
  const code = typeof unit.code === 'string' && unit.code.trim() && unit.code.length <= 64 ? unit.code.trim() : '';
  const problem = (field: string, reason: string) => problems.push({ index, code, field, reason });
  if (!code) problem('code', 'is required (a text of 1 to 64 characters)');
  const level = UNIT_LEVELS.find((l) => l === unit.level);
  if (!level) problem('level', 'must be commune, district or province');
  if (unit.parent != null && typeof unit.parent !== 'string') problem('parent', 'must be a unit code or null');

  const integer = (field: string, min: number, max: number): number | undefined => {
    const value = unit[field];
    if (value == null) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      problem(field, `must be a whole number from ${min} to ${max}`);
      return undefined;
    }
    return value;
  };
  const node: UnitNode = {
    index, code, level: level ?? 'commune', parent: typeof unit.parent === 'string' ? unit.parent : null,
    cases: integer('newCommunityCases7d', 0, 100_000_000),
    population: integer('population', 1, 2_000_000_000),
    previousLevel: integer('previousLevel', 1, 4),
    capacityMet: undefined,
    shares: {},
    children: [],
  };
  if (unit.capacityMet != null) {
    if (typeof unit.capacityMet === 'boolean') node.capacityMet = unit.capacityMet;
    else problem('capacityMet', 'must be true or false');
  }
  for (const indicator of [rules.coverage.indicator, rules.elderly?.indicator]) {
    if (!indicator || unit[indicator] == null) continue;
    const value = unit[indicator];
    if (typeof value === 'number' && value >= 0 && value <= 1) node.shares[indicator] = value;
    else problem(indicator, typeof value === 'number' && value > 1 && value <= 100 ? `must be a share from 0 to 1 (${value} % is written ${value / 100})` : 'must be a share from 0 to 1');
  }
  return node;
}

function bandOf(rules: RuleSet, cases: number, population: number): number {
  // cases × 100,000 compared with threshold × population: no division, so exactly 20 per 100,000 is band 2.
  const below = rules.caseBands.findIndex((threshold) => cases * 100_000 < threshold * population);
  return below < 0 ? rules.caseBands.length + 1 : below + 1;
}

const round2 = (value: number) => Math.round(value * 100) / 100;

function levelOf(rules: RuleSet, node: UnitNode, basis: Basis): { level: number; band: number; rate: number; reasons: Reason[] } {
  const reasons: Reason[] = [];
  const push = (reason: Omit<Reason, 'text'>) => reasons.push(describeReason(reason, rules));
  const { newCommunityCases7d: cases, population } = basis;
  const rate = round2((cases * 100_000) / population);
  const band = bandOf(rules, cases, population);
  push({ code: 'case_rate', values: { rate, cases, population, band } });
  if (basis.aggregatedFrom !== null) push({ code: 'aggregated', values: { unit: node.code, units: basis.aggregatedFrom } });
  let level = band;

  const { indicator: coverage, highIfAtLeast, lowAddsLevels } = rules.coverage;
  const coverageValue = basis.indicators[coverage]!;
  if (coverageValue < highIfAtLeast - SHARE_TOLERANCE) {
    level += lowAddsLevels;
    push({ code: 'coverage_low', values: { indicator: coverage, value: coverageValue, threshold: highIfAtLeast, added: lowAddsLevels } });
  } else push({ code: 'coverage_met', values: { indicator: coverage, value: coverageValue, threshold: highIfAtLeast } });

  if (rules.elderly) {
    const { indicator, minimum, shortfallAddsLevels, skipWhenNoCases } = rules.elderly;
    const value = basis.indicators[indicator];
    if (skipWhenNoCases && cases === 0) push({ code: 'elderly_no_cases', values: { indicator } });
    else if (value! < minimum - SHARE_TOLERANCE) {
      level += shortfallAddsLevels;
      push({ code: 'elderly_shortfall', values: { indicator, value: value!, threshold: minimum, added: shortfallAddsLevels } });
    } else push({ code: 'elderly_met', values: { indicator, value: value!, threshold: minimum } });
  }

  if (level > rules.maxLevel) {
    push({ code: 'capped', values: { from: level, to: rules.maxLevel } });
    level = rules.maxLevel;
  }
  return { level: applyCapacity(rules, level, basis, push), band, rate, reasons };
}

/** Step 5: when treatment capacity is not met, the level may not fall below the previous one. */
function applyCapacity(rules: RuleSet, level: number, basis: Basis, push: (reason: Omit<Reason, 'text'>) => void): number {
  const { capacityMet, previousLevel } = basis;
  if (capacityMet !== false || rules.capacity.whenUnmet !== 'noDowngrade') return level;
  if (previousLevel !== null && level < previousLevel) {
    push({ code: 'no_downgrade', values: { computed: level, previous: previousLevel } });
    return previousLevel;
  }
  push({ code: 'capacity_unmet', values: { previous: previousLevel } });
  return level;
}

const UNIT_DEPTH = { commune: 2, district: 1, province: 0 } as const;

/**
 * The configurable alternative for districts and the province: their level comes from the
 * levels of the units under them (their own figures stay in the reasons for information).
 * Children are settled before their parents, so a province can derive from derived districts.
 */
function deriveParentLevels(rules: RuleSet, nodes: UnitNode[], results: UnitResult[]): void {
  const method = rules.parentDerivation;
  if (!method || method === 'aggregatedFigures') return;
  const parents = nodes.filter((node) => node.children.length > 0).sort((a, b) => UNIT_DEPTH[b.level] - UNIT_DEPTH[a.level]);
  for (const node of parents) {
    const result = results[node.index]!;
    const children = node.children.map((child) => results[child.index]!);
    let level: number;
    let share = 1;
    if (method === 'highestChildLevel') {
      level = Math.max(...children.map((child) => child.level));
    } else {
      const byLevel = new Map<number, number>();
      for (const child of children) byLevel.set(child.level, (byLevel.get(child.level) ?? 0) + child.basis.population);
      // The largest population share wins; on a tie the higher level, to err on the side of caution.
      const [best] = [...byLevel.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0]);
      level = best![0];
      share = best![1] / children.reduce((sum, child) => sum + child.basis.population, 0);
    }
    const reasons = result.reasons.filter((reason) => reason.code === 'case_rate' || reason.code === 'aggregated');
    const push = (reason: Omit<Reason, 'text'>) => reasons.push(describeReason(reason, rules));
    push({ code: 'derived_from_children', values: { method, level, units: children.length, share: Math.round(share * 10_000) / 10_000 } });
    const final = applyCapacity(rules, level, result.basis, push);
    results[node.index] = { ...result, level: final, colour: colourOf(final), reasons };
  }
}

/** Assesses every unit of the list and answers in the same order; throws LevelInputError naming each unit and field at fault. */
export function assessUnits(rules: RuleSet, units: unknown): UnitResult[] {
  if (!Array.isArray(units) || units.length === 0) throw new LevelInputError([{ index: -1, code: '', field: 'units', reason: 'must be a non-empty list' }]);
  const problems: InputProblem[] = [];
  const nodes = units.map((raw, index) => readNode(raw, index, rules, problems));
  if (problems.length > 0) throw new LevelInputError(problems);
  const bases = aggregate(rules, nodes as UnitNode[]);
  const results = (nodes as UnitNode[]).map((node, index) => {
    const basis = bases[index]!;
    const { level, band, rate, reasons } = levelOf(rules, node, basis);
    return { code: node.code, level, colour: colourOf(level), casesPer100k: rate, band, reasons, basis };
  });
  deriveParentLevels(rules, nodes as UnitNode[], results);
  return results;
}

export interface AssessmentDocument {
  week: string;
  ruleSet: string;
  results: UnitResult[];
}

/** The command's input document ⚑: {week, units:[…]}. */
export function assessDocument(rules: RuleSet, doc: unknown): AssessmentDocument {
  const input = (typeof doc === 'object' && doc !== null ? doc : {}) as Raw;
  const problems: InputProblem[] = [];
  if (!parseWeek(input.week)) problems.push({ index: -1, code: '', field: 'week', reason: 'must be an ISO week such as 2021-W45' });
  if (!Array.isArray(input.units) || input.units.length === 0) problems.push({ index: -1, code: '', field: 'units', reason: 'must be a non-empty list' });
  if (problems.length > 0) throw new LevelInputError(problems);
  return { week: input.week as string, ruleSet: rules.id, results: assessUnits(rules, input.units) };
}
