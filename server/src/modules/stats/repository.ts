import type { Queryable } from '../../db/database.js';
import type { FigureInput, StoredFigure } from './schema.js';

export const METRICS = [
  'confirmedCommunity', 'confirmedQuarantine', 'suspected', 'recovered', 'deaths',
  'vaccinatedFirstDose', 'vaccinatedFull', 'vaccinatedBooster', 'adultsCoverage',
] as const;
export type Metric = (typeof METRICS)[number];
const COLUMN: Record<Metric, string> = {
  confirmedCommunity: 'confirmed_community', confirmedQuarantine: 'confirmed_quarantine', suspected: 'suspected', recovered: 'recovered',
  deaths: 'deaths', vaccinatedFirstDose: 'vaccinated_first_dose', vaccinatedFull: 'vaccinated_full', vaccinatedBooster: 'vaccinated_booster',
  adultsCoverage: 'adults_coverage',
};
const SELECT = `unit_code AS "unitCode", day AS "date", ${METRICS.map((m) => `${COLUMN[m]} AS "${m}"`).join(', ')}, source, as_of AS "asOf", updated_at AS "updatedAt"`;

type Row = Omit<StoredFigure, 'asOf' | 'updatedAt'> & { asOf: Date; updatedAt: Date };
const present = (row: Row): StoredFigure => ({ ...row, asOf: row.asOf.toISOString(), updatedAt: row.updatedAt.toISOString() });

/** Inserts or replaces the figures of each unit and day (a day's report is entered whole). */
export async function upsertFigures(tx: Queryable, items: FigureInput[], userId: string): Promise<void> {
  const columns = METRICS.map((m) => COLUMN[m]);
  for (const item of items) {
    await tx.query(
      `INSERT INTO stat_figures (unit_code, day, ${columns.join(', ')}, source, as_of, entered_by)
       VALUES ($1, $2, ${columns.map((_c, i) => `$${i + 3}`).join(', ')}, $12, $13, $14)
       ON CONFLICT (unit_code, day) DO UPDATE SET ${columns.map((c) => `${c} = EXCLUDED.${c}`).join(', ')},
         source = EXCLUDED.source, as_of = EXCLUDED.as_of, entered_by = EXCLUDED.entered_by, updated_at = now()`,
      [item.unitCode, item.date, ...METRICS.map((m) => item[m] ?? null), item.source, item.asOf ?? new Date().toISOString(), userId],
    );
  }
}

export async function findFigures(db: Queryable, keys: { unitCode: string; date: string }[]): Promise<StoredFigure[]> {
  const rows = await db.query<Row>(
    `SELECT ${SELECT} FROM stat_figures WHERE (unit_code, day) IN (SELECT * FROM unnest($1::text[], $2::date[]))`,
    [keys.map((k) => k.unitCode), keys.map((k) => k.date)],
  );
  return rows.map(present);
}

/** Stored figures, optionally of a unit's subtree, within dates, restricted to a scope unit. */
export async function listFigures(db: Queryable, filter: { unitCode: string | null; scope: string | null; from: string | null; to: string | null }): Promise<StoredFigure[]> {
  const rows = await db.query<Row>(
    `SELECT ${SELECT} FROM stat_figures f
     WHERE ($1::text IS NULL OR EXISTS (SELECT 1 FROM units u WHERE u.code = f.unit_code AND $1 = ANY (u.path)))
       AND ($2::text IS NULL OR EXISTS (SELECT 1 FROM units u WHERE u.code = f.unit_code AND $2 = ANY (u.path)))
       AND ($3::date IS NULL OR f.day >= $3) AND ($4::date IS NULL OR f.day <= $4)
     ORDER BY f.day, f.unit_code`,
    [filter.unitCode, filter.scope, filter.from, filter.to],
  );
  return rows.map(present);
}

export async function latestFigureDate(db: Queryable): Promise<string | null> {
  const [row] = await db.query<{ day: string | null }>('SELECT max(day) AS day FROM stat_figures');
  return row?.day ?? null;
}

/** The days with official figures up to `to` (null: all). */
export async function figureDays(db: Queryable, to: string | null): Promise<string[]> {
  const rows = await db.query<{ day: string }>(`SELECT DISTINCT to_char(day, 'YYYY-MM-DD') AS day FROM stat_figures WHERE $1::date IS NULL OR day <= $1 ORDER BY day`, [to]);
  return rows.map((row) => row.day);
}
