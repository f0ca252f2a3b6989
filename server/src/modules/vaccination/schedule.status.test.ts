// Closing and cancelling sessions over HTTP on both engines. Cancelling frees every booked place,
// puts those registrations back to waiting and queues one SMS per booked person with a phone, in
// one transaction; attended bookings are kept; again answers the same. Closed and cancelled
// sessions are not offered to citizens and refuse bookings; a closed one keeps its bookings.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { withTestApp } from '../../testing/app.js';
import { engines } from '../../testing/databases.js';
import { auditRows, bookSelf, createSession, outboxMessages, registerCitizen } from './booking.testkit.js';
import { COMMUNE, OTHER_COMMUNE, createPerson } from './vaccination.testkit.js';

for (const engine of engines()) {
  describe(`closing and cancelling vaccination sessions (${engine})`, () => {
    const t = withTestApp(engine);
    const own = async (token: string) => (await t().request('POST', '/api/v1/open/vaccination/registration', { body: { manageToken: token } })).body;
    const offered = async (sessionId: string) =>
      (await t().request('GET', `/api/v1/open/vaccination/sessions?communeCode=${COMMUNE}`)).body.items.some((s: { id: string }) => s.id === sessionId);

    test('cancelling: booked places freed, people waiting again, one SMS each, attended kept, idempotent, audited', async () => {
      const since = new Date();
      const officer = await t().tokenFor('health_officer', COMMUNE);
      const { sessionId, slotIds } = await createSession(t(), { capacities: [3, 2] });
      const citizens = [await registerCitizen(t()), await registerCitizen(t()), await registerCitizen(t())];
      const bookings: string[] = [];
      for (const [i, citizen] of citizens.entries()) {
        const booked = await bookSelf(t(), citizen.token, slotIds[i % 2]!);
        assert.equal(booked.status, 201, JSON.stringify(booked.body));
        bookings.push(booked.body.booking.id);
      }
      const noPhone = await createPerson(t(), { phone: null });
      const staffBooking = await t().request('POST', '/api/v1/vaccination/bookings', { token: officer, body: { id: randomUUID(), slotId: slotIds[1]!, personId: noPhone } });
      assert.equal(staffBooking.status, 201, JSON.stringify(staffBooking.body));
      // The third person came to the site (the visit slice marks this at check-in).
      await t().db.query(`UPDATE vaccination_bookings SET status = 'attended', attended_at = now() WHERE id = $1`, [bookings[2]]);
      assert.equal(await offered(sessionId), true);

      const url = `/api/v1/vaccination/sessions/${sessionId}/cancel`;
      const noReason = await t().request('POST', url, { token: officer, body: {} });
      assert.equal(noReason.status, 400);
      assert.match(JSON.stringify(noReason.body.error), /reason/);
      assert.equal((await t().request('POST', url, { token: await t().tokenFor('health_officer', OTHER_COMMUNE), body: { reason: 'no vaccine' } })).status, 404);
      assert.equal((await t().request('POST', url, { token: await t().tokenFor('vaccinator', COMMUNE), body: { reason: 'no vaccine' } })).status, 403);

      const cancelled = await t().request('POST', url, { token: officer, body: { reason: 'vaccine delivery delayed' } });
      assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
      assert.deepEqual(
        [cancelled.body.session.status, cancelled.body.repeat, cancelled.body.cancelledBookings, cancelled.body.notified, cancelled.body.withoutPhone],
        ['cancelled', false, 3, 2, 1],
      );
      assert.equal(cancelled.body.session.booked, 1, 'the attended booking stays');
      const statuses = await t().db.query<{ id: string; status: string }>('SELECT id, status FROM vaccination_bookings WHERE session_id = $1 ORDER BY id', [sessionId]);
      assert.deepEqual(Object.fromEntries(statuses.map((b) => [b.id, b.status])), {
        [bookings[0]!]: 'cancelled', [bookings[1]!]: 'cancelled', [bookings[2]!]: 'attended', [staffBooking.body.booking.id]: 'cancelled',
      });
      assert.deepEqual([(await own(citizens[0]!.token)).status, (await own(citizens[1]!.token)).status], ['waiting', 'waiting'], 'back on the waiting list');
      const sms = await outboxMessages(t(), 'vaccination-session-cancelled:');
      const mine = sms.filter((m) => bookings.some((b) => m.dedupe_key.includes(b)));
      assert.equal(mine.length, 2);
      assert.ok(mine.every((m) => m.template === 'vaccination_session_cancelled' && m.payload.reason === 'vaccine delivery delayed' && m.payload.site && m.payload.at));

      const again = await t().request('POST', url, { token: officer, body: { reason: 'again' } });
      assert.deepEqual([again.status, again.body.repeat, again.body.cancelledBookings, again.body.notified], [200, true, 0, 0]);
      assert.equal((await outboxMessages(t(), 'vaccination-session-cancelled:')).length, sms.length, 'no second SMS');

      assert.equal(await offered(sessionId), false, 'not offered to citizens');
      const refused = await bookSelf(t(), citizens[0]!.token, slotIds[0]!);
      assert.equal(refused.status, 409);
      assert.equal(refused.body.error.fields.slotId, 'the session is not open for booking');
      assert.equal((await t().request('POST', `/api/v1/vaccination/sessions/${sessionId}/invitations`, { token: officer, body: {} })).status, 409);
      const close = await t().request('POST', `/api/v1/vaccination/sessions/${sessionId}/close`, { token: officer });
      assert.equal(close.status, 409);
      assert.ok(close.body.error.fields.id);

      const sessionAudit = (await auditRows(t(), 'vaccination_session', since)).filter((row) => row.action === 'cancel');
      assert.equal(sessionAudit.length, 1);
      assert.equal(sessionAudit[0]!.reason, 'vaccine delivery delayed');
      assert.equal((await auditRows(t(), 'vaccination_booking', since)).filter((row) => row.action === 'cancel').length, 3);
    });

    test('closing: no more bookings, booked ones kept and still reminded; closing again answers the same', async () => {
      const officer = await t().tokenFor('health_officer', COMMUNE);
      const { sessionId, slotIds } = await createSession(t(), { capacities: [5], days: 1 });
      const citizen = await registerCitizen(t());
      const booked = await bookSelf(t(), citizen.token, slotIds[0]!);
      assert.equal(booked.status, 201);

      const closed = await t().request('POST', `/api/v1/vaccination/sessions/${sessionId}/close`, { token: officer });
      assert.deepEqual([closed.status, closed.body.session.status, closed.body.repeat, closed.body.session.booked], [200, 'closed', false, 1], JSON.stringify(closed.body));
      const again = await t().request('POST', `/api/v1/vaccination/sessions/${sessionId}/close`, { token: officer });
      assert.deepEqual([again.status, again.body.repeat], [200, true]);
      assert.equal(await offered(sessionId), false);
      const late = await registerCitizen(t());
      const refused = await bookSelf(t(), late.token, slotIds[0]!);
      assert.deepEqual([refused.status, refused.body.error.fields.slotId], [409, 'the session is not open for booking']);
      assert.equal((await own(citizen.token)).bookings[0].id, booked.body.booking.id, 'the booking is kept');
      const reminded = await t().request('POST', '/api/v1/vaccination/reminders', { token: officer, body: { sessionId } });
      assert.deepEqual([reminded.status, reminded.body.bookings], [200, 1], JSON.stringify(reminded.body));

      const cancelled = await t().request('POST', `/api/v1/vaccination/sessions/${sessionId}/cancel`, { token: officer, body: { reason: 'site flooded' } });
      assert.deepEqual([cancelled.status, cancelled.body.session.status, cancelled.body.cancelledBookings], [200, 'cancelled', 1], 'a closed session can still be cancelled');
    });
  });
}
