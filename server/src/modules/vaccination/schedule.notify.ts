// Messages of scheduling, all through the notification outbox in the transaction of the decision:
// invitations to book a session (the highest-priority waiting registrations of the session's area,
// each once per session), the confirmation of a booking, and the reminder the day before.
import type { Database, Queryable } from '../../db/database.js';
import { type Actor, requirePermission } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import { conflict, invalidField, notFound } from '../../platform/errors.js';
import { unitInScopeSql } from '../../platform/scope.js';
import { addDays, todayInVietnam } from '../open/time.js';
import { enqueue } from '../notifications/outbox.js';
import { VACCINATION_SCHEDULE } from './permissions.js';
import { manageTokens } from './registration.token.js';
import { presentSessions, sessionInScope } from './schedule.repository.js';
import type { InviteBody, InviteResult, RemindBody, RemindResult } from './schedule.schema.js';

/** One invitation per registration and session, one confirmation and one reminder per booking: however often asked. */
export const invitationKey = (sessionId: string, registrationId: string) => `vaccination-invite:${sessionId}:${registrationId}:sms`;
export const bookedKey = (bookingId: string) => `vaccination-booked:${bookingId}:sms`;
export const reminderKey = (bookingId: string) => `vaccination-reminder:${bookingId}:sms`;

/** The link of an invitation: the public page with the registration's token in the fragment (never sent to a server). */
export const bookingLink = (publicUrl: string, token: string) => `${publicUrl.replace(/\/$/, '')}/vaccination#t=${token}`;

const siteLabel = (name: string, commune: string) => `${name}, ${commune}`.slice(0, 200);

/** Queues the confirmation of a new booking to the person's phone (none without a phone). */
export async function enqueueBooked(tx: Queryable, bookingId: string, createdBy: string | null): Promise<void> {
  const [row] = await tx.query<{ person_id: string; phone: string | null; starts_at: Date; site_name: string; commune_name: string }>(
    `SELECT b.person_id, p.phone, sl.starts_at, st.name AS site_name, u.name AS commune_name
     FROM vaccination_bookings b JOIN people p ON p.id = b.person_id JOIN vaccination_slots sl ON sl.id = b.slot_id
     JOIN vaccination_sessions s ON s.id = b.session_id JOIN vaccination_sites st ON st.id = s.site_id JOIN units u ON u.code = st.commune_code
     WHERE b.id = $1`, [bookingId],
  );
  if (!row?.phone) return;
  await enqueue(tx, {
    dedupeKey: bookedKey(bookingId), channel: 'sms', recipient: row.phone, personId: row.person_id, template: 'vaccination_booked',
    payload: { at: row.starts_at.toISOString(), site: siteLabel(row.site_name, row.commune_name) }, createdBy,
  });
}

/**
 * Invites the `count` highest-priority waiting registrations of the session's area (the district of
 * its site, or people who chose the site) inside the actor's scope, in priority order and then by
 * registration time; people invited to this session before are skipped. Runs holding the session's
 * row lock, so two requests at once invite different people, never the same twice.
 */
export async function inviteToSession(db: Database, actor: Actor, publicUrl: string, sessionId: string, body: InviteBody): Promise<InviteResult> {
  requirePermission(actor, VACCINATION_SCHEDULE);
  const tokens = await manageTokens(db);
  return db.transaction(async (tx) => {
    const row = await sessionInScope(tx, sessionId, actor.unitCode);
    if (!row) throw notFound('session');
    await tx.query('SELECT id FROM vaccination_sessions WHERE id = $1 FOR UPDATE', [sessionId]);
    if (row.status !== 'open') throw conflict('the session is not open', { id: 'the session is not open' });
    if (row.session_date < todayInVietnam()) throw conflict('the session is over', { id: 'the session is over' });
    const [session] = await presentSessions(tx, [row], true);
    const count = body.count ?? session!.remaining;
    const area = `r.status = 'waiting' AND ${unitInScopeSql('r.commune_code', 2)}
      AND (r.preferred_site_id = $3 OR EXISTS (SELECT 1 FROM units ru, units su WHERE ru.code = r.commune_code AND su.code = $4 AND ru.parent_code = su.parent_code))
      AND NOT EXISTS (SELECT 1 FROM vaccination_invitations i WHERE i.registration_id = r.id AND i.session_id = $1)`;
    const params = [sessionId, actor.unitCode, row.site_id, row.commune_code];
    const candidates = count === 0 ? [] : await tx.query<{ id: string; person_id: string; phone: string; priority_group: string }>(
      `SELECT r.id, r.person_id, p.phone, r.priority_group FROM vaccination_registrations r JOIN people p ON p.id = r.person_id
       WHERE ${area} AND p.phone IS NOT NULL ORDER BY r.priority_rank, r.created_at, r.id LIMIT ${count}`, params,
    );
    const [noPhone] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM vaccination_registrations r JOIN people p ON p.id = r.person_id WHERE ${area} AND p.phone IS NULL`, params);
    const invitedGroups: Record<string, number> = {};
    let invited = 0;
    for (const candidate of candidates) {
      const message = await enqueue(tx, {
        dedupeKey: invitationKey(sessionId, candidate.id), channel: 'sms', recipient: candidate.phone, personId: candidate.person_id, template: 'vaccination_invitation',
        payload: { date: row.session_date, site: siteLabel(row.site_name, row.commune_name), link: bookingLink(publicUrl, tokens.sign(candidate.id)) }, createdBy: actor.userId,
      });
      const [recorded] = await tx.query(
        'INSERT INTO vaccination_invitations (registration_id, session_id, message_id, invited_by) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING 1',
        [candidate.id, sessionId, message.id, actor.userId],
      );
      if (!recorded || !message.created) continue;
      invited++;
      invitedGroups[candidate.priority_group] = (invitedGroups[candidate.priority_group] ?? 0) + 1;
    }
    await audit(tx, actor, { action: 'invite', entity: 'vaccination_session', entityId: sessionId, detail: { asked: count, invited, invitedGroups, withoutPhone: noPhone!.n } });
    return { sessionId, invited, withoutPhone: noPhone!.n, remaining: session!.remaining, invitedGroups };
  });
}

/** Reminds every person booked for the sessions of a day (tomorrow by default) in the actor's area, once per booking. */
export async function sendReminders(db: Database, actor: Actor, body: RemindBody): Promise<RemindResult> {
  requirePermission(actor, VACCINATION_SCHEDULE);
  const sessionDate = body.sessionDate ?? addDays(todayInVietnam(), 1);
  if (sessionDate < todayInVietnam()) throw invalidField('sessionDate', 'is in the past');
  return db.transaction(async (tx) => {
    if (body.sessionId) {
      const session = await sessionInScope(tx, body.sessionId, actor.unitCode);
      if (!session) throw invalidField('sessionId', 'no such session in your area');
      if (body.sessionDate && session.session_date !== body.sessionDate) throw invalidField('sessionDate', `the session is on ${session.session_date}`);
    }
    const bookings = await tx.query<{ id: string; person_id: string; phone: string | null; reminded_at: Date | null; starts_at: Date; site_name: string; commune_name: string; dose: number }>(
      `SELECT b.id, b.person_id, p.phone, b.reminded_at, sl.starts_at, st.name AS site_name, u.name AS commune_name,
              (SELECT count(*)::int + 1 FROM dose_records d WHERE d.person_id = b.person_id) AS dose
       FROM vaccination_bookings b JOIN people p ON p.id = b.person_id JOIN vaccination_slots sl ON sl.id = b.slot_id
       JOIN vaccination_sessions s ON s.id = b.session_id JOIN vaccination_sites st ON st.id = s.site_id JOIN units u ON u.code = st.commune_code
       WHERE b.status = 'booked' AND s.status IN ('open', 'closed') AND ${unitInScopeSql('st.commune_code', 1)}
         AND ($2::uuid IS NOT NULL AND s.id = $2 OR $2::uuid IS NULL AND s.session_date = $3)
       ORDER BY sl.starts_at FOR UPDATE OF b`,
      [actor.unitCode, body.sessionId ?? null, sessionDate],
    );
    const counts = { enqueued: 0, alreadyReminded: 0, withoutPhone: 0 };
    for (const booking of bookings) {
      if (booking.reminded_at) counts.alreadyReminded++;
      else if (!booking.phone) counts.withoutPhone++;
      else {
        const message = await enqueue(tx, {
          dedupeKey: reminderKey(booking.id), channel: 'sms', recipient: booking.phone, personId: booking.person_id, template: 'vaccination_reminder',
          payload: { dose: String(booking.dose), at: booking.starts_at.toISOString(), site: siteLabel(booking.site_name, booking.commune_name) }, createdBy: actor.userId,
        });
        await tx.query('UPDATE vaccination_bookings SET reminded_at = now() WHERE id = $1', [booking.id]);
        if (message.created) counts.enqueued++;
        else counts.alreadyReminded++;
      }
    }
    await audit(tx, actor, { action: 'remind', entity: 'vaccination_bookings', entityId: body.sessionId ?? null, detail: { sessionDate, bookings: bookings.length, ...counts } });
    return { sessionDate: body.sessionId ? (await sessionInScope(tx, body.sessionId, null))!.session_date : sessionDate, bookings: bookings.length, ...counts };
  });
}
