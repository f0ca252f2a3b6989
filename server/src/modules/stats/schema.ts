import { Type, type Static } from 'typebox';
import { Nullable } from '../../platform/schemas.js';

const DateText = Type.String({ format: 'date', description: 'YYYY-MM-DD (calendar date in Vietnam)' });
const Count = Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 100_000_000 })));

/** Figures of one unit and day as the official report gives them; null or left out: not reported. */
export const FigureInput = Type.Object(
  {
    unitCode: Type.String({ pattern: '^[0-9]{2,5}$' }),
    date: DateText,
    confirmedCommunity: Count,
    confirmedQuarantine: Count,
    suspected: Count,
    recovered: Count,
    deaths: Count,
    vaccinatedFirstDose: Count,
    vaccinatedFull: Count,
    vaccinatedBooster: Count,
    adultsCoverage: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 1, description: 'share (0–1) of adults with at least one dose' }))),
    source: Type.String({ minLength: 1, maxLength: 300, description: 'e.g. "Báo cáo ngày của Sở Y tế Hậu Giang số 245/BC-SYT"' }),
    asOf: Type.Optional(Type.String({ format: 'date-time', description: 'when the report\'s figures were current; now when left out' })),
  },
  { additionalProperties: false },
);
export type FigureInput = Static<typeof FigureInput>;

export const SaveFiguresBody = Type.Object({ items: Type.Array(FigureInput, { minItems: 1, maxItems: 5000 }) }, { additionalProperties: false });
export type SaveFiguresBody = Static<typeof SaveFiguresBody>;
export const SaveFiguresResult = Type.Object({ saved: Type.Integer(), units: Type.Array(Type.String()), dates: Type.Array(Type.String()) });

export const StoredFigure = Type.Object({
  ...FigureInput.properties,
  asOf: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type StoredFigure = Static<typeof StoredFigure>;

export const ListFiguresQuery = Type.Object({
  unitCode: Type.Optional(Type.String({ pattern: '^[0-9]{2,5}$', description: 'a unit: its figures and those of the units below it' })),
  from: Type.Optional(DateText),
  to: Type.Optional(DateText),
});
export type ListFiguresQuery = Static<typeof ListFiguresQuery>;

const num = Nullable(Type.Number());
/** One unit and day: the figures shown on the map and in the open-data CSV (the same computation). */
export const DayStats = Type.Object({
  date: Type.String(),
  unitCode: Type.String(),
  unitName: Type.String(),
  unitLevel: Type.String(),
  population: Nullable(Type.Integer()),
  source: Type.String({ description: 'the report, or "sum of N reporting units" for a unit without its own report that day' }),
  asOf: Type.String({ format: 'date-time' }),
  aggregated: Type.Boolean(),
  reportingUnits: Nullable(Type.Integer({ description: 'aggregated: how many units below reported that day' })),
  confirmedCommunity: num,
  confirmedQuarantine: num,
  confirmed: num,
  suspected: num,
  recovered: num,
  deaths: num,
  cumulativeConfirmed: Type.Number(),
  cumulativeRecovered: Type.Number(),
  cumulativeDeaths: Type.Number(),
  confirmed7d: num,
  confirmed7dPer100k: num,
  rateNote: Nullable(Type.String({ description: 'why confirmed7dPer100k is null' })),
  vaccinatedFirstDose: num,
  vaccinatedFull: num,
  vaccinatedBooster: num,
  adultsCoverage: num,
});
export type DayStats = Static<typeof DayStats>;

export const StatsRangeQuery = Type.Object({ from: Type.Optional(DateText), to: Type.Optional(DateText) });
export type StatsRangeQuery = Static<typeof StatsRangeQuery>;
export const UnitStatsParams = Type.Object({ code: Type.String({ pattern: '^[0-9]{2,5}$' }) });
export const UnitSeries = Type.Object({ unitCode: Type.String(), items: Type.Array(DayStats) });

export const DailyQuery = Type.Object({
  date: Type.Optional(DateText),
  level: Type.Optional(Type.Enum(['province', 'district', 'commune'] as const)),
});
export type DailyQuery = Static<typeof DailyQuery>;
export const DailyStats = Type.Object({ date: Nullable(Type.String({ description: 'the date asked, or the latest with figures; null when none exist' })), items: Type.Array(DayStats) });
