// Sessions and booking over HTTP on both engines: sessions with slots (bad input names the field),
// the public list of open sessions without personal data, and bookings that never exceed a slot's
// capacity, also when many arrive at once for the last place; one booking per person and session;
// cancelling frees the place; retries are the same booking.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { withTestApp } from '../../testing/app.js';
import { engines } from '../../testing/databases.js';
import { addDays, todayInVietnam } from '../open/time.js';
import { bookSelf, createSession, registerCitizen } from './booking.testkit.js';
import { COMMUNE, DISTRICT, OTHER_COMMUNE } from './vaccination.testkit.js';

for (const engine of engines()) {
  describe(`vaccination sessions and booking (${engine})`, () => {
    const t = withTestApp(engine);
    const bookedIn = async (slotId: string) =>
      (await t().db.query<{ n: number }>(`SELECT count(*)::int AS n FROM vaccination_bookings WHERE slot_id = $1 AND status = 'booked'`, [slotId]))[0]!.n;

    test('a session: slots in local time with places; bad input names the field; staff only in their area', async () => {
      const { session, siteId } = await createSession(t(), { capacities: [10, 5] });
      assert.deepEqual(session.slots.map((s: { start: string; end: string; remaining: number }) => [s.start, s.end, s.remaining]), [['08:00', '09:00', 10], ['09:00', '10:00', 5]]);
      assert.equal(session.slots[0].startsAt, `${session.sessionDate}T01:00:00.000Z`, '08:00 in Vietnam');
      assert.deepEqual([session.capacity, session.remaining, session.status], [15, 15, 'open']);

      const body = { siteId, sessionDate: addDays(todayInVietnam(), 3), productCode: 'PFIZER', slots: [{ start: '08:00', end: '09:00', capacity: 5 }] };
      const cases: [Record<string, unknown>, string, RegExp][] = [
        [{ sessionDate: addDays(todayInVietnam(), -1) }, 'sessionDate', /past/],
        [{ siteId: randomUUID() }, 'siteId', /no such vaccination site/],
        [{ productCode: 'NOVAVAX' }, 'productCode', /unknown product/],
        [{ slots: [{ start: '09:00', end: '08:00', capacity: 5 }] }, 'slots[0].end', /after start/],
        [{ slots: [{ start: '08:00', end: '09:00', capacity: 5 }, { start: '08:30', end: '09:30', capacity: 5 }] }, 'slots[1].start', /overlaps/],
        [{ slots: [{ start: '8h', end: '09:00', capacity: 5 }] }, 'slots.0.start', /./],
        [{ slots: [{ start: '08:00', end: '09:00', capacity: 0 }] }, 'slots.0.capacity', /./],
        [{ slots: [] }, 'slots', /./],
      ];
      for (const [overrides, field, reason] of cases) {
        const response = await t().request('POST', '/api/v1/vaccination/sessions', { token: t().adminToken, body: { ...body, ...overrides } });
        assert.equal(response.status, 400, `${JSON.stringify(overrides)} → ${JSON.stringify(response.body)}`);
        const fields = response.body.error.fields as Record<string, string>;
        const value = fields[field] ?? fields[field.replace(/\.(\d+)\./, '[$1].')];
        assert.match(value ?? '', reason, `${field}: ${JSON.stringify(fields)}`);
      }
      const otherOfficer = await t().tokenFor('health_officer', OTHER_COMMUNE);
      const outside = await t().request('POST', '/api/v1/vaccination/sessions', { token: otherOfficer, body });
      assert.match(outside.body.error.fields.siteId, /in your area/);
      const vaccinator = await t().tokenFor('vaccinator', COMMUNE);
      assert.equal((await t().request('POST', '/api/v1/vaccination/sessions', { token: vaccinator, body })).status, 403);

      const listed = await t().request('GET', `/api/v1/vaccination/sessions?siteId=${siteId}`, { token: await t().tokenFor('health_officer', DISTRICT) });
      assert.deepEqual(listed.body.items.map((s: { id: string }) => s.id), [session.id]);
      assert.deepEqual((await t().request('GET', `/api/v1/vaccination/sessions?siteId=${siteId}`, { token: otherOfficer })).body.items, []);
    });

    test('citizens see open sessions near their commune with places left, and no personal data', async () => {
      const { sessionId, slotIds } = await createSession(t(), { capacities: [1, 3] });
      const far = await createSession(t(), { communeCode: OTHER_COMMUNE });
      const citizen = await registerCitizen(t());
      const booked = await bookSelf(t(), citizen.token, slotIds[0]!);
      assert.equal(booked.status, 201);
      assert.deepEqual([booked.body.booking.personId, booked.body.booking.registrationId], [undefined, undefined], 'the phone gets no record ids');
      const response = await t().request('GET', `/api/v1/open/vaccination/sessions?communeCode=${COMMUNE}`);
      assert.equal(response.status, 200);
      const mine = response.body.items.find((s: { id: string }) => s.id === sessionId);
      assert.deepEqual(mine.slots.map((s: { remaining: number }) => s.remaining), [0, 3]);
      assert.ok(!response.body.items.some((s: { id: string }) => s.id === far.sessionId), 'another district is not near');
      assert.doesNotMatch(JSON.stringify(response.body), /fullName|phone|personId|Trần Thị/);
      const bad = await t().request('GET', '/api/v1/open/vaccination/sessions?communeCode=abc');
      assert.equal(bad.status, 400);
      assert.ok(bad.body.error.fields.communeCode);
    });

    test('the last place: of many bookings at once exactly one succeeds, the others 409 naming slotId', async () => {
      const { slotIds } = await createSession(t(), { capacities: [3] });
      const slotId = slotIds[0]!;
      for (let i = 0; i < 2; i++) assert.equal((await bookSelf(t(), (await registerCitizen(t())).token, slotId)).status, 201);
      const racers = await Promise.all(Array.from({ length: 8 }, () => registerCitizen(t())));
      const answers = await Promise.all(racers.map((racer) => bookSelf(t(), racer.token, slotId)));
      const statuses = answers.map((a) => a.status).sort();
      assert.deepEqual(statuses, [201, 409, 409, 409, 409, 409, 409, 409], JSON.stringify(answers.map((a) => a.body)));
      for (const lost of answers.filter((a) => a.status === 409)) assert.match(lost.body.error.fields.slotId, /is full/);
      assert.equal(await bookedIn(slotId), 3, 'never more than the capacity');
    });

    test('one booking per person and session; a retry is the same booking; cancel frees the place and allows a rebook', async () => {
      const { sessionId, slotIds } = await createSession(t(), { capacities: [1, 1] });
      const citizen = await registerCitizen(t());
      const id = randomUUID();
      const first = await bookSelf(t(), citizen.token, slotIds[0]!, id);
      assert.equal(first.status, 201, JSON.stringify(first.body));
      assert.deepEqual([first.body.booking.sessionId, first.body.booking.status, first.body.repeat], [sessionId, 'booked', false]);
      const retry = await bookSelf(t(), citizen.token, slotIds[0]!, id);
      assert.deepEqual([retry.status, retry.body.booking.id, retry.body.repeat], [200, id, true], 'a retry, even of a now full slot');
      const second = await bookSelf(t(), citizen.token, slotIds[1]!);
      assert.equal(second.status, 409);
      assert.match(second.body.error.fields.slotId, /already booked in this session/);
      const own = await t().request('POST', '/api/v1/open/vaccination/registration', { body: { manageToken: citizen.token } });
      assert.deepEqual([own.body.status, own.body.bookings.map((b: { id: string }) => b.id)], ['booked', [id]]);
      assert.ok(own.body.bookings[0].site.name && own.body.bookings[0].startsAt);

      const stranger = await registerCitizen(t());
      assert.equal((await t().request('POST', `/api/v1/open/vaccination/bookings/${id}/cancel`, { body: { manageToken: stranger.token } })).status, 404, 'only the holder cancels');
      const cancelled = await t().request('POST', `/api/v1/open/vaccination/bookings/${id}/cancel`, { body: { manageToken: citizen.token } });
      assert.deepEqual([cancelled.status, cancelled.body.status], [200, 'cancelled']);
      assert.equal((await t().request('POST', `/api/v1/open/vaccination/bookings/${id}/cancel`, { body: { manageToken: citizen.token } })).body.status, 'cancelled', 'cancelling again answers the same');
      assert.equal((await bookSelf(t(), stranger.token, slotIds[0]!)).status, 201, 'the freed place');
      assert.equal((await bookSelf(t(), citizen.token, slotIds[1]!)).status, 201, 'a rebook after cancelling');
      assert.equal((await bookSelf(t(), citizen.token, slotIds[1]!, id)).status, 409, 'a used id for another slot');
      assert.equal((await bookSelf(t(), citizen.token, randomUUID())).body.error.fields.slotId, 'no such slot');
    });

    test('staff book for a person in their area and cancel; out of scope and bad input are refused', async () => {
      const { slotIds } = await createSession(t(), { capacities: [1] });
      const officer = await t().tokenFor('health_officer', COMMUNE);
      const citizen = await registerCitizen(t());
      const body = { id: randomUUID(), slotId: slotIds[0]!, registrationId: citizen.id };
      const booked = await t().request('POST', '/api/v1/vaccination/bookings', { token: officer, body });
      assert.equal(booked.status, 201, JSON.stringify(booked.body));
      assert.equal((await t().request('POST', '/api/v1/vaccination/bookings', { token: officer, body })).status, 200);
      const bookings = await t().request('GET', `/api/v1/vaccination/sessions/${booked.body.booking.sessionId}/bookings?reason=prepare`, { token: officer });
      assert.equal(bookings.status, 200);
      assert.equal(bookings.body.slots[0].bookings[0].id, body.id);
      assert.match(bookings.body.slots[0].bookings[0].phone, /^•+/);

      const other = await t().tokenFor('health_officer', OTHER_COMMUNE);
      const outside = await t().request('POST', '/api/v1/vaccination/bookings', { token: other, body: { ...body, id: randomUUID() } });
      assert.equal(outside.status, 400);
      assert.ok(outside.body.error.fields.registrationId);
      assert.equal((await t().request('POST', `/api/v1/vaccination/bookings/${body.id}/cancel`, { token: other })).status, 404);
      const both = await t().request('POST', '/api/v1/vaccination/bookings', { token: officer, body: { ...body, id: randomUUID(), personId: randomUUID() } });
      assert.equal(both.body.error.fields.personId, 'give either registrationId or personId');

      const cancelled = await t().request('POST', `/api/v1/vaccination/bookings/${body.id}/cancel`, { token: officer });
      assert.deepEqual([cancelled.status, cancelled.body.status], [200, 'cancelled']);
      const again = await t().request('POST', '/api/v1/vaccination/bookings', { token: officer, body: { ...body, id: randomUUID() } });
      assert.equal(again.status, 201, 'the place is free again');
    });
  });
}
