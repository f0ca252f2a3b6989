// Reading and closing check-ins. Presence data is personal: reads need 'checkins:read', stay inside
// the reader's scope (the venue's commune) and are audited with the reader's reason.
import type { Database, Queryable } from '../../db/database.js';
import { type Actor, requirePermission } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import { invalidField, notFound } from '../../platform/errors.js';
import type { Page } from '../../platform/pagination.js';
import { unitInScopeSql } from '../../platform/scope.js';
import { CLOCK_SKEW_MS, type CheckinRecord, MAX_VISIT_MS } from './ingest.js';
import { CHECKINS_READ, CHECKINS_WRITE } from './permissions.js';
import type { Checkin, ListCheckinsQuery } from './schema.js';

interface CheckinRow {
  id: string;
  venue_id: string;
  venue_name: string;
  person_id: string;
  checked_in_at: Date;
  checked_out_at: Date | null;
  ends_at: Date;
  method: Checkin['method'];
}

/** A visit ends at check-out, or at check-in plus the venue's default dwell time. */
export const VISIT_END_SQL = `coalesce(c.checked_out_at, c.checked_in_at + make_interval(mins => v.default_dwell_minutes))`;
const COLUMNS = `c.id, c.venue_id, v.name AS venue_name, c.person_id, c.checked_in_at, c.checked_out_at, ${VISIT_END_SQL} AS ends_at, c.method`;

export const presentCheckin = (row: CheckinRow): Checkin => ({
  id: row.id, venueId: row.venue_id, venueName: row.venue_name, personId: row.person_id, checkedInAt: row.checked_in_at.toISOString(),
  checkedOutAt: row.checked_out_at?.toISOString() ?? null, endsAt: row.ends_at.toISOString(), method: row.method,
});

/** A check-in just written, presented from what was sent and its venue's facts. */
export function presentRecord(record: CheckinRecord, venue: { name: string; dwellMinutes: number }): Checkin {
  const ends = record.checkedOutAt ?? new Date(record.checkedInAt.getTime() + venue.dwellMinutes * 60_000);
  return {
    id: record.id, venueId: record.venueId, venueName: venue.name, personId: record.personId, checkedInAt: record.checkedInAt.toISOString(),
    checkedOutAt: record.checkedOutAt?.toISOString() ?? null, endsAt: ends.toISOString(), method: record.method,
  };
}

export async function findCheckin(db: Queryable, id: string, scope: string | null): Promise<Checkin | null> {
  const [row] = await db.query<CheckinRow>(
    `SELECT ${COLUMNS} FROM checkins c JOIN venues v ON v.id = c.venue_id WHERE c.id = $1 AND ${unitInScopeSql('v.commune_code', 2)}`,
    [id, scope],
  );
  return row ? presentCheckin(row) : null;
}

export async function listCheckins(db: Database, actor: Actor, query: ListCheckinsQuery): Promise<Page<Checkin>> {
  requirePermission(actor, CHECKINS_READ);
  if (!query.venueId && !query.personId) throw invalidField('venueId', 'give venueId or personId: presence data is read per venue or per person');
  const limit = query.limit ?? 50;
  const offset = query.offset ?? 0;
  const where = `${unitInScopeSql('v.commune_code', 1)} AND ($2::uuid IS NULL OR c.venue_id = $2) AND ($3::uuid IS NULL OR c.person_id = $3)
    AND ($4::timestamptz IS NULL OR c.checked_in_at >= $4) AND ($5::timestamptz IS NULL OR c.checked_in_at < $5)`;
  const params = [actor.unitCode, query.venueId ?? null, query.personId ?? null, query.from ?? null, query.to ?? null];
  return db.transaction(async (tx) => {
    const [count] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM checkins c JOIN venues v ON v.id = c.venue_id WHERE ${where}`, params);
    const rows = await tx.query<CheckinRow>(
      `SELECT ${COLUMNS} FROM checkins c JOIN venues v ON v.id = c.venue_id WHERE ${where} ORDER BY c.checked_in_at DESC, c.id LIMIT $6 OFFSET $7`,
      [...params, limit, offset],
    );
    await audit(tx, actor, {
      action: 'read', entity: 'checkin', entityId: query.personId ?? query.venueId ?? null, reason: query.reason,
      detail: { venueId: query.venueId ?? null, personId: query.personId ?? null, from: query.from ?? null, to: query.to ?? null, returned: rows.length, total: count!.n },
    });
    return { items: rows.map(presentCheckin), total: count!.n, limit, offset };
  });
}

/** Sets the check-out time of a check-in that has none; a repeat with the same check-in changes nothing. */
export async function closeVisit(tx: Queryable, id: string, at: Date, scope: string | null): Promise<Checkin> {
  const [row] = await tx.query<{ checked_in_at: Date; checked_out_at: Date | null }>(
    `SELECT c.checked_in_at, c.checked_out_at FROM checkins c JOIN venues v ON v.id = c.venue_id
     WHERE c.id = $1 AND ${unitInScopeSql('v.commune_code', 2)} FOR UPDATE OF c`,
    [id, scope],
  );
  if (!row) throw notFound('check-in');
  if (!row.checked_out_at) {
    if (at.getTime() > Date.now() + CLOCK_SKEW_MS) throw invalidField('checkedOutAt', 'is in the future');
    if (at < row.checked_in_at) throw invalidField('checkedOutAt', 'is before the check-in');
    // A check-out long after the visit's end adds nothing: the visit stays bounded for tracing.
    const bounded = new Date(Math.min(at.getTime(), row.checked_in_at.getTime() + MAX_VISIT_MS));
    await tx.query('UPDATE checkins SET checked_out_at = $2 WHERE id = $1', [id, bounded]);
  }
  return (await findCheckin(tx, id, null))!;
}

export async function checkOut(db: Database, actor: Actor, id: string, at: Date): Promise<Checkin> {
  requirePermission(actor, CHECKINS_WRITE);
  return db.transaction((tx) => closeVisit(tx, id, at, actor.unitCode));
}
