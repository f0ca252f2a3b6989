// Booking a place in a session's time slot: a citizen with their registration's manage token, or
// staff for a person. Each booking runs in one transaction holding the slot's row lock (SELECT … FOR
// UPDATE) while it counts the places taken, so bookings racing for the last place are served one at
// a time and a slot never holds more than its capacity; the loser hears 409 naming slotId.
import type { Database, Queryable } from '../../db/database.js';
import { type Actor, CITIZEN_ACTOR, requirePermission } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import { AppError, conflict, invalidField, notFound } from '../../platform/errors.js';
import { unitInScopeSql } from '../../platform/scope.js';
import { findPersonInScope } from '../people/repository.js';
import { VACCINATION_SCHEDULE } from './permissions.js';
import { registrationOfToken } from './registration.js';
import { lockLivePerson } from './registration.people.js';
import { findRegistration, openRegistrationOf, refreshRegistrationStatus } from './registration.repository.js';
import { enqueueBooked } from './schedule.notify.js';
import { ACTIVE_BOOKING } from './schedule.repository.js';
import type { Booking, BookingOutcome, SelfBookingBody, StaffBookingBody } from './schedule.schema.js';

interface BookingRow { id: string; session_id: string; slot_id: string; person_id: string; registration_id: string | null; status: string }

async function findBooking(tx: Queryable, id: string, lock = false): Promise<BookingRow | null> {
  const [row] = await tx.query<BookingRow>(`SELECT id, session_id, slot_id, person_id, registration_id, status FROM vaccination_bookings WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  return row ?? null;
}

export async function presentBooking(db: Queryable, id: string): Promise<Booking> {
  const [row] = await db.query<{ id: string; status: string; session_id: string; slot_id: string; person_id: string; registration_id: string | null; session_date: string; starts_at: Date; ends_at: Date; booked_at: Date; cancelled_at: Date | null; site_id: string; site_name: string; commune_name: string; product_code: string }>(
    `SELECT b.id, b.status, b.session_id, b.slot_id, b.person_id, b.registration_id, to_char(s.session_date, 'YYYY-MM-DD') AS session_date, sl.starts_at, sl.ends_at,
            b.booked_at, b.cancelled_at, st.id AS site_id, st.name AS site_name, u.name AS commune_name, s.product_code
     FROM vaccination_bookings b JOIN vaccination_sessions s ON s.id = b.session_id JOIN vaccination_slots sl ON sl.id = b.slot_id
     JOIN vaccination_sites st ON st.id = s.site_id JOIN units u ON u.code = st.commune_code WHERE b.id = $1`,
    [id],
  );
  if (!row) throw notFound('booking');
  return {
    id: row.id, status: row.status, sessionId: row.session_id, slotId: row.slot_id, personId: row.person_id, registrationId: row.registration_id,
    sessionDate: row.session_date, startsAt: row.starts_at.toISOString(), endsAt: row.ends_at.toISOString(), bookedAt: row.booked_at.toISOString(),
    cancelledAt: row.cancelled_at?.toISOString() ?? null, site: { id: row.site_id, name: row.site_name, communeName: row.commune_name }, productCode: row.product_code,
  };
}

interface Request { id: string; slotId: string; personId: string; registrationId: string | null; channel: 'self' | 'staff' }

/**
 * The slot's row, locked: every booking of the slot waits here for the one before it. The session's
 * row is shared-locked, so a booking and a session being closed or cancelled wait for each other
 * and a booking never lands in a session cancelled meanwhile.
 */
async function lockSlot(tx: Queryable, slotId: string, scope: string | null) {
  const [slot] = await tx.query<{ id: string; session_id: string; starts_at: Date; capacity: number; session_status: string; site_active: boolean }>(
    `SELECT sl.id, sl.session_id, sl.starts_at, sl.capacity, s.status AS session_status, st.active AS site_active
     FROM vaccination_slots sl JOIN vaccination_sessions s ON s.id = sl.session_id JOIN vaccination_sites st ON st.id = s.site_id
     WHERE sl.id = $1 AND ${unitInScopeSql('st.commune_code', 2)} FOR UPDATE OF sl FOR SHARE OF s`,
    [slotId, scope],
  );
  return slot ?? null;
}

async function book(tx: Queryable, actor: Actor, request: Request, scope: string | null): Promise<{ id: string; repeat: boolean }> {
  const slot = await lockSlot(tx, request.slotId, scope);
  // Under the lock: a retry of this booking sees the first attempt's row.
  const existing = await findBooking(tx, request.id);
  if (existing) {
    if (existing.person_id === request.personId && existing.slot_id === request.slotId) return { id: existing.id, repeat: true };
    throw conflict('this booking id was already used for a different booking', { id: 'was already used for a different booking' });
  }
  if (!slot) throw invalidField('slotId', scope === null ? 'no such slot' : 'no such slot in your area');
  if (slot.session_status !== 'open' || !slot.site_active) throw conflict('the session is not open for booking', { slotId: 'the session is not open for booking' });
  if (slot.starts_at.getTime() <= Date.now()) throw conflict('the slot has already started', { slotId: 'has already started' });
  const [other] = await tx.query<{ id: string }>(`SELECT id FROM vaccination_bookings WHERE person_id = $1 AND session_id = $2 AND ${ACTIVE_BOOKING}`, [request.personId, slot.session_id]);
  if (other) throw conflict('this person already has a booking in this session', { slotId: 'already booked in this session: cancel that booking first' }, { bookingId: other.id });
  const [taken] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM vaccination_bookings WHERE slot_id = $1 AND ${ACTIVE_BOOKING}`, [slot.id]);
  if (taken!.n >= slot.capacity) throw conflict('this slot is full', { slotId: 'is full: choose another time' }, { capacity: slot.capacity });
  await tx.query(
    `INSERT INTO vaccination_bookings (id, session_id, slot_id, person_id, registration_id, channel, booked_by) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [request.id, slot.session_id, slot.id, request.personId, request.registrationId, request.channel, request.channel === 'staff' ? actor.userId : null],
  );
  if (request.registrationId) await refreshRegistrationStatus(tx, request.registrationId);
  await enqueueBooked(tx, request.id, request.channel === 'staff' ? actor.userId : null);
  await audit(tx, actor, { action: 'book', entity: 'vaccination_booking', entityId: request.id, detail: { personId: request.personId, sessionId: slot.session_id, slotId: slot.id, registrationId: request.registrationId, channel: request.channel } });
  return { id: request.id, repeat: false };
}

/** A unique index caught what the checks could not see (the same person on two slots at once). */
async function withUniqueRaceAnswered<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof AppError || (error as { code?: string }).code !== '23505') throw error;
    // the same booking id sent at once for two slots
    if ((error as { constraint?: string }).constraint === 'vaccination_bookings_pkey') throw conflict('this booking id was already used for a different booking', { id: 'was already used for a different booking' });
    throw conflict('this person already has a booking in this session', { slotId: 'already booked in this session: cancel that booking first' });
  }
}

export async function bookSelf(db: Database, body: SelfBookingBody): Promise<BookingOutcome> {
  const outcome = await withUniqueRaceAnswered(() => db.transaction(async (tx) => {
    const registration = await registrationOfToken(tx, body.manageToken);
    // a retry is answered whatever became of the registration since
    const prior = await findBooking(tx, body.id);
    if (prior && prior.registration_id === registration.id && prior.slot_id === body.slotId) return { id: prior.id, repeat: true };
    if (registration.status === 'withdrawn' || registration.status === 'vaccinated') throw conflict(`this registration is ${registration.status}`, { manageToken: `the registration is ${registration.status}` });
    const personId = await lockLivePerson(tx, registration.person_id);
    if (!personId) throw invalidField('manageToken', 'belongs to no registered person');
    return book(tx, CITIZEN_ACTOR, { id: body.id, slotId: body.slotId, personId, registrationId: registration.id, channel: 'self' }, null);
  }));
  return { booking: await presentBooking(db, outcome.id), repeat: outcome.repeat };
}

export async function bookByStaff(db: Database, actor: Actor, body: StaffBookingBody): Promise<BookingOutcome> {
  requirePermission(actor, VACCINATION_SCHEDULE);
  if ((body.registrationId === undefined) === (body.personId === undefined)) throw invalidField('personId', 'give either registrationId or personId');
  const outcome = await withUniqueRaceAnswered(() => db.transaction(async (tx) => {
    let personId: string;
    let registrationId: string | null;
    if (body.registrationId) {
      const registration = await findRegistration(tx, body.registrationId);
      const [inScope] = registration ? await tx.query(`SELECT 1 AS ok WHERE ${unitInScopeSql('$1::text', 2)}`, [registration.commune_code, actor.unitCode]) : [];
      if (!registration || !inScope) throw invalidField('registrationId', 'no such registration in your area');
      if (registration.status === 'withdrawn' || registration.status === 'vaccinated') throw conflict(`this registration is ${registration.status}`, { registrationId: `is ${registration.status}` });
      const live = await lockLivePerson(tx, registration.person_id);
      if (!live) throw invalidField('registrationId', 'belongs to no person');
      personId = live;
      registrationId = registration.id;
    } else {
      const person = await findPersonInScope(tx, body.personId!, actor.unitCode, true);
      if (!person || person.merged_into) throw invalidField('personId', 'no such person in your area');
      personId = person.id;
      registrationId = (await openRegistrationOf(tx, person.id))?.id ?? null;
    }
    return book(tx, actor, { id: body.id, slotId: body.slotId, personId, registrationId, channel: 'staff' }, actor.unitCode);
  }));
  return { booking: await presentBooking(db, outcome.id), repeat: outcome.repeat };
}

/** Frees the place; cancelling a cancelled booking again answers it as it is. */
async function cancel(tx: Queryable, actor: Actor, booking: BookingRow): Promise<void> {
  if (booking.status === 'cancelled') return;
  if (booking.status === 'attended') throw conflict('the person has already attended this booking', { id: 'was attended; it cannot be cancelled' });
  await tx.query(`UPDATE vaccination_bookings SET status = 'cancelled', cancelled_at = now() WHERE id = $1`, [booking.id]);
  if (booking.registration_id) await refreshRegistrationStatus(tx, booking.registration_id);
  await audit(tx, actor, { action: 'cancel', entity: 'vaccination_booking', entityId: booking.id, detail: { personId: booking.person_id, sessionId: booking.session_id, slotId: booking.slot_id } });
}

export async function cancelSelf(db: Database, id: string, manageToken: string): Promise<Booking> {
  await db.transaction(async (tx) => {
    const registration = await registrationOfToken(tx, manageToken);
    const booking = await findBooking(tx, id, true);
    if (!booking || booking.registration_id !== registration.id) throw notFound('booking');
    await cancel(tx, CITIZEN_ACTOR, booking);
  });
  return presentBooking(db, id);
}

export async function cancelByStaff(db: Database, actor: Actor, id: string): Promise<Booking> {
  requirePermission(actor, VACCINATION_SCHEDULE);
  await db.transaction(async (tx) => {
    const [inScope] = await tx.query(
      `SELECT 1 FROM vaccination_bookings b JOIN vaccination_sessions s ON s.id = b.session_id JOIN vaccination_sites st ON st.id = s.site_id
       WHERE b.id = $1 AND ${unitInScopeSql('st.commune_code', 2)}`, [id, actor.unitCode],
    );
    const booking = inScope ? await findBooking(tx, id, true) : null;
    if (!booking) throw notFound('booking');
    await cancel(tx, actor, booking);
  });
  return presentBooking(db, id);
}
