// SQL of coverage: people vaccinated per unit, age group and series product, at the end of given
// days in Vietnam. A person is counted once (doses of a record merged into another count for the
// survivor), in the unit of their commune, with their age on that day.
import type { Queryable } from '../../db/database.js';
import { vietnamDaysRange } from '../open/time.js';

export interface CoverageUnit {
  code: string;
  name: string;
  level: 'province' | 'district' | 'commune';
  parent_code: string | null;
  population: number | null;
  path: string[];
}

/** Counts of one unit, day and series product; the suffix is the age group. */
export interface CountRow {
  day: string;
  unit_code: string;
  series_product: string;
  one_all: number; full_all: number; booster_all: number;
  one_18: number; full_18: number; booster_18: number;
  one_50: number; full_50: number; booster_50: number;
  one_65: number; full_65: number; booster_65: number;
}

// Age on a day: from the birth date where known, else the age reached in that year (birth year only).
const AGE = (day: string) =>
  `CASE WHEN p.birth_date IS NOT NULL THEN extract(year FROM age(${day}::timestamp, p.birth_date::timestamp))::int ELSE extract(year FROM ${day})::int - p.birth_year END`;

const GROUP_COUNTS = [['all', 0], ['18', 18], ['50', 50], ['65', 65]]
  .map(([suffix, min]) => `count(*) FILTER (WHERE x.age >= ${min})::int AS one_${suffix},
    count(*) FILTER (WHERE x.age >= ${min} AND x.full_at < x.until)::int AS full_${suffix},
    count(*) FILTER (WHERE x.age >= ${min} AND x.booster_at < x.until)::int AS booster_${suffix}`)
  .join(',\n    ');

/**
 * Per person: when the first dose, the last dose of the primary series (by the catalogue's
 * primaryDoses of the product that started it) and the first booster were given. Positions in the
 * history count, not recorded dose numbers, since a merge may bring two histories together.
 */
const milestones = (cutoff: string) => `
  ranked AS (
    SELECT COALESCE(p.merged_into, p.id) AS holder, d.administered_at,
      row_number() OVER w AS n, first_value(d.product_code) OVER w AS series_product
    FROM dose_records d JOIN people p ON p.id = d.person_id
    WHERE ${cutoff}::timestamptz IS NULL OR d.administered_at < ${cutoff}::timestamptz
    WINDOW w AS (PARTITION BY COALESCE(p.merged_into, p.id) ORDER BY d.administered_at, d.recorded_at, d.id)
  ),
  milestones AS (
    SELECT r.holder, r.series_product, min(r.administered_at) AS first_at,
      min(r.administered_at) FILTER (WHERE r.n = vp.primary_doses) AS full_at,
      min(r.administered_at) FILTER (WHERE r.n = vp.primary_doses + 1) AS booster_at
    FROM ranked r JOIN vaccine_products vp ON vp.code = r.series_product
    GROUP BY r.holder, r.series_product
  )`;

/** People vaccinated per unit (in `units`; null: every unit), day and series product, at the end of each day. */
export async function countVaccinated(db: Queryable, days: string[], units: string[] | null): Promise<CountRow[]> {
  if (days.length === 0) return [];
  const ends = days.map((day) => vietnamDaysRange(day).end);
  const latest = new Date(Math.max(...ends.map((end) => end.getTime())));
  return db.query<CountRow>(
    `WITH ${milestones('$3')},
     cut AS (SELECT * FROM unnest($1::date[], $2::timestamptz[]) AS c(day, until)),
     x AS (
       SELECT c.day, c.until, anc.code AS unit_code, m.series_product, m.full_at, m.booster_at, ${AGE('c.day')} AS age
       FROM milestones m
       JOIN cut c ON m.first_at < c.until
       JOIN people p ON p.id = m.holder
       JOIN units cu ON cu.code = p.commune_code
       CROSS JOIN LATERAL unnest(cu.path) AS anc(code)
       WHERE $4::text[] IS NULL OR anc.code = ANY ($4::text[])
     )
     SELECT to_char(x.day, 'YYYY-MM-DD') AS day, x.unit_code, x.series_product,
       ${GROUP_COUNTS}
     FROM x GROUP BY x.day, x.unit_code, x.series_product`,
    [days, ends, latest, units],
  );
}

export interface RegisteredRow {
  unit_code: string;
  all: number;
  adults18: number;
  aged50: number;
  aged65: number;
}

export interface IncrementRow {
  unit_code: string;
  day: string;
  kind: 'one' | 'full' | 'booster';
  min_age: 0 | 18 | 50 | 65;
  n: number;
}

/**
 * The same counts as countVaccinated, as increments: how many people of each unit enter each count
 * on each day (Vietnam). A person enters an age group's count on the later of the day of the dose and
 * the day they reach the age, so a running sum gives the count at the end of any day without
 * crossing every person with every day.
 */
export async function vaccinatedIncrements(db: Queryable, to: string | null, units: string[] | null): Promise<IncrementRow[]> {
  return db.query<IncrementRow>(
    `WITH ${milestones('$1')},
     person AS (
       SELECT cu.path, p.birth_date, p.birth_year,
         (m.first_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS one_day,
         (m.full_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS full_day,
         (m.booster_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS booster_day
       FROM milestones m JOIN people p ON p.id = m.holder JOIN units cu ON cu.code = p.commune_code
     ),
     events AS (
       SELECT x.path, k.kind, g.min_age,
         CASE WHEN x.milestone IS NULL THEN NULL
           WHEN g.min_age = 0 THEN x.milestone
           ELSE greatest(x.milestone, CASE WHEN x.birth_date IS NOT NULL THEN (x.birth_date + make_interval(years => g.min_age))::date
             ELSE make_date(x.birth_year + g.min_age, 1, 1) END) END AS day
       FROM (VALUES ('one'), ('full'), ('booster')) AS k(kind)
       CROSS JOIN (VALUES (0), (18), (50), (65)) AS g(min_age)
       CROSS JOIN LATERAL (SELECT pe.path, pe.birth_date, pe.birth_year,
         CASE k.kind WHEN 'one' THEN pe.one_day WHEN 'full' THEN pe.full_day ELSE pe.booster_day END AS milestone FROM person pe) AS x
     )
     SELECT anc.code AS unit_code, to_char(e.day, 'YYYY-MM-DD') AS day, e.kind, e.min_age, count(*)::int AS n
     FROM events e CROSS JOIN LATERAL unnest(e.path) AS anc(code)
     WHERE e.day IS NOT NULL AND ($2::date IS NULL OR e.day <= $2::date) AND ($3::text[] IS NULL OR anc.code = ANY ($3::text[]))
     GROUP BY anc.code, e.day, e.kind, e.min_age
     ORDER BY anc.code, e.day`,
    [to === null ? null : vietnamDaysRange(to).end, to, units],
  );
}

/** People registered in Vigil (not merged away) per unit and age group on a day: the "registered" denominator. */
export async function countRegistered(db: Queryable, day: string, units: string[]): Promise<RegisteredRow[]> {
  return db.query<RegisteredRow>(
    `SELECT anc.code AS unit_code, count(*)::int AS "all", count(*) FILTER (WHERE ${AGE('$1::date')} >= 18)::int AS adults18,
       count(*) FILTER (WHERE ${AGE('$1::date')} >= 50)::int AS aged50, count(*) FILTER (WHERE ${AGE('$1::date')} >= 65)::int AS aged65
     FROM people p JOIN units cu ON cu.code = p.commune_code CROSS JOIN LATERAL unnest(cu.path) AS anc(code)
     WHERE p.merged_into IS NULL AND anc.code = ANY ($2::text[])
     GROUP BY anc.code`,
    [day, units],
  );
}

/** Doses given to the people of each unit up to the end of a day, per product. */
export async function countDoses(db: Queryable, day: string, units: string[]): Promise<{ unit_code: string; product_code: string; doses: number }[]> {
  return db.query(
    `SELECT anc.code AS unit_code, d.product_code, count(*)::int AS doses
     FROM dose_records d JOIN people p ON p.id = d.person_id
     JOIN units cu ON cu.code = p.commune_code CROSS JOIN LATERAL unnest(cu.path) AS anc(code)
     WHERE d.administered_at < $1 AND anc.code = ANY ($2::text[])
     GROUP BY anc.code, d.product_code ORDER BY anc.code, d.product_code`,
    [vietnamDaysRange(day).end, units],
  );
}

export async function findUnits(db: Queryable, codes: string[] | null): Promise<CoverageUnit[]> {
  return db.query<CoverageUnit>(
    `SELECT code, name, level, parent_code, population, path FROM units WHERE $1::text[] IS NULL OR code = ANY ($1::text[])
     ORDER BY CASE level WHEN 'province' THEN 1 WHEN 'district' THEN 2 ELSE 3 END, code`,
    [codes],
  );
}

/** The unit and the units right under it. */
export async function unitWithChildren(db: Queryable, code: string): Promise<CoverageUnit[]> {
  return db.query<CoverageUnit>(
    `SELECT code, name, level, parent_code, population, path FROM units WHERE code = $1 OR parent_code = $1
     ORDER BY (code = $1) DESC, code`,
    [code],
  );
}

/** The Vietnam days on which doses were given up to a day (the days the public figures change). */
export async function doseDays(db: Queryable, to: string | null): Promise<string[]> {
  const rows = await db.query<{ day: string }>(
    `SELECT DISTINCT to_char(d.administered_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS day FROM dose_records d
     WHERE $1::timestamptz IS NULL OR d.administered_at < $1 ORDER BY day`,
    [to === null ? null : vietnamDaysRange(to).end],
  );
  return rows.map((row) => row.day);
}
