// Inserts the demo sessions, slots, registrations and bookings (vaccination.booking.ts) in the
// seed's transaction, after the sites and lots they refer to.
import type { Queryable } from '../../db/database.js';
import type { Catalogue } from '../vaccination/catalogue.js';
import { createRandom } from './random.js';
import { insertRows } from './rows.js';
import { type BookingPerson, generateBookings } from './vaccination.booking.js';
import type { DemoVaccination } from './vaccination.js';

export interface BookingSeedResult {
  sessions: number;
  slots: number;
  registrations: number;
  bookings: number;
}

/** The district's demo health officer plans the sessions (the role with vaccination:schedule). */
async function demoSchedulerId(tx: Queryable): Promise<string | null> {
  const [row] = await tx.query<{ id: string }>(
    `SELECT u.id FROM users u JOIN units n ON n.code = u.unit_code WHERE u.username LIKE 'demo.health-officer.%'
     ORDER BY (n.level = 'district') DESC, u.username LIMIT 1`,
  );
  return row?.id ?? null;
}

const uuidLiteral = (id: string | null) => (id === null ? 'NULL::uuid' : `'${id}'::uuid`);

export async function insertDemoBookings(
  tx: Queryable, seed: number, people: readonly BookingPerson[], vaccination: DemoVaccination, catalogue: Catalogue, staffId: string, now: Date,
  excluded: ReadonlySet<string> = new Set(),
): Promise<BookingSeedResult> {
  // its own stream: adding bookings leaves the 2021 vaccination data unchanged
  const data = generateBookings({ random: createRandom(seed ^ 0xb00c), people, vaccination, catalogue, now, excluded });
  const schedulerId = (await demoSchedulerId(tx)) ?? staffId;
  await insertRows(tx, 'vaccination_sessions', [
    { name: 'id', type: 'uuid', value: (s) => s.id },
    { name: 'site_id', type: 'uuid', value: (s) => s.siteId },
    { name: 'session_date', type: 'date', value: (s) => s.sessionDate },
    { name: 'product_code', type: 'text', value: (s) => s.productCode },
    { name: 'created_at', type: 'timestamptz', value: (s) => s.createdAt },
  ], data.sessions, { created_by: uuidLiteral(schedulerId) });
  await insertRows(tx, 'vaccination_slots', [
    { name: 'id', type: 'uuid', value: (s) => s.id },
    { name: 'session_id', type: 'uuid', value: (s) => s.sessionId },
    { name: 'starts_at', type: 'timestamptz', value: (s) => s.startsAt },
    { name: 'ends_at', type: 'timestamptz', value: (s) => s.endsAt },
    { name: 'capacity', type: 'int', value: (s) => s.capacity },
  ], data.slots);
  await insertRows(tx, 'vaccination_registrations', [
    { name: 'id', type: 'uuid', value: (r) => r.id },
    { name: 'person_id', type: 'uuid', value: (r) => r.personId },
    { name: 'priority_group', type: 'text', value: (r) => r.priorityGroup },
    { name: 'priority_rank', type: 'int', value: (r) => r.priorityRank },
    { name: 'preferred_site_id', type: 'uuid', value: (r) => r.preferredSiteId },
    // an unnest of a date[][] would flatten it: the dates travel as text and are split back
    { name: 'preferred_dates', type: 'text', value: (r) => r.preferredDates.join(','), sql: (v) => `coalesce(string_to_array(${v}, ',')::date[], '{}')` },
    { name: 'commune_code', type: 'text', value: (r) => r.communeCode },
    { name: 'screening', type: 'jsonb', value: (r) => JSON.stringify(r.screening) },
    { name: 'channel', type: 'text', value: (r) => r.channel },
    { name: 'status', type: 'text', value: (r) => r.status },
    { name: 'created_by', type: 'uuid', value: (r) => (r.channel === 'staff' ? staffId : null) },
    { name: 'created_at', type: 'timestamptz', value: (r) => r.createdAt },
    { name: 'updated_at', type: 'timestamptz', value: (r) => r.updatedAt },
  ], data.registrations);
  await insertRows(tx, 'vaccination_bookings', [
    { name: 'id', type: 'uuid', value: (b) => b.id },
    { name: 'session_id', type: 'uuid', value: (b) => b.sessionId },
    { name: 'slot_id', type: 'uuid', value: (b) => b.slotId },
    { name: 'person_id', type: 'uuid', value: (b) => b.personId },
    { name: 'registration_id', type: 'uuid', value: (b) => b.registrationId },
    { name: 'channel', type: 'text', value: (b) => b.channel },
    { name: 'booked_at', type: 'timestamptz', value: (b) => b.bookedAt },
    { name: 'booked_by', type: 'uuid', value: (b) => (b.channel === 'staff' ? staffId : null) },
  ], data.bookings);
  return { sessions: data.sessions.length, slots: data.slots.length, registrations: data.registrations.length, bookings: data.bookings.length };
}
