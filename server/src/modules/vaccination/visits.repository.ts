// SQL of visits at a vaccination site: the visit, the person it is for, today's booking there.
import type { Queryable } from '../../db/database.js';
import type { TodaysBooking } from './visits.schema.js';

export type IdentifiedBy = 'personal_code' | 'national_id' | 'person_id';

export interface VisitRow {
  id: string;
  site_id: string;
  site_name: string;
  site_commune_code: string;
  person_id: string;
  full_name: string;
  birth_year: number;
  /** YYYY-MM-DD when known */
  birth_date: string | null;
  sex: string | null;
  booking_id: string | null;
  identified_by: IdentifiedBy;
  checked_in_at: Date;
  dose_id: string | null;
}

const VISIT = `SELECT v.id, v.site_id, s.name AS site_name, s.commune_code AS site_commune_code, v.person_id, p.full_name, p.birth_year, to_char(p.birth_date, 'YYYY-MM-DD') AS birth_date, p.sex,
    v.booking_id, v.identified_by, v.checked_in_at, (SELECT d.id FROM dose_records d WHERE d.visit_id = v.id) AS dose_id
  FROM vaccination_visits v JOIN vaccination_sites s ON s.id = v.site_id JOIN people p ON p.id = v.person_id`;

export async function findVisit(db: Queryable, id: string): Promise<VisitRow | null> {
  const [row] = await db.query<VisitRow>(`${VISIT} WHERE v.id = $1`, [id]);
  return row ?? null;
}

/**
 * The visit, locked: a screening and a dose of one visit are decided one at a time. The lock is
 * taken by a statement of its own and the visit read by the next: on PostgreSQL a statement that
 * waited for the lock still sees its subqueries (the visit's dose) as they were before it waited.
 */
export async function lockVisit(tx: Queryable, id: string): Promise<VisitRow | null> {
  const locked = await tx.query('SELECT id FROM vaccination_visits WHERE id = $1 FOR UPDATE', [id]);
  return locked.length > 0 ? findVisit(tx, id) : null;
}

export interface NewVisit {
  id: string;
  siteId: string;
  personId: string;
  bookingId: string | null;
  identifiedBy: IdentifiedBy;
  checkedInBy: string;
}

/** Inserts the visit; false when its id exists already (a retry, or a collision the caller checks). */
export async function insertVisit(tx: Queryable, v: NewVisit): Promise<boolean> {
  const rows = await tx.query(
    `INSERT INTO vaccination_visits (id, site_id, person_id, booking_id, identified_by, checked_in_by) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [v.id, v.siteId, v.personId, v.bookingId, v.identifiedBy, v.checkedInBy],
  );
  return rows.length > 0;
}

/** The surviving record of a person id (merged records forward to the survivor), null when none. */
export async function livePerson(db: Queryable, id: string): Promise<string | null> {
  const [row] = await db.query<{ id: string }>(
    `WITH RECURSIVE chain AS (
       SELECT id, merged_into, 0 AS hops FROM people WHERE id = $1
       UNION ALL SELECT p.id, p.merged_into, c.hops + 1 FROM people p JOIN chain c ON p.id = c.merged_into WHERE c.hops < 10
     ) SELECT id FROM chain WHERE merged_into IS NULL LIMIT 1`,
    [id],
  );
  return row?.id ?? null;
}

export async function personByNationalId(db: Queryable, nationalId: string): Promise<string | null> {
  const [row] = await db.query<{ id: string }>(
    'SELECT id FROM people WHERE national_id = $1 AND merged_into IS NULL ORDER BY created_at LIMIT 1',
    [nationalId],
  );
  return row?.id ?? null;
}

interface BookingRow {
  id: string;
  session_id: string;
  session_date: string;
  product_code: string;
  starts_at: Date | null;
  ends_at: Date | null;
  status: string;
}

const presentBooking = (row: BookingRow): TodaysBooking => ({
  id: row.id, sessionId: row.session_id, sessionDate: row.session_date, productCode: row.product_code,
  slotStartsAt: row.starts_at?.toISOString() ?? null, slotEndsAt: row.ends_at?.toISOString() ?? null, status: row.status,
});

const BOOKING = `SELECT b.id, b.session_id, to_char(se.session_date, 'YYYY-MM-DD') AS session_date, se.product_code, sl.starts_at, sl.ends_at, b.status
  FROM vaccination_bookings b JOIN vaccination_sessions se ON se.id = b.session_id LEFT JOIN vaccination_slots sl ON sl.id = b.slot_id`;

/** The person's booking (booked or attended) of a session at this site on that day, locked; the earliest slot first. */
export async function lockTodaysBooking(tx: Queryable, siteId: string, personId: string, day: string): Promise<TodaysBooking | null> {
  const [row] = await tx.query<BookingRow>(
    `${BOOKING} WHERE se.site_id = $1 AND se.session_date = $2::date AND b.person_id = $3 AND b.status IN ('booked', 'attended')
     ORDER BY sl.starts_at NULLS LAST, b.booked_at LIMIT 1 FOR UPDATE OF b`,
    [siteId, day, personId],
  );
  return row ? presentBooking(row) : null;
}

export async function findBooking(db: Queryable, id: string): Promise<TodaysBooking | null> {
  const [row] = await db.query<BookingRow>(`${BOOKING} WHERE b.id = $1`, [id]);
  return row ? presentBooking(row) : null;
}

export async function markAttended(tx: Queryable, bookingId: string): Promise<void> {
  await tx.query(`UPDATE vaccination_bookings SET status = 'attended', attended_at = now() WHERE id = $1 AND status = 'booked'`, [bookingId]);
}

/** Once a dose is recorded for the person, their open registrations are done (contract with 0017). */
export async function markRegistrationsVaccinated(tx: Queryable, personId: string): Promise<string[]> {
  const rows = await tx.query<{ id: string }>(
    `UPDATE vaccination_registrations SET status = 'vaccinated' WHERE person_id = $1 AND status IN ('waiting', 'booked') RETURNING id`,
    [personId],
  );
  return rows.map((row) => row.id);
}
