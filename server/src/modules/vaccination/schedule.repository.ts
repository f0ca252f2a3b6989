// SQL of sessions and slots: a session with its slots' places booked and left.
import type { Queryable } from '../../db/database.js';
import type { Session, Slot } from './schedule.schema.js';

/** Vietnam keeps UTC+7 all year: a local time of a day is a fixed instant. */
export const localInstant = (date: string, time: string) => new Date(`${date}T${time}:00+07:00`);
export const localTime = (instant: Date) => new Date(instant.getTime() + 7 * 3600_000).toISOString().slice(11, 16);

export interface SessionRow {
  id: string; session_date: string; status: string; product_code: string; product_name: string; note: string | null;
  site_id: string; site_name: string; commune_code: string; commune_name: string;
}
export const SESSION_SELECT = `SELECT s.id, to_char(s.session_date, 'YYYY-MM-DD') AS session_date, s.status, s.product_code, p.name AS product_name, s.note,
    st.id AS site_id, st.name AS site_name, st.commune_code, u.name AS commune_name
  FROM vaccination_sessions s JOIN vaccination_sites st ON st.id = s.site_id JOIN units u ON u.code = st.commune_code
  JOIN vaccine_products p ON p.code = s.product_code`;

interface SlotRow { id: string; session_id: string; starts_at: Date; ends_at: Date; capacity: number; booked: number }

export const ACTIVE_BOOKING = `status IN ('booked', 'attended')`;

export async function slotsOf(tx: Queryable, sessionIds: string[], futureOnly = false): Promise<Map<string, Slot[]>> {
  const rows = sessionIds.length === 0 ? [] : await tx.query<SlotRow>(
    `SELECT sl.id, sl.session_id, sl.starts_at, sl.ends_at, sl.capacity,
            (SELECT count(*)::int FROM vaccination_bookings b WHERE b.slot_id = sl.id AND b.${ACTIVE_BOOKING}) AS booked
     FROM vaccination_slots sl WHERE sl.session_id = ANY ($1::uuid[]) AND (NOT $2 OR sl.starts_at > now()) ORDER BY sl.starts_at`,
    [sessionIds, futureOnly],
  );
  const bySession = new Map<string, Slot[]>();
  for (const row of rows) {
    const slots = bySession.get(row.session_id) ?? [];
    slots.push({
      id: row.id, start: localTime(row.starts_at), end: localTime(row.ends_at), startsAt: row.starts_at.toISOString(), endsAt: row.ends_at.toISOString(),
      capacity: row.capacity, booked: row.booked, remaining: Math.max(0, row.capacity - row.booked),
    });
    bySession.set(row.session_id, slots);
  }
  return bySession;
}

export async function presentSessions(tx: Queryable, rows: SessionRow[], futureSlotsOnly = false): Promise<Session[]> {
  const slots = await slotsOf(tx, rows.map((row) => row.id), futureSlotsOnly);
  return rows.map((row) => {
    const own = slots.get(row.id) ?? [];
    const capacity = own.reduce((n, s) => n + s.capacity, 0);
    const booked = own.reduce((n, s) => n + s.booked, 0);
    return {
      id: row.id, sessionDate: row.session_date, status: row.status, productCode: row.product_code, productName: row.product_name, note: row.note,
      site: { id: row.site_id, name: row.site_name, communeCode: row.commune_code, communeName: row.commune_name },
      capacity, booked, remaining: own.reduce((n, s) => n + s.remaining, 0), slots: own,
    };
  });
}

export async function sessionInScope(tx: Queryable, id: string, scope: string | null): Promise<SessionRow | null> {
  const [row] = await tx.query<SessionRow>(
    `${SESSION_SELECT} WHERE s.id = $1 AND ($2::text IS NULL OR EXISTS (SELECT 1 FROM units su WHERE su.code = st.commune_code AND $2 = ANY (su.path)))`,
    [id, scope],
  );
  return row ?? null;
}
