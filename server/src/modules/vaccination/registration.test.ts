// Registration (the health book) over HTTP on both engines: bad input names the field, a retry is
// the same registration, the identity attaches to the one existing person, the manage token, staff
// registration with its permission and scope.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { withTestApp } from '../../testing/app.js';
import { engines } from '../../testing/databases.js';
import { buildPerson } from '../../testing/factories.js';
import { addDays, todayInVietnam } from '../open/time.js';
import { buildIdentity, buildSelfRegistration, outboxMessages, postSelfRegistration } from './booking.testkit.js';
import { COMMUNE, DISTRICT, OTHER_COMMUNE, createSite } from './vaccination.testkit.js';

for (const engine of engines()) {
  describe(`vaccination registration (${engine})`, () => {
    const t = withTestApp(engine);
    const personIdOf = async (registrationId: string) =>
      (await t().db.query<{ person_id: string }>('SELECT person_id FROM vaccination_registrations WHERE id = $1', [registrationId]))[0]?.person_id;

    test('the priority groups come in the Ministry\'s order with both languages', async () => {
      const response = await t().request('GET', '/api/v1/open/vaccination/priority-groups');
      assert.equal(response.status, 200);
      const codes = response.body.items.map((g: { code: string }) => g.code);
      assert.equal(codes[0], 'health_workers');
      assert.ok(codes.includes('elderly_65') && codes.includes('teachers') && codes.includes('pregnant_women') && codes.at(-1) === 'others');
      const orders = response.body.items.map((g: { order: number }) => g.order);
      assert.deepEqual(orders, [...orders].sort((a: number, b: number) => a - b));
      assert.equal(response.body.items.find((g: { code: string }) => g.code === 'pregnant_women').enabled, false);
      assert.ok(response.body.items.every((g: { vi: string; en: string }) => g.vi && g.en));
    });

    test('bad input names the field', async () => {
      const site = await createSite(t());
      await t().db.query('UPDATE vaccination_sites SET active = false WHERE id = $1', [site]);
      const cases: [Record<string, unknown>, Record<string, unknown>, string, RegExp][] = [
        [{}, { phone: '123456789' }, 'person.phone', /Vietnamese phone/],
        [{}, { nationalId: '093080000001', birthDate: '1990-01-01' }, 'person.nationalId', /birth year/],
        [{}, { birthDate: addDays(todayInVietnam(), 3) }, 'person.birthDate', /future/],
        [{}, { communeCode: '99999' }, 'person.communeCode', /unknown unit/],
        [{}, { communeCode: DISTRICT }, 'person.communeCode', /not a commune/],
        [{ priorityGroup: 'astronauts' }, {}, 'priorityGroup', /unknown priority group/],
        [{ priorityGroup: 'elderly_65' }, { birthDate: '1990-02-02' }, 'priorityGroup', /65 or over/],
        [{ priorityGroup: 'pregnant_women' }, {}, 'priorityGroup', /not open/],
        [{ preferredDates: [addDays(todayInVietnam(), -1)] }, {}, 'preferredDates[0]', /past/],
        [{ preferredSiteId: randomUUID() }, {}, 'preferredSiteId', /no such/],
        [{ preferredSiteId: site }, {}, 'preferredSiteId', /closed/],
        [{ screening: { unknown_question: true } }, {}, 'screening.unknown_question', /not a known field/],
        [{ id: 'not-a-uuid' }, {}, 'id', /./],
      ];
      for (const [overrides, person, field, reason] of cases) {
        const response = await postSelfRegistration(t(), buildSelfRegistration(overrides, person));
        assert.equal(response.status, 400, `${JSON.stringify([overrides, person])} → ${JSON.stringify(response.body)}`);
        assert.match(response.body.error.fields?.[field] ?? '', reason, `${field}: ${JSON.stringify(response.body.error)}`);
      }
      const missing = await postSelfRegistration(t(), { id: randomUUID(), priorityGroup: 'others', person: { ...buildIdentity(), fullName: undefined } });
      assert.equal(missing.body.error.fields['person.fullName'], 'is required');
    });

    test('a retry is the same registration; registering again finds the open one; an id is one person\'s', async () => {
      const body = buildSelfRegistration({ preferredDates: [addDays(todayInVietnam(), 5)] });
      const first = await postSelfRegistration(t(), body);
      assert.equal(first.status, 201, JSON.stringify(first.body));
      assert.equal(first.body.repeat, false);
      assert.deepEqual([first.body.registration.status, first.body.registration.priorityGroup, first.body.registration.firstName], ['waiting', 'teachers', body.person.fullName.split(' ').at(-1)]);
      assert.match(first.body.manageToken, /^[A-Za-z0-9_-]{40,48}$/);
      assert.ok(!JSON.stringify(first.body).includes(body.person.phone.slice(-6)), 'no phone in the answer');

      const retry = await postSelfRegistration(t(), body);
      assert.deepEqual([retry.status, retry.body.repeat, retry.body.registration.id, retry.body.manageToken], [200, true, body.id, first.body.manageToken]);
      // the same details typed on another phone: the link goes to the phone on file, not into the answer
      const again = await postSelfRegistration(t(), { ...body, id: randomUUID(), priorityGroup: 'others' });
      assert.deepEqual([again.status, again.body.repeat, again.body.registration, again.body.manageToken, again.body.linkSent], [200, true, null, null, true]);
      assert.ok(!JSON.stringify(again.body).includes(body.person.phone.slice(-3)), 'nothing of the record in the answer');
      const links = await outboxMessages(t(), `vaccination-manage-link:${body.id}:`);
      assert.equal(links.length, 1);
      assert.equal(links[0]!.template, 'vaccination_manage_link');
      assert.ok(links[0]!.payload.link!.endsWith(`/vaccination#t=${first.body.manageToken}`), links[0]!.payload.link);
      await postSelfRegistration(t(), { ...body, id: randomUUID() });
      assert.equal((await outboxMessages(t(), `vaccination-manage-link:${body.id}:`)).length, 1, 'at most one link a day');
      const [kept] = await t().db.query<{ priority_group: string }>('SELECT priority_group FROM vaccination_registrations WHERE id = $1', [body.id]);
      assert.equal(kept?.priority_group, 'teachers', 'the open registration, unchanged');
      const n = (await t().db.query<{ n: number }>('SELECT count(*)::int AS n FROM people WHERE national_id = $1', [body.person.nationalId]))[0]!.n;
      assert.equal(n, 1, 'one person');

      const someoneElse = await postSelfRegistration(t(), buildSelfRegistration({ id: body.id }));
      assert.equal(someoneElse.status, 409);
      assert.match(someoneElse.body.error.fields.id, /different registration/);
    });

    test('the identity attaches to the existing person (by national ID, or by phone, birth year and name), whose link goes to the phone on file', async () => {
      const typed = buildPerson({ birthDate: '1975-04-30', sex: 'female', phone: '0913 222 444' });
      const existing = await t().request('POST', '/api/v1/people', { token: t().adminToken, body: typed });
      assert.equal(existing.status, 201);
      // anyone who knows the ID number could type it: the registration is made, nothing of it is answered
      const byIdBody = buildSelfRegistration({}, { nationalId: typed.nationalId, birthDate: '1975-04-30', sex: 'female', fullName: 'Chữ khác hẳn' });
      const byId = await postSelfRegistration(t(), byIdBody);
      assert.deepEqual([byId.status, byId.body.registration, byId.body.manageToken, byId.body.linkSent], [200, null, null, true], JSON.stringify(byId.body));
      assert.equal(await personIdOf(byIdBody.id), existing.body.id);
      const [link] = await outboxMessages(t(), `vaccination-manage-link:${byIdBody.id}:`);
      assert.equal(link?.recipient, '+84913222444', 'the phone on file, not the one typed');
      const retry = await postSelfRegistration(t(), byIdBody);
      assert.deepEqual([retry.body.manageToken, retry.body.linkSent], [null, true], 'a retry gets no token either');

      const noId = buildPerson({ birthDate: '1968-09-02', nationalId: null, phone: '0913 555 666' });
      const withoutId = await t().request('POST', '/api/v1/people', { token: t().adminToken, body: noId });
      const byPhoneBody = buildSelfRegistration({}, { fullName: noId.fullName.toUpperCase(), phone: '0913555666', birthDate: '1968-09-02', sex: 'male', nationalId: null });
      const byPhone = await postSelfRegistration(t(), byPhoneBody);
      assert.deepEqual([byPhone.status, byPhone.body.manageToken, byPhone.body.linkSent], [200, null, true], JSON.stringify(byPhone.body));
      assert.equal(await personIdOf(byPhoneBody.id), withoutId.body.id);

      const freshBody = buildSelfRegistration();
      const fresh = await postSelfRegistration(t(), freshBody);
      assert.equal(fresh.status, 201);
      const person = await personIdOf(fresh.body.registration.id);
      assert.ok(person && person !== existing.body.id && person !== withoutId.body.id, 'a new person otherwise');
      const freshRetry = await postSelfRegistration(t(), freshBody);
      assert.deepEqual([freshRetry.status, freshRetry.body.manageToken], [200, fresh.body.manageToken], 'the retry of a first registration gets its token again');
    });

    test('the manage token shows the registration; a forged one is refused naming the field', async () => {
      const created = await postSelfRegistration(t(), buildSelfRegistration());
      const own = await t().request('POST', '/api/v1/open/vaccination/registration', { body: { manageToken: created.body.manageToken } });
      assert.equal(own.status, 200);
      assert.deepEqual([own.body.id, own.body.status, own.body.bookings], [created.body.registration.id, 'waiting', []]);
      const token = created.body.manageToken as string;
      const forged = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
      const refused = await t().request('POST', '/api/v1/open/vaccination/registration', { body: { manageToken: forged } });
      assert.equal(refused.status, 400);
      assert.match(refused.body.error.fields.manageToken, /not a valid registration token/);
    });

    test('staff register people in their area: typed identity or an existing person; permission and scope', async () => {
      const vaccinator = await t().tokenFor('vaccinator', COMMUNE);
      const body = { id: randomUUID(), priorityGroup: 'health_workers', person: buildIdentity() };
      const created = await t().request('POST', '/api/v1/vaccination/registrations', { token: vaccinator, body });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.deepEqual([created.body.registration.channel, created.body.registration.communeCode, created.body.registration.priorityOrder], ['staff', COMMUNE, 1]);
      assert.match(created.body.registration.phone, /^•+\d{3}$/, 'masked');
      const retry = await t().request('POST', '/api/v1/vaccination/registrations', { token: vaccinator, body });
      assert.deepEqual([retry.status, retry.body.repeat], [200, true]);

      const outside = await t().request('POST', '/api/v1/vaccination/registrations', { token: vaccinator, body: { ...body, id: randomUUID(), person: buildIdentity({ communeCode: OTHER_COMMUNE }) } });
      assert.equal(outside.status, 400);
      assert.equal(outside.body.error.fields['person.communeCode'], 'is outside your scope');

      const person = await t().request('POST', '/api/v1/people', { token: t().adminToken, body: buildPerson({ birthDate: '1950-01-01' }) });
      const byId = await t().request('POST', '/api/v1/vaccination/registrations', { token: vaccinator, body: { id: randomUUID(), priorityGroup: 'elderly_65', personId: person.body.id } });
      assert.equal(byId.status, 201, JSON.stringify(byId.body));
      assert.equal(byId.body.registration.personId, person.body.id);
      const both = await t().request('POST', '/api/v1/vaccination/registrations', { token: vaccinator, body: { ...body, id: randomUUID(), personId: person.body.id } });
      assert.equal(both.body.error.fields.person, 'give either person or personId');

      // the ID of a person of another area registers nobody and shows nothing of them
      const elsewhere = buildPerson({ communeCode: OTHER_COMMUNE });
      assert.equal((await t().request('POST', '/api/v1/people', { token: t().adminToken, body: elsewhere })).status, 201);
      const theirs = await t().request('POST', '/api/v1/vaccination/registrations', { token: vaccinator, body: { id: randomUUID(), priorityGroup: 'others', person: buildIdentity({ nationalId: elsewhere.nationalId, birthDate: elsewhere.birthDate, sex: elsewhere.sex }) } });
      assert.equal(theirs.status, 409, JSON.stringify(theirs.body));
      assert.match(theirs.body.error.fields['person.nationalId'], /another area/);
      assert.ok(!JSON.stringify(theirs.body).includes(elsewhere.fullName));

      const tracer = await t().tokenFor('tracer', COMMUNE);
      assert.equal((await t().request('POST', '/api/v1/vaccination/registrations', { token: tracer, body: { ...body, id: randomUUID() } })).status, 403);
    });
  });
}
