import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { withTestApp } from '../../testing/app.js';
import { engines } from '../../testing/databases.js';
import { buildSelfPerson, buildVenue, codeOfUrl } from './factories.js';

for (const engine of engines()) {
  describe(`citizen self check-in (${engine})`, () => {
    const t = withTestApp(engine);
    const venueCode = async (overrides: Record<string, unknown> = {}) => {
      const { body } = await t().request('POST', '/api/v1/venues', { token: t().adminToken, body: buildVenue(overrides) });
      return { id: body.id as string, code: codeOfUrl(body.qrUrl as string) };
    };
    const selfCheckin = async (body: unknown) => t().request('POST', '/api/v1/checkins/self', { body });

    test('first time with details, then with the personal code only; a retry is the same check-in', async () => {
      const venue = await venueCode({ name: 'Chợ nổi Ngã Bảy', communeCode: '31340', location: { lat: 9.8165, lon: 105.8237 } });
      const person = buildSelfPerson({ nationalId: null });
      const first = await selfCheckin({ id: randomUUID(), venueCode: venue.code, person });
      assert.equal(first.status, 201);
      assert.equal(first.body.checkin.venue.name, 'Chợ nổi Ngã Bảy');
      assert.equal(first.body.repeat, false);
      assert.match(first.body.personCode, /^[A-Za-z0-9_-]{39}$/);
      const id = randomUUID();
      const second = await selfCheckin({ id, venueCode: venue.code, personCode: first.body.personCode });
      assert.equal(second.status, 201);
      const retry = await selfCheckin({ id, venueCode: venue.code, personCode: first.body.personCode });
      assert.equal(retry.status, 200);
      assert.equal(retry.body.repeat, true);
      assert.equal(retry.body.checkin.checkedInAt, second.body.checkin.checkedInAt);
      // Typing the same details on another phone finds the same person, not a second record.
      const otherPhone = await selfCheckin({ id: randomUUID(), venueCode: venue.code, person: { ...person, fullName: `  ${person.fullName.toUpperCase()} ` } });
      assert.equal(otherPhone.body.personCode, first.body.personCode);
      const people = await t().db.query('SELECT 1 FROM people WHERE phone = $1', [`+84${person.phone.slice(1)}`]);
      assert.equal(people.length, 1);
    });

    test('check-out with one tap, only with the code of the person who checked in; history lists the phone\'s own visits', async () => {
      const venue = await venueCode();
      const { body } = await selfCheckin({ id: randomUUID(), venueCode: venue.code, person: buildSelfPerson() });
      const { body: stranger } = await t().request('POST', '/api/v1/personal-codes', { body: { person: buildSelfPerson() } });
      const refused = await t().request('POST', `/api/v1/checkins/self/${body.checkin.id}/checkout`, { body: { personCode: stranger.personCode } });
      assert.equal(refused.status, 404);
      const out = await t().request('POST', `/api/v1/checkins/self/${body.checkin.id}/checkout`, { body: { personCode: body.personCode } });
      assert.equal(out.status, 200);
      assert.ok(out.body.checkedOutAt);
      assert.equal(out.body.endsAt, out.body.checkedOutAt);
      const history = await t().request('POST', '/api/v1/checkins/self/history', { body: { personCode: body.personCode } });
      assert.deepEqual(history.body.items.map((c: { id: string }) => c.id), [body.checkin.id]);
    });

    test('forged, revoked and closed venue codes, bad details and a forged personal code answer 400 naming the field', async () => {
      const venue = await venueCode();
      const forged = await selfCheckin({ id: randomUUID(), venueCode: `${venue.code.slice(0, -3)}AAA`, person: buildSelfPerson() });
      assert.match(forged.body.error.fields.venueCode, /not a valid venue code/);
      const bad = await selfCheckin({ id: randomUUID(), venueCode: venue.code, person: buildSelfPerson({ phone: '123456789', nationalId: '093085000001', birthYear: 1990 }) });
      assert.equal(bad.status, 400);
      assert.match(bad.body.error.fields['person.phone'], /not a Vietnamese phone number/);
      assert.match(bad.body.error.fields['person.nationalId'], /birth year 1985/);
      const fakeCode = await selfCheckin({ id: randomUUID(), venueCode: venue.code, personCode: 'UFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFA' });
      assert.match(fakeCode.body.error.fields.personCode, /not a valid personal code/);
      const neither = await selfCheckin({ id: randomUUID(), venueCode: venue.code });
      assert.ok(neither.body.error.fields.personCode);
      await t().request('POST', `/api/v1/venues/${venue.id}/reissue-code`, { token: t().adminToken, body: {} });
      const revoked = await selfCheckin({ id: randomUUID(), venueCode: venue.code, person: buildSelfPerson() });
      assert.match(revoked.body.error.fields.venueCode, /revoked/);
      const closed = await venueCode();
      await t().request('PATCH', `/api/v1/venues/${closed.id}`, { token: t().adminToken, body: { status: 'closed' } });
      assert.match((await selfCheckin({ id: randomUUID(), venueCode: closed.code, person: buildSelfPerson() })).body.error.fields.venueCode, /closed/);
    });

    test('a traveller from outside the province is recorded under the province, seen by provincial staff only', async () => {
      const venue = await venueCode();
      const { body } = await selfCheckin({ id: randomUUID(), venueCode: venue.code, person: buildSelfPerson({ communeCode: null, fullName: 'Khách Cần Thơ' }) });
      const [row] = await t().db.query<{ commune_code: string }>('SELECT p.commune_code FROM checkins c JOIN people p ON p.id = c.person_id WHERE c.id = $1', [body.checkin.id]);
      assert.equal(row?.commune_code, '93');
      const [audit] = await t().db.query<{ actor_username: string }>(`SELECT actor_username FROM audit_log WHERE action = 'self_register' ORDER BY id DESC LIMIT 1`);
      assert.equal(audit?.actor_username, 'citizen');
    });
  });
}
