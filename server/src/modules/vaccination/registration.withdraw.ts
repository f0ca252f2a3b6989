// Withdrawing a registration: the citizen with their manage token, or staff in scope with a reason.
// The registration's booked places are freed in the same transaction, so a withdrawn person never
// keeps a place someone else could have. Withdrawing twice answers the same; a vaccinated
// registration is history and cannot be withdrawn.
import type { Database, Queryable } from '../../db/database.js';
import { type Actor, CITIZEN_ACTOR, requirePermission } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import { conflict, notFound } from '../../platform/errors.js';
import { unitInScopeSql } from '../../platform/scope.js';
import { todayInVietnam } from '../open/time.js';
import { VACCINATION_SCHEDULE } from './permissions.js';
import { registrationOfToken } from './registration.js';
import * as repo from './registration.repository.js';
import type { OwnRegistration, StaffRegistration } from './registration.schema.js';

/**
 * Cancels the given bookings that are still booked (attended ones are kept: the person came) and
 * puts their registrations' status right. Each cancellation is audited with its cause.
 */
export async function cancelBookings(tx: Queryable, actor: Actor, where: { sql: string; params: unknown[] }, cause: Record<string, unknown>) {
  const cancelled = await tx.query<{ id: string; person_id: string; session_id: string; slot_id: string; registration_id: string | null }>(
    `UPDATE vaccination_bookings SET status = 'cancelled', cancelled_at = now() WHERE status = 'booked' AND ${where.sql}
     RETURNING id, person_id, session_id, slot_id, registration_id`, where.params,
  );
  for (const registrationId of new Set(cancelled.map((b) => b.registration_id).filter((id): id is string => id !== null))) {
    await repo.refreshRegistrationStatus(tx, registrationId);
  }
  for (const b of cancelled) {
    await audit(tx, actor, { action: 'cancel', entity: 'vaccination_booking', entityId: b.id, detail: { personId: b.person_id, sessionId: b.session_id, slotId: b.slot_id, ...cause } });
  }
  return cancelled;
}

/**
 * Withdraws a locked registration in the caller's transaction. Answers false when it was already
 * withdrawn (nothing to do); throws 409 naming `field` when it is vaccinated.
 */
export async function withdrawRegistration(tx: Queryable, actor: Actor, row: repo.RegistrationRow, reason: string | null, field: string): Promise<boolean> {
  if (row.status === 'withdrawn') return false;
  if (row.status === 'vaccinated') throw conflict('this registration is vaccinated; it cannot be withdrawn', { [field]: 'the registration is vaccinated: it cannot be withdrawn' });
  const cancelled = await cancelBookings(tx, actor, { sql: 'registration_id = $1', params: [row.id] }, { cause: 'registration withdrawn', registrationId: row.id });
  await tx.query(`UPDATE vaccination_registrations SET status = 'withdrawn', updated_at = now() WHERE id = $1`, [row.id]);
  await audit(tx, actor, {
    action: 'withdraw', entity: 'vaccination_registration', entityId: row.id, reason,
    detail: { personId: row.person_id, previousStatus: row.status, cancelledBookings: cancelled.map((b) => b.id) },
  });
  return true;
}

export async function withdrawSelf(db: Database, manageToken: string): Promise<OwnRegistration> {
  const id = await db.transaction(async (tx) => {
    const found = await registrationOfToken(tx, manageToken);
    const row = (await repo.findRegistration(tx, found.id, true))!;
    await withdrawRegistration(tx, CITIZEN_ACTOR, row, 'withdrawn by the citizen', 'manageToken');
    return row.id;
  });
  return repo.presentOwn(db, (await repo.findRegistration(db, id))!);
}

export async function withdrawByStaff(db: Database, actor: Actor, id: string, reason: string): Promise<StaffRegistration> {
  requirePermission(actor, VACCINATION_SCHEDULE);
  await db.transaction(async (tx) => {
    const [inScope] = await tx.query(
      `SELECT 1 FROM vaccination_registrations r WHERE r.id = $1 AND ${unitInScopeSql('r.commune_code', 2)}`, [id, actor.unitCode],
    );
    const row = inScope ? await repo.findRegistration(tx, id, true) : null;
    if (!row) throw notFound('registration');
    await withdrawRegistration(tx, actor, row, reason, 'id');
  });
  return repo.presentStaff(await repo.staffRegistration(db, id, todayInVietnam()));
}
