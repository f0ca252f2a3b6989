// Request and response shapes of coverage.
import { type Static, Type } from 'typebox';
import { Nullable } from '../../platform/schemas.js';

const DateText = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', format: 'date' });
const Method = Type.Union([Type.Literal('population'), Type.Literal('registered')], { description: 'population: census-based (default); registered: people registered in Vigil' });

export const CoverageQuery = Type.Object({
  unitCode: Type.Optional(Type.String({ pattern: '^[0-9]{2,5}$' })),
  asOf: Type.Optional(DateText),
  denominator: Type.Optional(Method),
}, { additionalProperties: false });
export type CoverageQuery = Static<typeof CoverageQuery>;

export const SeriesQuery = Type.Object({
  unitCode: Type.Optional(Type.String({ pattern: '^[0-9]{2,5}$' })),
  to: Type.Optional(DateText),
  weeks: Type.Optional(Type.Integer({ minimum: 1, maximum: 104, default: 12 })),
  denominator: Type.Optional(Method),
}, { additionalProperties: false });
export type SeriesQuery = Static<typeof SeriesQuery>;

const Measure = Type.Object({ count: Type.Integer(), share: Nullable(Type.Number({ description: 'count ÷ denominator (may pass 1 when people moved in); null without a denominator' })) });
export const Denominator = Type.Object({
  value: Nullable(Type.Integer()),
  method: Method,
  note: Type.String({ description: 'how the denominator was found, or why there is none' }),
});
export const GroupCoverage = Type.Object({ denominator: Denominator, atLeastOne: Measure, full: Measure, booster: Measure });
export type GroupCoverage = Static<typeof GroupCoverage>;
export const Groups = Type.Object({ all: GroupCoverage, adults18: GroupCoverage, aged50: GroupCoverage, aged65: GroupCoverage });
export type Groups = Static<typeof Groups>;

export const UnitCoverage = Type.Object({
  unitCode: Type.String(),
  unitName: Type.String(),
  level: Type.String(),
  parentCode: Type.Union([Type.String(), Type.Null()]),
  population: Nullable(Type.Integer()),
  groups: Groups,
  byProduct: Type.Array(Type.Object({ productCode: Type.String({ description: 'the product that started the series' }), atLeastOne: Type.Integer(), full: Type.Integer(), booster: Type.Integer() })),
  dosesGiven: Type.Array(Type.Object({ productCode: Type.String(), doses: Type.Integer() })),
});
export type UnitCoverage = Static<typeof UnitCoverage>;

export const CoverageReport = Type.Object({ asOf: Type.String(), method: Method, unit: UnitCoverage, children: Type.Array(UnitCoverage) });
export type CoverageReport = Static<typeof CoverageReport>;

export const CoverageSeries = Type.Object({
  unitCode: Type.String(),
  unitName: Type.String(),
  method: Method,
  items: Type.Array(Type.Object({ date: Type.String(), groups: Groups })),
});
export type CoverageSeries = Static<typeof CoverageSeries>;
