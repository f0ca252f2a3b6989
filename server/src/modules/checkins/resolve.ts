// The one statement of ingest: looks up every item's venue (and whether it is in the sender's
// scope) and person (by id, forwarding merged records to the survivor, or by national ID), inserts
// the items that passed and were marked for writing, and answers per item what it found.
import type { Queryable } from '../../db/database.js';
import type { Actor } from '../../platform/actor.js';
import { scopeParam, unitInScopeSql } from '../../platform/scope.js';
import type { CheckinRecord } from './ingest.js';
import { type ItemProblems, note } from './problems.js';
import type { CheckinMethod } from './schema.js';

/** An item after the checks that need no database. */
export interface Candidate {
  id: string;
  venueId: string;
  /** given or decoded from a personal code; null when the item names the person by national ID (or the code was bad) */
  personId: string | null;
  nationalId: string | null;
  /** the field that named the person, for the error */
  personField: 'personId' | 'personCode' | 'nationalId';
  checkedInAt: Date;
  checkedOutAt: Date | null;
  method: CheckinMethod;
  /** false: a problem was already found, or an earlier item has the same id */
  write: boolean;
}

interface Resolved {
  venue_found: boolean;
  in_scope: boolean;
  venue_name: string | null;
  dwell_minutes: number | null;
  live_person_id: string | null;
  inserted: boolean;
}

// The person subqueries look each id up by primary key (or the national ID index): a scalar
// subquery, not a join, keeps the planner on those indexes for any number of items.
// Rows come back in the order of `ord`, so the answer lines up with the items.
const RESOLVE_AND_INSERT = `
WITH input AS (
  SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::timestamptz[], $6::timestamptz[], $7::text[], $8::boolean[])
    WITH ORDINALITY AS i(id, venue_id, person_id, national_id, checked_in_at, checked_out_at, method, write, ord)
), resolved AS (
  SELECT i.*, v.id IS NOT NULL AS venue_found, coalesce(${unitInScopeSql('v.commune_code', 9)}, false) AS in_scope,
         v.name AS venue_name, v.default_dwell_minutes AS dwell_minutes,
         CASE WHEN i.national_id IS NOT NULL THEN
                (SELECT n.id FROM people n WHERE n.national_id = i.national_id AND n.merged_into IS NULL ORDER BY n.created_at LIMIT 1)
              ELSE (SELECT CASE WHEN p.merged_into IS NULL THEN p.id
                                ELSE coalesce((SELECT m.id FROM people m WHERE m.id = p.merged_into AND m.merged_into IS NULL), p.id) END
                    FROM people p WHERE p.id = i.person_id)
         END AS live_person_id
  -- LIMIT keeps the lookup a per-item index probe: a join would let the planner scan all venues
  FROM input i LEFT JOIN LATERAL (SELECT * FROM venues WHERE venues.id = i.venue_id LIMIT 1) v ON true
), inserted AS (
  INSERT INTO checkins (id, venue_id, person_id, checked_in_at, checked_out_at, method, recorded_by)
  SELECT r.id, r.venue_id, r.live_person_id, r.checked_in_at, r.checked_out_at, r.method, $10::uuid
  FROM resolved r WHERE r.write AND r.venue_found AND r.in_scope AND r.live_person_id IS NOT NULL
  ON CONFLICT (id) DO NOTHING RETURNING id
)
SELECT r.venue_found, r.in_scope, r.venue_name, r.dwell_minutes, r.live_person_id,
       r.write AND w.id IS NOT NULL AS inserted
FROM resolved r LEFT JOIN inserted w ON w.id = r.id ORDER BY r.ord`;

/** Resolves and writes; notes each item's problems; returns the records and, per item, whether its row was inserted now. */
export async function resolveAndInsert(db: Queryable, actor: Actor, candidates: readonly Candidate[], problems: ItemProblems): Promise<{ records: CheckinRecord[]; inserted: boolean[] }> {
  const rows = await db.query<Resolved>(RESOLVE_AND_INSERT, [
    candidates.map((c) => c.id), candidates.map((c) => c.venueId), candidates.map((c) => c.personId), candidates.map((c) => c.nationalId),
    candidates.map((c) => c.checkedInAt), candidates.map((c) => c.checkedOutAt), candidates.map((c) => c.method), candidates.map((c) => c.write),
    scopeParam(actor), actor.userId,
  ], { prepare: 'checkins_resolve_and_insert' });
  const records = candidates.map((c, i): CheckinRecord => {
    const row = rows[i]!;
    if (!row.venue_found) note(problems, i, 'venueId', 'no such venue');
    else if (!row.in_scope) note(problems, i, 'venueId', 'is outside your scope');
    if (!row.live_person_id && (c.personId !== null || c.nationalId !== null)) {
      note(problems, i, c.personField, c.personField === 'nationalId' ? 'no registered person has this national ID; register the person first' : 'no such person');
    }
    return {
      id: c.id, venueId: c.venueId, personId: row.live_person_id ?? '', checkedInAt: c.checkedInAt, checkedOutAt: c.checkedOutAt, method: c.method,
      ...(row.venue_name !== null ? { venue: { name: row.venue_name, dwellMinutes: row.dwell_minutes! } } : {}),
    };
  });
  return { records, inserted: rows.map((row) => row.inserted) };
}
