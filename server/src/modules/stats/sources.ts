// Where daily figures come from. Each provider gives raw figures per unit and day; for each
// unit, day and figure the first provider with a value wins. The official reports entered by staff
// come first: a reported figure overrides one computed from records. Vaccination computes people
// vaccinated and adult coverage from dose records (modules/vaccination/coverage.ts).
import type { Queryable } from '../../db/database.js';
import { computedCoverage, doseDays } from '../vaccination/coverage.js';
import * as repo from './repository.js';

export interface RawFigure {
  unitCode: string;
  date: string;
  values: Partial<Record<repo.Metric, number | null>>;
  source: string;
  asOf: Date;
  /**
   * The figure holds only some metrics computed from records (no report of its own): on its day the
   * unit's other metrics are still added up from the units below it, as on a day without a figure.
   */
  partial?: boolean;
}

export interface FigureProvider {
  name: string;
  figures(db: Queryable, to: string | null): Promise<RawFigure[]>;
}

export const officialReports: FigureProvider = {
  name: 'official',
  async figures(db, to) {
    const rows = await repo.listFigures(db, { unitCode: null, scope: null, from: null, to });
    return rows.map((row) => ({
      unitCode: row.unitCode, date: row.date, source: row.source, asOf: new Date(row.asOf),
      values: Object.fromEntries(repo.METRICS.map((metric) => [metric, row[metric] ?? null])),
    }));
  },
};

/**
 * People vaccinated (at least one dose, full primary series, booster; all ages) and the share of
 * adults with at least one dose (null where the population is unknown), cumulative at the end of
 * every day with doses and every day with official figures since the first dose.
 */
export const vaccinationRecords: FigureProvider = {
  name: 'vaccination records',
  async figures(db, to) {
    const doses = await doseDays(db, to);
    if (doses.length === 0) return [];
    const reported = (await repo.figureDays(db, to)).filter((day) => day >= doses[0]!);
    const days = [...new Set([...doses, ...reported])].sort();
    const asOf = new Date();
    return (await computedCoverage(db, days, null)).map(({ unitCode, day, groups }) => ({
      unitCode, date: day, source: 'Vigil dose records', asOf, partial: true,
      values: {
        vaccinatedFirstDose: groups.all.atLeastOne.count, vaccinatedFull: groups.all.full.count, vaccinatedBooster: groups.all.booster.count,
        adultsCoverage: groups.adults18.atLeastOne.share,
      },
    }));
  },
};

export const PROVIDERS: readonly FigureProvider[] = [officialReports, vaccinationRecords];

/** Every unit's raw figures of every day up to `to`, merged across providers. */
export async function rawFigures(db: Queryable, to: string | null, providers: readonly FigureProvider[] = PROVIDERS): Promise<Map<string, Map<string, RawFigure>>> {
  const byUnit = new Map<string, Map<string, RawFigure>>();
  for (const provider of providers) {
    for (const figure of await provider.figures(db, to)) {
      let days = byUnit.get(figure.unitCode);
      if (!days) byUnit.set(figure.unitCode, (days = new Map<string, RawFigure>()));
      const earlier = days.get(figure.date);
      if (!earlier) {
        days.set(figure.date, figure);
        continue;
      }
      for (const metric of repo.METRICS) earlier.values[metric] ??= figure.values[metric] ?? null;
      earlier.partial = (earlier.partial ?? false) && (figure.partial ?? false);
      if (!earlier.source.includes(figure.source)) earlier.source = `${earlier.source}; ${figure.source}`;
      if (figure.asOf > earlier.asOf) earlier.asOf = figure.asOf;
    }
  }
  return byUnit;
}
