// SQL of registrations: the row, what staff see of it (person, commune, age), a citizen's own view.
import type { Queryable } from '../../db/database.js';
import { maskPhone } from '../people/identity.js';
import { priorityGroup } from './registration.groups.js';
import type { OwnBooking, OwnRegistration, StaffRegistration } from './registration.schema.js';

export interface RegistrationRow {
  id: string; person_id: string; priority_group: string; priority_rank: number; preferred_site_id: string | null; preferred_dates: string[];
  commune_code: string; screening: Record<string, boolean>; channel: string; status: 'waiting' | 'booked' | 'vaccinated' | 'withdrawn'; created_at: Date;
}
const COLUMNS = `r.id, r.person_id, r.priority_group, r.priority_rank, r.preferred_site_id, r.preferred_dates::text[] AS preferred_dates,
  r.commune_code, r.screening, r.channel, r.status, r.created_at`;

export async function findRegistration(tx: Queryable, id: string, lock = false): Promise<RegistrationRow | null> {
  const [row] = await tx.query<RegistrationRow>(`SELECT ${COLUMNS} FROM vaccination_registrations r WHERE r.id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  return row ?? null;
}

export async function openRegistrationOf(tx: Queryable, personId: string, lock = false): Promise<RegistrationRow | null> {
  const [row] = await tx.query<RegistrationRow>(
    `SELECT ${COLUMNS} FROM vaccination_registrations r WHERE r.person_id = $1 AND r.status IN ('waiting', 'booked')${lock ? ' FOR UPDATE' : ''}`, [personId],
  );
  return row ?? null;
}

export interface NewRegistration {
  id: string; personId: string; priorityGroup: string; priorityRank: number; preferredSiteId: string | null; preferredDates: string[];
  communeCode: string; screening: Record<string, boolean>; channel: 'self' | 'staff'; createdBy: string | null;
}

export async function insertRegistration(tx: Queryable, r: NewRegistration): Promise<void> {
  await tx.query(
    `INSERT INTO vaccination_registrations (id, person_id, priority_group, priority_rank, preferred_site_id, preferred_dates, commune_code, screening, channel, created_by)
     VALUES ($1, $2, $3, $4, $5, $6::date[], $7, $8, $9, $10)`,
    [r.id, r.personId, r.priorityGroup, r.priorityRank, r.preferredSiteId, r.preferredDates, r.communeCode, JSON.stringify(r.screening), r.channel, r.createdBy],
  );
}

/**
 * Waiting ↔ booked, from the registration's bookings still to come; a booking attended without a dose
 * (screened to postpone or refer) leaves the person waiting to be invited again. A dose moves it to vaccinated.
 */
export async function refreshRegistrationStatus(tx: Queryable, registrationId: string): Promise<void> {
  await tx.query(
    `UPDATE vaccination_registrations r SET status = CASE WHEN EXISTS (
       SELECT 1 FROM vaccination_bookings b WHERE b.registration_id = r.id AND b.status = 'booked') THEN 'booked' ELSE 'waiting' END,
       updated_at = now()
     WHERE r.id = $1 AND r.status IN ('waiting', 'booked')`,
    [registrationId],
  );
}

/** Age in full years on the day `$n` (a date parameter), from the birth date or else the birth year. */
export const ageSql = (param: number) => `date_part('year', age($${param}::date, COALESCE(p.birth_date, make_date(p.birth_year, 1, 1))))::int`;

export const STAFF_SELECT = (todayParam: number) => `SELECT ${COLUMNS}, p.full_name, p.birth_year, p.sex, p.phone, u.name AS commune_name, ${ageSql(todayParam)} AS age
  FROM vaccination_registrations r JOIN people p ON p.id = r.person_id JOIN units u ON u.code = r.commune_code`;

export type StaffRow = RegistrationRow & { full_name: string; birth_year: number; sex: string | null; phone: string | null; commune_name: string; age: number };

export function presentStaff(row: StaffRow, showPhone = false): StaffRegistration {
  return {
    id: row.id, personId: row.person_id, fullName: row.full_name, birthYear: row.birth_year, age: row.age, sex: row.sex,
    phone: showPhone ? row.phone : maskPhone(row.phone), communeCode: row.commune_code, communeName: row.commune_name,
    priorityGroup: row.priority_group, priorityOrder: priorityGroup(row.priority_group)?.order ?? row.priority_rank, status: row.status,
    preferredSiteId: row.preferred_site_id, preferredDates: row.preferred_dates, channel: row.channel, createdAt: row.created_at.toISOString(),
    screening: row.screening,
  };
}

export async function staffRegistration(tx: Queryable, id: string, today: string): Promise<StaffRow> {
  const [row] = await tx.query<StaffRow>(`${STAFF_SELECT(2)} WHERE r.id = $1`, [id, today]);
  return row!;
}

/** The person's active bookings, with what the phone shows: date, time, site. */
export async function ownBookings(tx: Queryable, registrationId: string): Promise<OwnBooking[]> {
  const rows = await tx.query<{ id: string; status: string; session_id: string; slot_id: string; session_date: string; starts_at: Date; ends_at: Date; site_id: string; site_name: string; commune_name: string; product_code: string }>(
    `SELECT b.id, b.status, b.session_id, b.slot_id, to_char(s.session_date, 'YYYY-MM-DD') AS session_date, sl.starts_at, sl.ends_at,
            st.id AS site_id, st.name AS site_name, u.name AS commune_name, s.product_code
     FROM vaccination_bookings b JOIN vaccination_sessions s ON s.id = b.session_id JOIN vaccination_slots sl ON sl.id = b.slot_id
     JOIN vaccination_sites st ON st.id = s.site_id JOIN units u ON u.code = st.commune_code
     WHERE b.registration_id = $1 AND b.status IN ('booked', 'attended') ORDER BY sl.starts_at`,
    [registrationId],
  );
  return rows.map((row) => ({
    id: row.id, status: row.status, sessionId: row.session_id, slotId: row.slot_id, sessionDate: row.session_date,
    startsAt: row.starts_at.toISOString(), endsAt: row.ends_at.toISOString(), site: { id: row.site_id, name: row.site_name, communeName: row.commune_name }, productCode: row.product_code,
  }));
}

export async function presentOwn(tx: Queryable, row: RegistrationRow): Promise<OwnRegistration> {
  const [person] = await tx.query<{ full_name: string }>('SELECT full_name FROM people WHERE id = $1', [row.person_id]);
  const words = (person?.full_name ?? '').split(' ');
  return {
    id: row.id, status: row.status, priorityGroup: row.priority_group, preferredSiteId: row.preferred_site_id, preferredDates: row.preferred_dates,
    communeCode: row.commune_code, firstName: words[words.length - 1] ?? '', createdAt: row.created_at.toISOString(), bookings: await ownBookings(tx, row.id),
  };
}
