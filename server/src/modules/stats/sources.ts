// Where daily figures come from. Each provider gives raw figures per unit and day; for each
// unit, day and figure the first provider with a value wins. Today only the official reports
// entered by staff exist. When a module keeps records that yield a figure (testing: confirmed
// cases; vaccination: doses), it adds a provider here, ahead of the official one, reading
// through that module's service functions; nothing else changes.
import type { Queryable } from '../../db/database.js';
import * as repo from './repository.js';

export interface RawFigure {
  unitCode: string;
  date: string;
  values: Partial<Record<repo.Metric, number | null>>;
  source: string;
  asOf: Date;
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

export const PROVIDERS: readonly FigureProvider[] = [officialReports];

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
      if (!earlier.source.includes(figure.source)) earlier.source = `${earlier.source}; ${figure.source}`;
      if (figure.asOf > earlier.asOf) earlier.asOf = figure.asOf;
    }
  }
  return byUnit;
}
