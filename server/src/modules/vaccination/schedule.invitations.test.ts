// Invitations and reminders over HTTP on both engines: the highest-priority waiting registrations of
// a session's area are invited by SMS through the outbox, in priority order then by registration
// time, each once; the link books; the confirmation of a booking; reminders the day before, once.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { withTestApp } from '../../testing/app.js';
import { engines } from '../../testing/databases.js';
import { addDays, todayInVietnam } from '../open/time.js';
import { bookSelf, createSession, outboxMessages, registerCitizen } from './booking.testkit.js';
import { OTHER_COMMUNE, COMMUNE } from './vaccination.testkit.js';

for (const engine of engines()) {
  describe(`vaccination invitations and reminders (${engine})`, () => {
    const t = withTestApp(engine);
    const invite = (sessionId: string, body: unknown, token = t().adminToken, key?: string) =>
      t().app.inject({ method: 'POST', url: `/api/v1/vaccination/sessions/${sessionId}/invitations`, payload: body as object, headers: { authorization: `Bearer ${token}`, ...(key ? { 'idempotency-key': key } : {}) } })
        .then((response) => ({ status: response.statusCode, body: JSON.parse(response.body) }));

    test('invitations go out by priority then registration time, each once, and the link books', async () => {
      // registered in this order; priority decides first
      const other = await registerCitizen(t(), { priorityGroup: 'others' }, { communeCode: OTHER_COMMUNE });
      const teacherA = await registerCitizen(t(), { priorityGroup: 'teachers' }, { communeCode: OTHER_COMMUNE });
      const elder = await registerCitizen(t(), { priorityGroup: 'elderly_65' }, { communeCode: OTHER_COMMUNE, birthDate: '1950-01-01' });
      const nurse = await registerCitizen(t(), { priorityGroup: 'health_workers' }, { communeCode: OTHER_COMMUNE });
      const teacherB = await registerCitizen(t(), { priorityGroup: 'teachers' }, { communeCode: OTHER_COMMUNE });
      const elsewhere = await registerCitizen(t(), { priorityGroup: 'health_workers' }, { communeCode: COMMUNE });
      const { sessionId, slotIds } = await createSession(t(), { capacities: [10], communeCode: OTHER_COMMUNE });

      const first = await invite(sessionId, { count: 3 }, t().adminToken, 'invite-1');
      assert.equal(first.status, 200, JSON.stringify(first.body));
      assert.deepEqual([first.body.invited, first.body.invitedGroups], [3, { health_workers: 1, teachers: 2 }]);
      const sent = await outboxMessages(t(), `vaccination-invite:${sessionId}:`);
      const keyOf = (r: { id: string }) => `vaccination-invite:${sessionId}:${r.id}:sms`;
      assert.deepEqual(sent.map((m) => m.dedupe_key).sort(), [nurse, teacherA, teacherB].map(keyOf).sort());
      assert.ok(sent.every((m) => m.template === 'vaccination_invitation' && m.recipient.startsWith('+84') && m.payload.date === addDays(todayInVietnam(), 2)));
      assert.match(sent[0]!.payload.link!, /\/vaccination#t=[A-Za-z0-9_-]{40,48}$/);

      const replay = await invite(sessionId, { count: 3 }, t().adminToken, 'invite-1');
      assert.deepEqual(replay.body, first.body, 'a retry with the same key answers the same');
      assert.equal((await outboxMessages(t(), `vaccination-invite:${sessionId}:`)).length, 3, 'and sends nothing new');

      const next = await invite(sessionId, {});
      assert.deepEqual([next.body.invited, next.body.invitedGroups], [2, { elderly_65: 1, others: 1 }], 'the rest, never the same person twice');
      assert.ok(!(await outboxMessages(t(), `vaccination-invite:${sessionId}:`)).some((m) => m.dedupe_key === keyOf(elsewhere)), 'another district is not the area');
      assert.equal((await invite(sessionId, {})).body.invited, 0);
      assert.ok((await outboxMessages(t(), `vaccination-invite:${sessionId}:`)).some((m) => m.dedupe_key === keyOf(other) || m.dedupe_key === keyOf(elder)));

      const link = sent.find((m) => m.dedupe_key === keyOf(nurse))!.payload.link!;
      const booked = await bookSelf(t(), link.split('#t=')[1]!, slotIds[0]!);
      assert.equal(booked.status, 201, 'the link\'s token books');
      const [confirmation] = await outboxMessages(t(), `vaccination-booked:${booked.body.booking.id}`);
      assert.deepEqual([confirmation?.template, confirmation?.payload.at], ['vaccination_booked', booked.body.booking.startsAt]);

      const tracer = await t().tokenFor('tracer', null);
      assert.equal((await invite(sessionId, {}, tracer)).status, 403);
      const outside = await t().tokenFor('health_officer', COMMUNE);
      assert.equal((await invite(sessionId, {}, outside)).status, 404);
      assert.equal((await invite(randomUUID(), {})).status, 404);
      assert.ok((await invite(sessionId, { count: 0 })).body.error.fields.count);
    });

    test('reminders the day before: everyone booked for tomorrow, once per booking', async () => {
      const tomorrow = await createSession(t(), { capacities: [5], days: 1 });
      const later = await createSession(t(), { capacities: [5], days: 3 });
      const a = await registerCitizen(t());
      const b = await registerCitizen(t());
      const c = await registerCitizen(t());
      const bookingA = (await bookSelf(t(), a.token, tomorrow.slotIds[0]!)).body.booking;
      const bookingB = (await bookSelf(t(), b.token, tomorrow.slotIds[0]!)).body.booking;
      await bookSelf(t(), c.token, later.slotIds[0]!);
      const cancelled = await registerCitizen(t());
      const gone = (await bookSelf(t(), cancelled.token, tomorrow.slotIds[0]!)).body.booking;
      await t().request('POST', `/api/v1/open/vaccination/bookings/${gone.id}/cancel`, { body: { manageToken: cancelled.token } });

      const remind = () => t().request('POST', '/api/v1/vaccination/reminders', { token: t().adminToken, body: {} });
      const first = await remind();
      assert.equal(first.status, 200, JSON.stringify(first.body));
      assert.deepEqual([first.body.sessionDate, first.body.bookings, first.body.enqueued], [addDays(todayInVietnam(), 1), 2, 2]);
      const messages = await outboxMessages(t(), 'vaccination-reminder:');
      assert.deepEqual(messages.map((m) => m.dedupe_key).sort(), [bookingA.id, bookingB.id].map((id) => `vaccination-reminder:${id}:sms`).sort());
      assert.deepEqual([messages[0]!.template, messages[0]!.payload.dose], ['vaccination_reminder', '1']);
      const second = await t().request('POST', '/api/v1/vaccination/reminders', { token: t().adminToken }); // a button: no body at all
      assert.deepEqual([second.body.enqueued, second.body.alreadyReminded], [0, 2]);
      const past = await t().request('POST', '/api/v1/vaccination/reminders', { token: t().adminToken, body: { sessionDate: addDays(todayInVietnam(), -1) } });
      assert.equal(past.body.error.fields.sessionDate, 'is in the past');
      const one = await t().request('POST', '/api/v1/vaccination/reminders', { token: t().adminToken, body: { sessionId: later.sessionId } });
      assert.deepEqual([one.status, one.body.enqueued, one.body.sessionDate], [200, 1, addDays(todayInVietnam(), 3)]);
    });
  });
}
