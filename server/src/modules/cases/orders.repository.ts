// SQL of what follows a contact's confirmation: test and quarantine orders, daily checks.
import type { Queryable } from '../../db/database.js';
import type { ContactCheck, QuarantineOrder, TestOrder } from './contacts.schema.js';

interface CheckRow { checked_on: string; symptoms: string[]; temperature_c: number | null; note: string | null; recorded_at: Date }
interface TestRow { id: string; due_on: string; site: string | null; status: TestOrder['status']; ordered_at: Date }
interface QuarantineRow { id: string; kind: QuarantineOrder['kind']; place: string | null; starts_on: string; ends_on: string; status: QuarantineOrder['status']; ordered_at: Date }

const presentCheck = (row: CheckRow): ContactCheck => ({
  checkedOn: row.checked_on, symptoms: row.symptoms, temperatureC: row.temperature_c, note: row.note, recordedAt: row.recorded_at.toISOString(),
});

/** A contact's checks (newest first) and orders, for its record. */
export async function ordersOf(db: Queryable, contactId: string) {
  const checks = await db.query<CheckRow>(
    'SELECT checked_on, symptoms, temperature_c, note, recorded_at FROM contact_checks WHERE contact_id = $1 ORDER BY checked_on DESC', [contactId]);
  const tests = await db.query<TestRow>('SELECT id, due_on, site, status, ordered_at FROM test_orders WHERE contact_id = $1 ORDER BY due_on', [contactId]);
  const quarantines = await db.query<QuarantineRow>(
    'SELECT id, kind, place, starts_on, ends_on, status, ordered_at FROM quarantine_orders WHERE contact_id = $1 ORDER BY ordered_at', [contactId]);
  return {
    checks: checks.map(presentCheck),
    testOrders: tests.map((t) => ({ id: t.id, dueOn: t.due_on, site: t.site, status: t.status, orderedAt: t.ordered_at.toISOString() })),
    quarantineOrders: quarantines.map((q) => ({
      id: q.id, kind: q.kind, place: q.place, startsOn: q.starts_on, endsOn: q.ends_on, status: q.status, orderedAt: q.ordered_at.toISOString(),
    })),
  };
}

/** One test a day per contact: ordering the same day again finds the same order (created false). */
export async function upsertTestOrder(tx: Queryable, input: { contactId: string; personId: string; dueOn: string; site: string | null; note: string | null; by: string }) {
  const [row] = await tx.query<{ id: string; created: boolean }>(
    `INSERT INTO test_orders (contact_id, person_id, due_on, site, note, ordered_by) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (contact_id, due_on) DO UPDATE SET site = coalesce(excluded.site, test_orders.site), updated_at = now()
     RETURNING id, (xmax = 0) AS created`,
    [input.contactId, input.personId, input.dueOn, input.site, input.note, input.by],
  );
  return row!;
}

export interface QuarantineInput { contactId: string; personId: string; kind: 'home' | 'facility'; place: string | null; startsOn: string; endsOn: string; note: string | null; by: string }

/**
 * The contact's open quarantine order, created or amended. `before` is the order as it was (null
 * when new), so the audit row can say what changed.
 */
export async function upsertQuarantineOrder(tx: Queryable, input: QuarantineInput) {
  const [before] = await tx.query<QuarantineRow>(
    `SELECT id, kind, place, starts_on, ends_on, status, ordered_at FROM quarantine_orders WHERE contact_id = $1 AND status = 'ordered' FOR UPDATE`, [input.contactId]);
  if (before) {
    const same = before.kind === input.kind && before.place === input.place && before.starts_on === input.startsOn && before.ends_on === input.endsOn;
    if (!same) {
      await tx.query('UPDATE quarantine_orders SET kind = $2, place = $3, starts_on = $4, ends_on = $5, note = coalesce($6, note), updated_at = now() WHERE id = $1',
        [before.id, input.kind, input.place, input.startsOn, input.endsOn, input.note]);
    }
    return { id: before.id, before, changed: !same };
  }
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO quarantine_orders (contact_id, person_id, kind, place, starts_on, ends_on, note, ordered_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [input.contactId, input.personId, input.kind, input.place, input.startsOn, input.endsOn, input.note, input.by],
  );
  return { id: row!.id, before: null, changed: true };
}

/** A rejected contact's open orders are cancelled with it. Returns how many. */
export async function cancelOpenOrders(tx: Queryable, contactId: string): Promise<number> {
  const tests = await tx.query(`UPDATE test_orders SET status = 'cancelled', updated_at = now() WHERE contact_id = $1 AND status = 'ordered' RETURNING id`, [contactId]);
  const quarantines = await tx.query(`UPDATE quarantine_orders SET status = 'cancelled', updated_at = now() WHERE contact_id = $1 AND status = 'ordered' RETURNING id`, [contactId]);
  return tests.length + quarantines.length;
}

/** Follow-up has ended: an open quarantine is over (completed), an untaken test no longer needed (cancelled). */
export async function closeOpenOrders(tx: Queryable, contactId: string): Promise<void> {
  await tx.query(`UPDATE quarantine_orders SET status = 'completed', updated_at = now() WHERE contact_id = $1 AND status = 'ordered'`, [contactId]);
  await tx.query(`UPDATE test_orders SET status = 'cancelled', updated_at = now() WHERE contact_id = $1 AND status = 'ordered'`, [contactId]);
}

/** One check a day: recording the same day again replaces it. */
export async function upsertCheck(
  tx: Queryable,
  input: { contactId: string; checkedOn: string; symptoms: string[]; temperatureC: number | null; note: string | null; by: string },
): Promise<{ check: ContactCheck; created: boolean }> {
  const [row] = await tx.query<CheckRow & { created: boolean }>(
    `INSERT INTO contact_checks (contact_id, checked_on, symptoms, temperature_c, note, recorded_by) VALUES ($1, $2, $3::text[], $4, $5, $6)
     ON CONFLICT (contact_id, checked_on) DO UPDATE SET symptoms = excluded.symptoms, temperature_c = excluded.temperature_c,
       note = excluded.note, recorded_by = excluded.recorded_by, recorded_at = now()
     RETURNING checked_on, symptoms, temperature_c, note, recorded_at, (xmax = 0) AS created`,
    [input.contactId, input.checkedOn, input.symptoms, input.temperatureC, input.note, input.by],
  );
  return { check: presentCheck(row!), created: row!.created };
}
