// What a merge of two people does to their vaccination registrations and bookings, called by the
// people merge inside its transaction BEFORE it moves references (a person has at most one open
// registration and one active booking per session: moving both as they are would break that).
//
// Decisions: the survivor's open registration is kept (the record staff chose to keep); when only
// the merged record has one, it simply moves with the person. The merged record's open
// registration is withdrawn ("merged into <survivor>"), and its active bookings move to the kept
// registration. In a session where both records hold an active booking, the attended one is kept,
// else the survivor's, and the other is cancelled. Dose records are not touched here: they move
// with every other reference.
import type { Queryable } from '../../db/database.js';
import type { Actor } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import { openRegistrationOf, refreshRegistrationStatus } from './registration.repository.js';
import { cancelBookings } from './registration.withdraw.js';

export async function resolveVaccinationMerge(tx: Queryable, actor: Actor, survivorId: string, mergedId: string): Promise<void> {
  const cause = { cause: 'people merged', survivorId, mergedId };
  // Same session on both records: keep the attended booking, else the survivor's.
  const duplicates = await tx.query<{ survivor_booking: string; survivor_status: string; merged_booking: string; merged_status: string }>(
    `SELECT s.id AS survivor_booking, s.status AS survivor_status, m.id AS merged_booking, m.status AS merged_status
     FROM vaccination_bookings s JOIN vaccination_bookings m ON m.session_id = s.session_id
     WHERE s.person_id = $1 AND m.person_id = $2 AND s.status IN ('booked', 'attended') AND m.status IN ('booked', 'attended')
     FOR UPDATE OF s, m`,
    [survivorId, mergedId],
  );
  const drop = duplicates.map((d) => (d.merged_status === 'attended' && d.survivor_status === 'booked' ? d.survivor_booking : d.merged_booking));
  if (drop.length > 0) await cancelBookings(tx, actor, { sql: 'id = ANY ($1::uuid[])', params: [drop] }, cause);

  const kept = await openRegistrationOf(tx, survivorId, true);
  const other = await openRegistrationOf(tx, mergedId, true);
  if (!kept || !other) return;
  const moved = await tx.query<{ id: string }>(
    `UPDATE vaccination_bookings SET registration_id = $1 WHERE registration_id = $2 AND status IN ('booked', 'attended') RETURNING id`, [kept.id, other.id],
  );
  await tx.query(`UPDATE vaccination_registrations SET status = 'withdrawn', updated_at = now() WHERE id = $1`, [other.id]);
  await refreshRegistrationStatus(tx, kept.id);
  await audit(tx, actor, {
    action: 'withdraw', entity: 'vaccination_registration', entityId: other.id, reason: `merged into ${survivorId}`,
    detail: { personId: mergedId, previousStatus: other.status, keptRegistrationId: kept.id, movedBookings: moved.map((b) => b.id) },
  });
}
