// Rule sets are data with versions (format ⚑ in issue 4). The built-in ones ship as JSON files
// in ./rules; health staff add adjusted ones through the API (stored in level_rule_sets).
import fs from 'node:fs';
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import { validationFailed, type FieldErrors } from '../../platform/errors.js';
import { DATE_PATTERN, isDate } from './week.js';

export const RULE_SET_ID_PATTERN = '^[a-z0-9][a-z0-9._-]{1,63}$';

const Share = Type.Number({ minimum: 0, maximum: 1 });
const Indicator = Type.String({ pattern: '^[a-z][A-Za-z0-9]{0,63}$', description: 'the input field that holds this share (0 to 1)' });
const AddedLevels = Type.Integer({ minimum: 0, maximum: 3 });
const Status = Type.Union([Type.Literal('confirmed'), Type.Literal('reported'), Type.Literal('unconfirmed')]);

export const Confirmation = Type.Object(
  { status: Status, note: Type.Optional(Type.String({ maxLength: 2000 })), source: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
);

export const RuleSet = Type.Object(
  {
    id: Type.String({ pattern: RULE_SET_ID_PATTERN, description: 'lower case, e.g. qd-4800-2021 or hau-giang-2021-10' }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    effectiveFrom: Type.String({ pattern: DATE_PATTERN, description: 'YYYY-MM-DD' }),
    caseBands: Type.Array(Type.Number({ minimum: 0, maximum: 100_000 }), {
      minItems: 3, maxItems: 3, description: 'new community cases per 100,000 in 7 days where bands 2, 3 and 4 begin',
    }),
    coverage: Type.Object({ indicator: Indicator, highIfAtLeast: Share, lowAddsLevels: AddedLevels }, { additionalProperties: false }),
    elderly: Type.Optional(Type.Object(
      { indicator: Indicator, minimum: Share, shortfallAddsLevels: AddedLevels, skipWhenNoCases: Type.Boolean() },
      { additionalProperties: false },
    )),
    capacity: Type.Object({ whenUnmet: Type.Union([Type.Literal('noDowngrade'), Type.Literal('ignore')]) }, { additionalProperties: false }),
    maxLevel: Type.Integer({ minimum: 1, maximum: 4 }),
    parentDerivation: Type.Optional(Type.Union(
      [Type.Literal('aggregatedFigures'), Type.Literal('highestChildLevel'), Type.Literal('populationMajorityChildLevel')],
      { description: 'how a district or the province gets its level: from its own aggregated figures (default), or from the levels of the units under it' },
    )),
    basedOn: Type.Optional(Type.String({ pattern: RULE_SET_ID_PATTERN, description: 'the rule set this one adjusts' })),
    source: Type.Optional(Type.String({ maxLength: 2000, description: 'legal basis, e.g. the provincial decision' })),
    confirmation: Type.Optional(Type.Record(Type.String({ pattern: '^[A-Za-z]{1,40}$' }), Confirmation, {
      description: 'per component: confirmed, reported or unconfirmed against the official text',
    })),
  },
  { additionalProperties: false, description: 'An epidemic-level rule set' },
);
export type RuleSet = Static<typeof RuleSet>;

interface SchemaError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message: string;
}

/** "/caseBands/1" → "caseBands[1]", with a prefix such as "rules". */
function fieldName(prefix: string, instancePath: string, extra?: string): string {
  const parts = [...(prefix ? [prefix] : []), ...instancePath.split('/').filter(Boolean), ...(extra ? [extra] : [])];
  return parts.reduce((name, part) => (/^\d+$/.test(part) ? `${name}[${part}]` : name ? `${name}.${part}` : part), '');
}

function schemaFields(errors: SchemaError[], prefix: string): FieldErrors {
  const fields: FieldErrors = {};
  for (const error of errors) {
    if (error.keyword === 'boolean') continue; // repeated by the additionalProperties error
    if (error.keyword === 'required') {
      for (const name of (error.params.requiredProperties as string[] | undefined) ?? []) fields[fieldName(prefix, error.instancePath, name)] ??= 'is required';
    } else if (error.keyword === 'additionalProperties') {
      for (const name of (error.params.additionalProperties as string[] | undefined) ?? []) fields[fieldName(prefix, error.instancePath, name)] ??= 'is not a known field';
    } else {
      fields[fieldName(prefix, error.instancePath) || prefix || 'rules'] ??= error.message;
    }
  }
  return fields;
}

/** What the schema cannot say: ascending bands, a real date. */
export function ruleSetProblems(rules: RuleSet, prefix = ''): FieldErrors {
  const fields: FieldErrors = {};
  const name = (field: string) => (prefix ? `${prefix}.${field}` : field);
  const [a, b, c] = rules.caseBands as [number, number, number];
  if (!(a < b && b < c)) fields[name('caseBands')] = 'must be three ascending numbers';
  if (!isDate(rules.effectiveFrom)) fields[name('effectiveFrom')] = 'is not a calendar date';
  return fields;
}

/** Validates an untrusted rule-set document; throws validation_failed naming each bad field. */
export function parseRuleSet(doc: unknown, prefix = ''): RuleSet {
  if (!Value.Check(RuleSet, doc)) {
    throw validationFailed(schemaFields(Value.Errors(RuleSet, doc), prefix), 'the rule set is not valid');
  }
  const problems = ruleSetProblems(doc, prefix);
  if (Object.keys(problems).length > 0) throw validationFailed(problems);
  return doc;
}

/** Components of a rule set not confirmed against the official text, e.g. "caseBands (unconfirmed)". */
export function unconfirmedComponents(rules: RuleSet): string[] {
  return Object.entries(rules.confirmation ?? {})
    .filter(([, item]) => item.status !== 'confirmed')
    .map(([component, item]) => `${component} (${item.status})`);
}

const BUILT_IN_FILES = ['qd-4800-2021.json', 'qd-218-2022.json'];
export const DEFAULT_RULE_SET_ID = 'qd-4800-2021';

let builtIns: RuleSet[] | undefined;

/** The rule sets shipped with Vigil, oldest first. Immutable: a change is a new id. */
export function builtInRuleSets(): RuleSet[] {
  builtIns ??= BUILT_IN_FILES.map((file) => {
    const doc: unknown = JSON.parse(fs.readFileSync(new URL(`./rules/${file}`, import.meta.url), 'utf8'));
    return Object.freeze(parseRuleSet(doc, file));
  });
  return builtIns;
}

export function builtInRuleSet(id: string): RuleSet | undefined {
  return builtInRuleSets().find((rules) => rules.id === id);
}

/** The rule set in force on a date: the latest effectiveFrom on or before it; before all of them, the earliest. */
export function ruleSetInForce(candidates: RuleSet[], date: string): RuleSet {
  const sorted = [...candidates].sort((x, y) => x.effectiveFrom.localeCompare(y.effectiveFrom) || x.id.localeCompare(y.id));
  return sorted.filter((rules) => rules.effectiveFrom <= date).at(-1) ?? sorted[0]!;
}
