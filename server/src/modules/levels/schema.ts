import { Type, type Static } from 'typebox';
import { PageQuery } from '../../platform/pagination.js';
import { RuleSet } from './rules.js';
import { DATE_PATTERN, WEEK_PATTERN } from './week.js';
import { Nullable } from '../../platform/schemas.js';

export { RuleSet } from './rules.js';

const UnitCode = Type.String({ pattern: '^[0-9]{2,5}$', description: 'GSO code' });
const Level = Type.Integer({ minimum: 1, maximum: 4, description: '1 green, 2 yellow, 3 orange, 4 red' });
const Colour = Type.Union([Type.Literal('green'), Type.Literal('yellow'), Type.Literal('orange'), Type.Literal('red')]);
const UnitLevel = Type.Union([Type.Literal('province'), Type.Literal('district'), Type.Literal('commune')]);
export const Week = Type.String({ pattern: WEEK_PATTERN, description: 'ISO week in Asia/Ho_Chi_Minh, e.g. 2021-W45' });
const DateText = Type.String({ pattern: DATE_PATTERN, description: 'YYYY-MM-DD' });
const Share = Type.Number({ minimum: 0, maximum: 1 });

export const RuleSetView = Type.Object({
  ...RuleSet.properties,
  builtIn: Type.Boolean(),
  unconfirmed: Type.Array(Type.String(), { description: 'components not confirmed against the official text' }),
  createdAt: Nullable(Type.String({ format: 'date-time' })),
});
export type RuleSetView = Static<typeof RuleSetView>;
export const RuleSetParams = Type.Object({ id: Type.String({ maxLength: 64 }) });

/** One unit's weekly figures (the CLI's input format ⚑): other numeric fields are vaccination shares by indicator name. */
const inputFields = {
  level: Type.Optional(UnitLevel),
  parent: Type.Optional(Nullable(Type.String())),
  newCommunityCases7d: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 100_000_000 }))),
  population: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 2_000_000_000, description: 'left out: the unit\'s population' }))),
  capacityMet: Type.Optional(Nullable(Type.Boolean())),
  previousLevel: Type.Optional(Nullable(Level)),
};
const inputOptions = { additionalProperties: Nullable(Share), description: 'fields left out keep their stored value; null clears one' };
export const InputUnit = Type.Object({ code: UnitCode, ...inputFields }, inputOptions);
export type InputUnit = Static<typeof InputUnit>;

export const SaveInputsBody = Type.Object(
  { week: Type.Optional(Week), units: Type.Array(InputUnit, { minItems: 1, maxItems: 20_000 }) },
  { additionalProperties: false },
);
export type SaveInputsBody = Static<typeof SaveInputsBody>;
export const SaveInputBody = Type.Object(inputFields, inputOptions);
export const WeekParams = Type.Object({ week: Week });
export const WeekUnitParams = Type.Object({ week: Week, code: UnitCode });

export const StoredInput = Type.Object(
  {
    code: Type.String(),
    newCommunityCases7d: Nullable(Type.Integer()),
    population: Nullable(Type.Integer()),
    capacityMet: Nullable(Type.Boolean()),
    previousLevel: Nullable(Type.Integer()),
    updatedAt: Type.String({ format: 'date-time' }),
    updatedBy: Nullable(Type.String()),
  },
  { additionalProperties: Type.Number() },
);
export type StoredInput = Static<typeof StoredInput>;
export const InputsOfWeek = Type.Object({ week: Type.String(), items: Type.Array(StoredInput) });

export const CreateDraftBody = Type.Object(
  {
    week: Week,
    unitCode: Type.Optional(UnitCode),
    ruleSetId: Type.Optional(Type.String({ maxLength: 64, description: 'left out: the rule set in force at the end of the week' })),
  },
  { additionalProperties: false },
);
export type CreateDraftBody = Static<typeof CreateDraftBody>;

export const Reason = Type.Object({
  code: Type.String({ description: 'stable id to translate: case_rate, aggregated, coverage_low, …' }),
  text: Type.String(),
  values: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()])),
});

export const Result = Type.Object({
  unitCode: Type.String(),
  unitName: Type.String(),
  unitLevel: UnitLevel,
  parentCode: Nullable(Type.String()),
  level: Level,
  colour: Colour,
  computedLevel: Level,
  band: Type.Integer(),
  casesPer100k: Type.Number(),
  basis: Type.Object({
    newCommunityCases7d: Type.Integer(),
    population: Type.Integer(),
    indicators: Type.Record(Type.String(), Type.Number()),
    aggregatedFrom: Nullable(Type.Integer()),
    capacityMet: Nullable(Type.Boolean()),
    previousLevel: Nullable(Type.Integer()),
  }),
  reasons: Type.Array(Reason),
  adjustment: Nullable(Type.Object({ reason: Type.String(), by: Nullable(Type.String()), at: Type.String({ format: 'date-time' }) })),
});
export type Result = Static<typeof Result>;

const assessmentFields = {
  id: Type.String({ format: 'uuid' }),
  week: Type.String(),
  unitCode: Type.String({ description: 'the unit whose tree was assessed' }),
  ruleSetId: Type.String(),
  status: Type.Union([Type.Literal('draft'), Type.Literal('published')]),
  warnings: Type.Array(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  computedAt: Type.String({ format: 'date-time' }),
  effectiveFrom: Nullable(Type.String()),
  publishedAt: Nullable(Type.String({ format: 'date-time' })),
  publishedBy: Nullable(Type.String()),
};
export const AssessmentSummary = Type.Object(assessmentFields);
export type AssessmentSummary = Static<typeof AssessmentSummary>;
export const Assessment = Type.Object({ ...assessmentFields, results: Type.Array(Result) });
export type Assessment = Static<typeof Assessment>;

export const AssessmentParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
export const AssessmentUnitParams = Type.Object({ id: Type.String({ format: 'uuid' }), code: UnitCode });
export const ListAssessmentsQuery = Type.Object({
  ...PageQuery,
  week: Type.Optional(Week),
  status: Type.Optional(Type.Union([Type.Literal('draft'), Type.Literal('published')])),
});
export type ListAssessmentsQuery = Static<typeof ListAssessmentsQuery>;

export const AdjustBody = Type.Object(
  { level: Level, reason: Type.String({ minLength: 5, maxLength: 2000, description: 'why the computed level is changed; kept with the result and in the audit log' }) },
  { additionalProperties: false },
);
export type AdjustBody = Static<typeof AdjustBody>;

export const PublishBody = Type.Object({ effectiveFrom: DateText }, { additionalProperties: false });
export type PublishBody = Static<typeof PublishBody>;

export const PublishedLevel = Type.Object({
  unitCode: Type.String(),
  unitName: Type.String(),
  unitLevel: UnitLevel,
  parentCode: Nullable(Type.String()),
  level: Level,
  colour: Colour,
  computedLevel: Level,
  band: Type.Integer(),
  casesPer100k: Type.Number(),
  week: Type.String(),
  effectiveFrom: Type.String(),
  publishedAt: Type.String({ format: 'date-time' }),
  assessmentId: Type.String(),
  ruleSetId: Type.String(),
});
export type PublishedLevel = Static<typeof PublishedLevel>;
export const CurrentQuery = Type.Object({ date: Type.Optional(DateText) });
export const CurrentLevels = Type.Object({ date: Type.String(), items: Type.Array(PublishedLevel) });
export const HistoryParams = Type.Object({ code: UnitCode });
export const HistoryQuery = Type.Object(PageQuery);
export const History = Type.Object({ unitCode: Type.String(), items: Type.Array(PublishedLevel) });
