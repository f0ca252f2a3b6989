// Merging two people who both registered for vaccination and booked the same session, over HTTP on
// both engines: the merge succeeds, the survivor keeps one open registration and one active booking
// per session, the merged record's registration is withdrawn ("merged into <survivor>"), its other
// bookings move to the kept registration, and its dose records move to the survivor.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { withTestApp } from '../../testing/app.js';
import { engines } from '../../testing/databases.js';
import { createSession } from './booking.testkit.js';
import { buildDose, createPerson, postDose, siteWithStock } from './vaccination.testkit.js';

for (const engine of engines()) {
  describe(`merging people with vaccination registrations (${engine})`, () => {
    const t = withTestApp(engine);
    const admin = () => t().adminToken;
    const register = async (personId: string) => {
      const response = await t().request('POST', '/api/v1/vaccination/registrations', { token: admin(), body: { id: randomUUID(), priorityGroup: 'teachers', personId } });
      assert.equal(response.status, 201, JSON.stringify(response.body));
      return response.body.registration.id as string;
    };
    const book = async (registrationId: string, slotId: string) => {
      const response = await t().request('POST', '/api/v1/vaccination/bookings', { token: admin(), body: { id: randomUUID(), slotId, registrationId } });
      assert.equal(response.status, 201, JSON.stringify(response.body));
      return response.body.booking.id as string;
    };

    test('both registered and booked the same session: 200, one open registration, one active booking, nothing lost', async () => {
      const survivor = await createPerson(t());
      const duplicate = await createPerson(t());
      const stock = await siteWithStock(t());
      const dose = await postDose(t(), buildDose(duplicate, stock));
      assert.equal(dose.status, 201, JSON.stringify(dose.body));
      const kept = await register(survivor);
      const other = await register(duplicate);
      const shared = await createSession(t(), { capacities: [2, 2] });
      const later = await createSession(t(), { capacities: [2], days: 5 });
      const keptBooking = await book(kept, shared.slotIds[0]!);
      const duplicateBooking = await book(other, shared.slotIds[1]!);
      const laterBooking = await book(other, later.slotIds[0]!);

      const merge = await t().request('POST', `/api/v1/people/${survivor}/merge`, { token: admin(), body: { mergedId: duplicate, reason: 'same person registered twice' } });
      assert.equal(merge.status, 200, JSON.stringify(merge.body));
      assert.equal(merge.body.moved['dose_records.person_id'], 1, 'the dose record moved');

      const registrations = await t().db.query<{ id: string; status: string }>('SELECT id, status FROM vaccination_registrations WHERE person_id = $1 ORDER BY created_at', [survivor]);
      assert.deepEqual(Object.fromEntries(registrations.map((r) => [r.id, r.status])), { [kept]: 'booked', [other]: 'withdrawn' }, 'one open registration; the other kept as withdrawn');
      const bookings = await t().db.query<{ id: string; status: string; person_id: string; registration_id: string; session_id: string }>(
        'SELECT id, status, person_id, registration_id, session_id FROM vaccination_bookings WHERE id = ANY ($1::uuid[])', [[keptBooking, duplicateBooking, laterBooking]],
      );
      const byId = Object.fromEntries(bookings.map((b) => [b.id, b]));
      assert.deepEqual([byId[keptBooking]!.status, byId[duplicateBooking]!.status, byId[laterBooking]!.status], ['booked', 'cancelled', 'booked']);
      assert.ok(bookings.every((b) => b.person_id === survivor), 'every booking belongs to the survivor');
      assert.equal(byId[laterBooking]!.registration_id, kept, 'the other session\'s booking moved to the kept registration');
      const [active] = await t().db.query<{ n: number }>(`SELECT count(*)::int AS n FROM vaccination_bookings WHERE person_id = $1 AND session_id = $2 AND status IN ('booked', 'attended')`, [survivor, shared.sessionId]);
      assert.equal(active!.n, 1);
      const [doses] = await t().db.query<{ n: number }>('SELECT count(*)::int AS n FROM dose_records WHERE person_id = $1', [survivor]);
      assert.equal(doses!.n, 1);

      const [withdrawal] = await t().db.query<{ reason: string }>(`SELECT reason FROM audit_log WHERE entity = 'vaccination_registration' AND entity_id = $1 AND action = 'withdraw'`, [other]);
      assert.equal(withdrawal!.reason, `merged into ${survivor}`);
      const list = await t().request('GET', '/api/v1/vaccination/registrations?limit=500', { token: admin() });
      assert.equal(list.body.items.filter((r: { personId: string }) => r.personId === survivor).length, 1);
    });

    test('only the merged record registered: its registration and booking simply move to the survivor', async () => {
      const survivor = await createPerson(t());
      const duplicate = await createPerson(t());
      const registration = await register(duplicate);
      const { slotIds } = await createSession(t(), { capacities: [1] });
      const booking = await book(registration, slotIds[0]!);
      const merge = await t().request('POST', `/api/v1/people/${survivor}/merge`, { token: admin(), body: { mergedId: duplicate, reason: 'same person' } });
      assert.equal(merge.status, 200, JSON.stringify(merge.body));
      const [row] = await t().db.query<{ person_id: string; status: string }>('SELECT person_id, status FROM vaccination_registrations WHERE id = $1', [registration]);
      assert.deepEqual([row!.person_id, row!.status], [survivor, 'booked']);
      const [b] = await t().db.query<{ person_id: string; status: string }>('SELECT person_id, status FROM vaccination_bookings WHERE id = $1', [booking]);
      assert.deepEqual([b!.person_id, b!.status], [survivor, 'booked']);
    });
  });
}
