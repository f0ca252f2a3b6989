// SQL of rounds: who must be tested (a query over today's records, never a copied list), what their
// current results in each round's window say, and who was missed.
//
// Every query walks from the required people to their own rows through the per-person indexes
// (person_results (person_id, sampled_at), tube_members (person_id)), so its work grows with people ×
// results and never with the product of two large sets, whatever the planner estimates: PGlite keeps
// no statistics, and with none it nested-loops any join of two common table expressions. A result's
// round comes from arithmetic on its sampling time, with the boundary rule of rounds.windows.ts.
//
// Reads of other modules' tables, like tracing's (docs/ARCHITECTURE.md): organisation_members
// (organisation_id, person_id, team) and people (commune_code, merged_into, birth_date, birth_year,
// full_name, name_folded, phone) define the population.
import type { Queryable } from '../../db/database.js';
import type { ProgrammeRow } from './programmes.repository.js';
import type { RoundWindow } from './rounds.windows.js';

// Parameters of every query: $1 programme, $2–$3 first and last round, $4 the programme's start,
// $5 its interval in seconds, $6–$7 the span [opening of the first round, closing of the last).

/** The instant round `n` opens. */
const opensAt = (n: string) => `($4::timestamptz + (${n} - 1) * make_interval(secs => $5::int))`;
/**
 * The round (1, 2, …) of an instant: [start + (n−1)·interval, start + n·interval). In double
 * precision, exact at a boundary: whole seconds are exact, and a microsecond before one stays below it
 * (relative gap 1e-12, far above the 2e-16 of rounding).
 */
const roundOf = (instant: string) => `(floor(date_part('epoch', ${instant} - $4::timestamptz) / $5::int)::int + 1)`;
/** Age in whole years on the local day of `at`; without a birth date, as if born on 1 January. */
const ageAt = (person: string, at: string) =>
  `extract(year FROM age((${at} AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, coalesce(${person}.birth_date, make_date(${person}.birth_year, 1, 1))))`;
/** The person is in the programme's age range (if any) on the day `at`. */
const eligible = (person: string, at: string) =>
  `(prog.min_age IS NULL OR ${ageAt(person, at)} >= prog.min_age) AND (prog.max_age IS NULL OR ${ageAt(person, at)} <= prog.max_age)`;

const BASE_CTES = `
-- the parameters every query takes are typed here, whether or not that query uses each of them
prog AS (
  SELECT id, kind, organisation_id, commune_code, teams, min_age, max_age, $2::int AS first_round, $3::int AS last_round,
    $4::timestamptz AS start, $5::int AS interval_seconds, $6::timestamptz AS span_from, $7::timestamptz AS span_to
  FROM testing_programmes WHERE id = $1
),
-- who must be tested (IN_POPULATION below states the same rule for one person)
population AS MATERIALIZED (
  SELECT pe.id AS person_id, pe.birth_date, pe.birth_year, m.team
  FROM prog
  JOIN organisation_members m ON m.organisation_id = prog.organisation_id AND (prog.teams IS NULL OR m.team = ANY (prog.teams))
  JOIN people pe ON pe.id = m.person_id AND pe.merged_into IS NULL
  WHERE prog.kind = 'organisation'
  UNION ALL
  SELECT pe.id, pe.birth_date, pe.birth_year, NULL
  FROM prog JOIN people pe ON pe.commune_code = prog.commune_code AND pe.merged_into IS NULL
  WHERE prog.kind = 'area'
),
-- Everyone sampled, or represented by someone sampled, in the span into a tube that has no result yet
-- (whoever they are). It starts from the tubes not resulted (a small set, found through a partial
-- index of migration 0014) as an array of ids, so that members are looked up by tube, and it is
-- materialised so that no plan starts from the population instead (PGlite keeps no statistics). The
-- status only narrows the search: the current result decides.
open_members AS MATERIALIZED (
  SELECT m.person_id, coalesce(m.sampled_at, rep.sampled_at) AS at
  FROM tube_members m
  LEFT JOIN tube_members rep ON m.role = 'represented' AND rep.tube_id = m.tube_id AND rep.person_id = m.represented_by
  WHERE m.tube_id = ANY (ARRAY(
      SELECT t.id FROM tubes t WHERE t.status <> 'resulted' AND NOT EXISTS (SELECT 1 FROM tube_results tr WHERE tr.tube_id = t.id AND tr.current)))
    AND coalesce(m.sampled_at, rep.sampled_at) >= $6 AND coalesce(m.sampled_at, rep.sampled_at) < $7
)`;

/**
 * For a retest_pending result `pr` (its pool or representative sample was positive): 'positive' or
 * 'negative' once the person's current result in a retest tube made from that tube (up to three
 * generations down: hierarchical schemes have at most four stages) is in, whenever that retest was
 * sampled; null while none is.
 */
const RETEST_OUTCOME = `
  SELECT CASE WHEN bool_or(y.outcome = 'positive') THEN 'positive' ELSE 'negative' END
  FROM person_results y
  JOIN tubes yt ON yt.id = y.tube_id
  LEFT JOIN tubes y1 ON y1.id = yt.parent_tube_id
  LEFT JOIN tubes y2 ON y2.id = y1.parent_tube_id
  WHERE y.person_id = pr.person_id AND y.current AND y.outcome IN ('negative', 'positive')
    AND pr.tube_id IN (yt.parent_tube_id, y1.parent_tube_id, y2.parent_tube_id)
  HAVING count(*) > 0`;

/** Person `pe` (a people row) belongs to the programme's population: the rule of `population`, by index lookups. */
const IN_POPULATION = `pe.merged_into IS NULL AND (
    (prog.kind = 'area' AND pe.commune_code = prog.commune_code)
    OR (prog.kind = 'organisation' AND EXISTS (
      SELECT 1 FROM organisation_members om
      WHERE om.organisation_id = prog.organisation_id AND om.person_id = pe.id AND (prog.teams IS NULL OR om.team = ANY (prog.teams)))))`;

/**
 * (n, person, birth) of required people sampled, or represented by someone sampled, in the span into
 * a tube that has no result yet, from `open_members`.
 */
const AWAITING_ROWS = `
  SELECT ${roundOf('om.at')} AS n, om.person_id, pe.birth_date, pe.birth_year
  FROM open_members om
  JOIN people pe ON pe.id = om.person_id
  CROSS JOIN prog
  WHERE ${IN_POPULATION}`;

/** A current result other than invalid sampled in [from, to). */
const testedIn = (person: string, from: string, to: string) => `
  SELECT 1 FROM person_results pr
  WHERE pr.person_id = ${person} AND pr.current AND pr.outcome <> 'invalid' AND pr.sampled_at >= ${from} AND pr.sampled_at < ${to}`;

function roundParams(programme: ProgrammeRow, rounds: readonly RoundWindow[]) {
  const numbers = rounds.map((round) => round.number).sort((a, b) => a - b);
  const [first, last] = [numbers[0]!, numbers[numbers.length - 1]!];
  if (last - first + 1 !== numbers.length) throw new Error('rounds must be consecutive');
  const opens = Math.min(...rounds.map((round) => round.opensAt.getTime()));
  const closes = Math.max(...rounds.map((round) => round.closesAt.getTime()));
  return [programme.id, first, last, programme.starts_at, programme.interval_hours * 3600, new Date(opens), new Date(closes)];
}

export interface RoundCountsRow {
  n: number;
  required: number;
  tested: number;
  by_representation: number;
  awaiting: number;
  retest_pending: number;
  positives: number;
  reminded: number;
}

/** Counts per round for consecutive rounds (empty input: no query). */
export async function roundCounts(db: Queryable, programme: ProgrammeRow, rounds: readonly RoundWindow[]): Promise<Map<number, RoundCountsRow>> {
  if (rounds.length === 0) return new Map();
  // Without an age range everyone in the population is required in every round: count them once.
  const required = programme.min_age !== null || programme.max_age !== null
    ? `SELECT g.n, count(*)::int AS required FROM rounds g CROSS JOIN prog JOIN population q ON ${eligible('q', opensAt('g.n'))} GROUP BY g.n`
    : 'SELECT g.n, (SELECT count(*) FROM population)::int AS required FROM rounds g';
  const rows = await db.query<RoundCountsRow>(
    `WITH ${BASE_CTES},
     rounds AS (SELECT n FROM generate_series($2::int, $3::int) AS n),
     outcomes AS (
       SELECT x.n, x.person_id,
         bool_or(x.outcome <> 'invalid') AS tested,
         coalesce(bool_and(x.outcome = 'negative_by_representation') FILTER (WHERE x.outcome <> 'invalid'), false) AS by_representation,
         bool_or(x.outcome = 'positive' OR coalesce(x.retest = 'positive', false)) AS positive,
         bool_or(x.outcome = 'retest_pending' AND x.retest IS NULL) AS retest_open
       FROM (
         SELECT ${roundOf('pr.sampled_at')} AS n, pr.person_id, pr.outcome, q.birth_date, q.birth_year,
           CASE WHEN pr.outcome = 'retest_pending' THEN (${RETEST_OUTCOME}) END AS retest
         FROM population q
         JOIN person_results pr ON pr.person_id = q.person_id
         WHERE pr.current AND pr.sampled_at >= $6 AND pr.sampled_at < $7
       ) x CROSS JOIN prog
       WHERE ${eligible('x', opensAt('x.n'))}
       GROUP BY x.n, x.person_id
     ),
     tested AS (
       SELECT n, count(*) FILTER (WHERE tested)::int AS tested, count(*) FILTER (WHERE tested AND by_representation)::int AS by_representation,
         count(*) FILTER (WHERE retest_open AND NOT positive)::int AS retest_pending, count(*) FILTER (WHERE positive)::int AS positives
       FROM outcomes GROUP BY n
     ),
     awaiting AS (
       SELECT a.n, count(DISTINCT a.person_id)::int AS awaiting
       FROM (${AWAITING_ROWS}) a CROSS JOIN prog
       WHERE ${eligible('a', opensAt('a.n'))} AND NOT EXISTS (${testedIn('a.person_id', opensAt('a.n'), opensAt('a.n + 1'))})
       GROUP BY a.n
     ),
     sent AS (
       SELECT round_number AS n, count(DISTINCT person_id)::int AS reminded FROM testing_round_reminders
       WHERE programme_id = $1 AND round_number BETWEEN $2 AND $3 GROUP BY round_number
     )
     SELECT g.n, q.required, coalesce(t.tested, 0) AS tested, coalesce(t.by_representation, 0) AS by_representation,
       coalesce(w.awaiting, 0) AS awaiting, coalesce(t.retest_pending, 0) AS retest_pending, coalesce(t.positives, 0) AS positives,
       coalesce(s.reminded, 0) AS reminded
     FROM rounds g JOIN (${required}) q ON q.n = g.n
     LEFT JOIN tested t ON t.n = g.n LEFT JOIN awaiting w ON w.n = g.n LEFT JOIN sent s ON s.n = g.n`,
    roundParams(programme, rounds),
  );
  return new Map(rows.map((row) => [row.n, row]));
}

export interface MissedRow {
  person_id: string;
  full_name: string;
  birth_year: number;
  commune_code: string;
  team: string | null;
  phone: string | null;
  invalid: boolean;
  last_sampled_at: Date | null;
  reminded_at: Date | null;
}

/**
 * The people required in one round who were neither tested nor sampled into a tube still waiting
 * for its result, by name; `page` null returns all of them (reminders).
 */
export async function missedPeople(db: Queryable, programme: ProgrammeRow, round: RoundWindow, page: { limit: number; offset: number } | null) {
  const params = roundParams(programme, [round]);
  const rows = await db.query<Omit<MissedRow, 'last_sampled_at'> & { total: number }>(
    `WITH ${BASE_CTES}
     SELECT missed.person_id, missed.full_name, missed.birth_year, missed.commune_code, missed.team, missed.phone, missed.total,
       EXISTS (SELECT 1 FROM person_results pr WHERE pr.person_id = missed.person_id AND pr.current AND pr.outcome = 'invalid'
         AND pr.sampled_at >= $6 AND pr.sampled_at < $7) AS invalid,
       (SELECT max(sent_at) FROM testing_round_reminders rm WHERE rm.programme_id = $1 AND rm.round_number = $2 AND rm.person_id = missed.person_id) AS reminded_at
     FROM (
       SELECT q.person_id, pe.full_name, pe.name_folded, pe.birth_year, pe.commune_code, q.team, pe.phone, count(*) OVER ()::int AS total
       FROM population q
       CROSS JOIN prog
       JOIN people pe ON pe.id = q.person_id
       WHERE ${eligible('q', '$6::timestamptz')}
         AND NOT EXISTS (${testedIn('q.person_id', '$6', '$7')})
         AND q.person_id NOT IN (SELECT person_id FROM (${AWAITING_ROWS}) a)
       ORDER BY pe.name_folded, pe.id${page ? ' LIMIT $8 OFFSET $9' : ''}
     ) missed
     ORDER BY missed.name_folded, missed.person_id`,
    page ? [...params, page.limit, page.offset] : params,
  );
  let total = rows[0]?.total ?? 0;
  // A page past the end has no row to carry the total.
  if (page && rows.length === 0 && page.offset > 0) total = (await missedPeople(db, programme, round, { limit: 1, offset: 0 })).total;
  // Their latest test before the round closed, looked up for a page only (reminders do not show it).
  const last = page ? await lastSampled(db, rows.map((row) => row.person_id), round.closesAt) : new Map<string, Date>();
  return { rows: rows.map(({ total: _total, ...row }) => ({ ...row, last_sampled_at: last.get(row.person_id) ?? null })), total };
}

async function lastSampled(db: Queryable, personIds: string[], before: Date): Promise<Map<string, Date>> {
  if (personIds.length === 0) return new Map();
  const rows = await db.query<{ person_id: string; at: Date }>(
    `SELECT x.person_id, max(x.sampled_at) AS at FROM person_results x
     WHERE x.person_id = ANY ($1::uuid[]) AND x.current AND x.outcome <> 'invalid' AND x.sampled_at < $2 GROUP BY x.person_id`,
    [personIds, before],
  );
  return new Map(rows.map((row) => [row.person_id, row.at]));
}

export async function recordReminder(tx: Queryable, programmeId: string, round: number, personId: string, messageId: string, sentBy: string): Promise<void> {
  await tx.query(
    'INSERT INTO testing_round_reminders (programme_id, round_number, person_id, outbox_message_id, sent_by) VALUES ($1, $2, $3, $4, $5)',
    [programmeId, round, personId, messageId, sentBy],
  );
}
