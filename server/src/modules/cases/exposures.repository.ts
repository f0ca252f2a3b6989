// SQL of place-and-time tracing (the rule is in docs/API-TRACING.md).
//
// This reads the check-in module's table directly: the tracing join has to run in the database on
// the btree (venue_id, checked_in_at), and VISIT_END_SQL is the check-in module's one definition
// of when a visit ends, so both modules agree on it.
//
// Cost: one index range per exposure visit of the case, each bounded by the longest a visit can
// last (check-outs are at most 24 h after check-in, a database CHECK; a visit without check-out
// lasts the venue's dwell time), so the work grows with the case's visits and the busyness of the
// venues at those times, never with the size of the table.
import type { Queryable } from '../../db/database.js';
import { VISIT_END_SQL } from '../checkins/checkins.js';

/** The longest a visit at venue v can last: a day (check-outs), or the venue's dwell time. */
const LONGEST_VISIT = `greatest(interval '24 hours', make_interval(mins => v.default_dwell_minutes))`;

/** The case's person and every record merged into it ($1): their visits are the case's own. */
const OWN = `SELECT $1::uuid AS id UNION SELECT id FROM people WHERE merged_into = $1`;

/** The case's visits that intersect its infectious window [$2, $3): its exposure visits. */
export const EXPOSURE_VISITS = `
  SELECT c.venue_id, v.default_dwell_minutes, c.checked_in_at AS starts_at, ${VISIT_END_SQL} AS ends_at, ${LONGEST_VISIT} AS longest
  FROM checkins c JOIN venues v ON v.id = c.venue_id
  WHERE c.person_id IN (${OWN}) AND c.checked_in_at < $3 AND c.checked_in_at >= $2::timestamptz - ${LONGEST_VISIT}
    AND ${VISIT_END_SQL} > $2`;

export interface ExposureRow {
  person_id: string;
  venue_id: string;
  first_overlap_start: Date;
  last_overlap_end: Date;
  overlap_minutes: number;
}

export interface TraceInput {
  personId: string;
  from: Date;
  to: Date;
  marginMinutes: number;
}

export async function countExposureVisits(db: Queryable, input: TraceInput): Promise<number> {
  const [row] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM (${EXPOSURE_VISITS}) e`, [input.personId, input.from, input.to]);
  return row!.n;
}

/**
 * One row per exposed person and venue. An overlap is the part of another person's visit that lies
 * within an exposure visit widened by the margin on both sides; a person's overlaps at a venue are
 * merged where they touch or cross (islands), so no minute is counted twice.
 */
export async function exposuresOf(db: Queryable, input: TraceInput): Promise<ExposureRow[]> {
  return db.query<ExposureRow>(
    // MATERIALIZED: the scan bounds reach the lateral scan as plain values, so PostgreSQL puts both
    // in the index condition instead of reading the venue's whole history and filtering it. The
    // exposure visit is named v so that VISIT_END_SQL finds the venue's dwell time on it: joining
    // venues again inside the lateral scan makes the planner drop the time bounds from the index.
    `WITH exposure AS MATERIALIZED (
       SELECT venue_id, default_dwell_minutes, starts_at - make_interval(mins => $4) AS w_start, ends_at + make_interval(mins => $4) AS w_end,
              starts_at - make_interval(mins => $4) - longest AS scan_from
       FROM (${EXPOSURE_VISITS}) e
     ),
     own AS MATERIALIZED (${OWN}),
     shared AS (
       SELECT x.person_id, v.venue_id, greatest(x.checked_in_at, v.w_start) AS o_start, least(x.ends_at, v.w_end) AS o_end
       FROM exposure v
       CROSS JOIN LATERAL (
         -- the btree range: visits at this venue that began before the widened end, and at most the
         -- longest a visit lasts before the widened start
         SELECT c.person_id, c.checked_in_at, ${VISIT_END_SQL} AS ends_at
         FROM checkins c WHERE c.venue_id = v.venue_id AND c.checked_in_at >= v.scan_from AND c.checked_in_at < v.w_end
       ) x
       WHERE x.ends_at > v.w_start AND x.person_id NOT IN (SELECT id FROM own)
     ),
     reach AS (
       SELECT *, max(o_end) OVER (PARTITION BY person_id, venue_id ORDER BY o_start, o_end ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reached
       FROM shared
     ),
     islands AS (
       SELECT *, sum(CASE WHEN reached IS NULL OR o_start > reached THEN 1 ELSE 0 END)
                   OVER (PARTITION BY person_id, venue_id ORDER BY o_start, o_end ROWS UNBOUNDED PRECEDING) AS island
       FROM reach
     ),
     spans AS (
       SELECT person_id, venue_id, min(o_start) AS s, max(o_end) AS e FROM islands GROUP BY person_id, venue_id, island
     )
     SELECT person_id, venue_id, min(s) AS first_overlap_start, max(e) AS last_overlap_end,
            ceil(sum(extract(epoch FROM e - s)) / 60)::int AS overlap_minutes
     FROM spans GROUP BY person_id, venue_id
     ORDER BY overlap_minutes DESC, first_overlap_start, person_id, venue_id`,
    [input.personId, input.from, input.to, input.marginMinutes],
  );
}
