// Closing and cancelling a session. Closing stops new bookings and keeps the booked ones (the
// session goes ahead). Cancelling frees every booked place, puts those people back on the waiting
// list (so later invitations find them) and tells each by SMS, all in one transaction holding the
// session's row lock; attended bookings stay as they are (those people were vaccinated or seen).
import type { Database, Queryable } from '../../db/database.js';
import { type Actor, requirePermission } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import { conflict, notFound } from '../../platform/errors.js';
import { enqueue } from '../notifications/outbox.js';
import { VACCINATION_SCHEDULE } from './permissions.js';
import { cancelBookings } from './registration.withdraw.js';
import { presentSessions, sessionInScope, type SessionRow } from './schedule.repository.js';
import type { SessionStatusResult } from './schedule.schema.js';

export const sessionCancelledKey = (bookingId: string) => `vaccination-session-cancelled:${bookingId}:sms`;

/** The session in the actor's scope, its row locked: status changes and bookings of it wait for each other. */
async function lockSessionInScope(tx: Queryable, actor: Actor, id: string): Promise<SessionRow> {
  const row = await sessionInScope(tx, id, actor.unitCode);
  if (!row) throw notFound('session');
  const [locked] = await tx.query<{ status: string }>('SELECT status FROM vaccination_sessions WHERE id = $1 FOR UPDATE', [id]);
  return { ...row, status: locked!.status };
}

async function answer(tx: Queryable, id: string, counts: Omit<SessionStatusResult, 'session'>): Promise<SessionStatusResult> {
  const [session] = await presentSessions(tx, [(await sessionInScope(tx, id, null))!]);
  return { session: session!, ...counts };
}

export async function closeSession(db: Database, actor: Actor, id: string): Promise<SessionStatusResult> {
  requirePermission(actor, VACCINATION_SCHEDULE);
  return db.transaction(async (tx) => {
    const row = await lockSessionInScope(tx, actor, id);
    if (row.status === 'cancelled') throw conflict('the session is cancelled', { id: 'the session is cancelled; it cannot be closed' });
    const repeat = row.status === 'closed';
    if (!repeat) {
      await tx.query(`UPDATE vaccination_sessions SET status = 'closed' WHERE id = $1`, [id]);
      await audit(tx, actor, { action: 'close', entity: 'vaccination_session', entityId: id, detail: { previousStatus: row.status } });
    }
    return answer(tx, id, { repeat, cancelledBookings: 0, notified: 0, withoutPhone: 0 });
  });
}

export async function cancelSession(db: Database, actor: Actor, id: string, reason: string): Promise<SessionStatusResult> {
  requirePermission(actor, VACCINATION_SCHEDULE);
  return db.transaction(async (tx) => {
    const row = await lockSessionInScope(tx, actor, id);
    if (row.status === 'cancelled') return answer(tx, id, { repeat: true, cancelledBookings: 0, notified: 0, withoutPhone: 0 });
    await tx.query(`UPDATE vaccination_sessions SET status = 'cancelled' WHERE id = $1`, [id]);
    const cancelled = await cancelBookings(tx, actor, { sql: 'session_id = $1', params: [id] }, { cause: 'session cancelled', reason });
    const site = `${row.site_name}, ${row.commune_name}`.slice(0, 200);
    let notified = 0;
    let withoutPhone = 0;
    for (const booking of cancelled) {
      const [person] = await tx.query<{ phone: string | null; starts_at: Date }>(
        'SELECT p.phone, sl.starts_at FROM people p, vaccination_slots sl WHERE p.id = $1 AND sl.id = $2', [booking.person_id, booking.slot_id],
      );
      if (!person?.phone) {
        withoutPhone++;
        continue;
      }
      const message = await enqueue(tx, {
        dedupeKey: sessionCancelledKey(booking.id), channel: 'sms', recipient: person.phone, personId: booking.person_id, template: 'vaccination_session_cancelled',
        payload: { at: person.starts_at.toISOString(), site, reason }, createdBy: actor.userId,
      });
      if (message.created) notified++;
    }
    await audit(tx, actor, {
      action: 'cancel', entity: 'vaccination_session', entityId: id, reason,
      detail: { previousStatus: row.status, cancelledBookings: cancelled.length, notified, withoutPhone },
    });
    return answer(tx, id, { repeat: false, cancelledBookings: cancelled.length, notified, withoutPhone });
  });
}
