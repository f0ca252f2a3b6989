// The check-in at a vaccination site over HTTP on both engines: by personal code, national ID or id;
// bad input names the field; retries; scope; what the vaccinator sees (doses, next dose, today's
// booking marked attended); every answer an audited read.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { withTestApp } from '../../testing/app.js';
import { engines } from '../../testing/databases.js';
import { buildPerson } from '../../testing/factories.js';
import { addDays, todayInVietnam } from '../open/time.js';
import { COMMUNE, OTHER_COMMUNE, buildDose, createPerson, daysAgo, postDose, siteWithStock } from './vaccination.testkit.js';
import { auditOf, bookToday, fitAnswers, personalCode, postCheckIn } from './visits.testkit.js';

for (const engine of engines()) {
  describe(`vaccination check-in (${engine})`, () => {
    const t = withTestApp(engine);

    test('bad input names the field: no or two identifiers, a forged code, an unknown national ID, person or site', async () => {
      const stock = await siteWithStock(t());
      const personId = await createPerson(t());
      const code = await personalCode(t(), personId);
      const forged = `${code.slice(0, -2)}${code.endsWith('AA') ? 'BB' : 'AA'}`;
      const cases: [Record<string, unknown>, string, RegExp][] = [
        [{ siteId: stock.siteId }, 'personId', /exactly one of personCode, nationalId or personId/],
        [{ siteId: stock.siteId, personId, nationalId: '093085000001' }, 'personId', /exactly one/],
        [{ siteId: stock.siteId, personCode: forged }, 'personCode', /not a valid personal code/],
        [{ siteId: stock.siteId, nationalId: '093185999999' }, 'nationalId', /no registered person has this national ID/],
        [{ siteId: stock.siteId, nationalId: '12345' }, 'nationalId', /pattern/],
        [{ siteId: stock.siteId, personId: randomUUID() }, 'personId', /no such person/],
        [{ siteId: randomUUID(), personId }, 'siteId', /no such vaccination site in your area/],
        [{ siteId: stock.siteId, personId, id: 'x' }, 'id', /uuid/],
        [{ siteId: stock.siteId, personId, extra: 1 }, 'extra', /not a known field/],
      ];
      for (const [body, field, reason] of cases) {
        const response = await postCheckIn(t(), body);
        assert.equal(response.status, 400, `${JSON.stringify(body)} → ${JSON.stringify(response.body)}`);
        assert.match(response.body.error.fields?.[field] ?? '', reason, `${field}: ${JSON.stringify(response.body.error)}`);
      }
    });

    test('by personal code (bare or as the card URL), by national ID, by id: the same person, their doses and the next dose', async () => {
      const stock = await siteWithStock(t());
      const person = buildPerson({ birthDate: '1961-02-03' });
      const created = await t().request('POST', '/api/v1/people', { token: t().adminToken, body: person });
      const personId = created.body.id as string;
      const first = await postDose(t(), buildDose(personId, stock, { administeredAt: daysAgo(10) }));
      assert.equal(first.status, 201);
      const code = await personalCode(t(), personId);
      const ways: [Record<string, unknown>, string][] = [
        [{ personCode: code }, 'personal_code'],
        [{ personCode: `https://vigil.example.vn/p/${code}` }, 'personal_code'],
        [{ nationalId: person.nationalId }, 'national_id'],
        [{ personId }, 'person_id'],
      ];
      for (const [identifier, identifiedBy] of ways) {
        const response = await postCheckIn(t(), { siteId: stock.siteId, ...identifier });
        assert.equal(response.status, 201, JSON.stringify(response.body));
        const visit = response.body;
        assert.equal(visit.identifiedBy, identifiedBy);
        assert.deepEqual(visit.person, { id: personId, fullName: person.fullName, birthYear: 1961, sex: 'male' });
        assert.deepEqual(visit.doses.map((d: { doseNumber: number }) => d.doseNumber), [1]);
        assert.equal(visit.primarySeriesComplete, false);
        assert.deepEqual(visit.next, {
          status: 'due', doseNumber: 2, kind: 'primary', seriesProductCode: 'PFIZER', products: ['PFIZER', 'MODERNA'],
          earliestDate: addDays(todayInVietnam(new Date(first.body.administeredAt)), 21), dueToday: false,
        });
        assert.equal(visit.booking, null);
        assert.equal(visit.screening, null);
        assert.equal(visit.doseId, null);
        assert.equal(visit.repeat, false);
      }
    });

    test('someone never vaccinated may have any product today', async () => {
      const stock = await siteWithStock(t());
      const response = await postCheckIn(t(), { siteId: stock.siteId, personId: await createPerson(t()) });
      assert.equal(response.status, 201);
      assert.equal(response.body.next.doseNumber, 1);
      assert.equal(response.body.next.earliestDate, todayInVietnam());
      assert.equal(response.body.next.dueToday, true);
      assert.ok(response.body.next.products.includes('PFIZER') && response.body.next.products.includes('JANSSEN'));
    });

    test('a retry with the same id is the same visit (200); the id used for someone else is 409', async () => {
      const stock = await siteWithStock(t());
      const personId = await createPerson(t());
      const id = randomUUID();
      const first = await postCheckIn(t(), { id, siteId: stock.siteId, personId });
      const again = await postCheckIn(t(), { id, siteId: stock.siteId, personId });
      assert.deepEqual([first.status, again.status], [201, 200]);
      assert.equal(again.body.repeat, true);
      assert.equal(again.body.checkedInAt, first.body.checkedInAt);
      const other = await postCheckIn(t(), { id, siteId: stock.siteId, personId: await createPerson(t()) });
      assert.equal(other.status, 409);
      assert.match(other.body.error.fields.id, /already used/);
      const [count] = await t().db.query<{ n: number }>('SELECT count(*)::int AS n FROM vaccination_visits WHERE id = $1', [id]);
      assert.equal(count?.n, 1);
    });

    test("today's booking at the site is shown and marked attended; a booking at another site is not", async () => {
      const stock = await siteWithStock(t());
      const elsewhere = await siteWithStock(t());
      const personId = await createPerson(t());
      const bookingId = await bookToday(t(), stock.siteId, personId);
      const away = await postCheckIn(t(), { siteId: elsewhere.siteId, personId });
      assert.equal(away.body.booking, null);
      const here = await postCheckIn(t(), { siteId: stock.siteId, personId });
      assert.equal(here.status, 201);
      assert.equal(here.body.booking.id, bookingId);
      assert.equal(here.body.booking.sessionDate, todayInVietnam());
      assert.equal(here.body.booking.status, 'attended');
      const [row] = await t().db.query<{ status: string; attended: boolean }>('SELECT status, attended_at IS NOT NULL AS attended FROM vaccination_bookings WHERE id = $1', [bookingId]);
      assert.deepEqual(row, { status: 'attended', attended: true });
    });

    test('scope: a commune vaccinator checks in at sites of their commune only; the visit of another area is not found', async () => {
      const vaccinator = await t().tokenFor('vaccinator', COMMUNE);
      const here = await siteWithStock(t());
      const elsewhere = await siteWithStock(t(), { communeCode: OTHER_COMMUNE });
      const personId = await createPerson(t(), { communeCode: OTHER_COMMUNE });
      const refused = await postCheckIn(t(), { siteId: elsewhere.siteId, personId }, vaccinator);
      assert.equal(refused.status, 400);
      assert.match(refused.body.error.fields.siteId, /no such vaccination site in your area/);
      // a person of another area is not picked by id, but checks in showing their ID card or code
      const byId = await postCheckIn(t(), { siteId: here.siteId, personId }, vaccinator);
      assert.equal(byId.status, 400);
      assert.match(byId.body.error.fields.personId, /no such person in your area/);
      const [card] = await t().db.query<{ national_id: string }>('SELECT national_id FROM people WHERE id = $1', [personId]);
      const accepted = await postCheckIn(t(), { siteId: here.siteId, nationalId: card!.national_id }, vaccinator);
      assert.equal(accepted.status, 201, 'a person from anywhere may be vaccinated here');
      const theirs = await postCheckIn(t(), { siteId: elsewhere.siteId, personId });
      assert.equal((await t().request('GET', `/api/v1/vaccination/visits/${theirs.body.id}`, { token: vaccinator })).status, 404);
      assert.equal((await t().request('GET', `/api/v1/vaccination/visits/${accepted.body.id}`, { token: vaccinator })).status, 200);
      const viewer = await t().tokenFor('viewer', COMMUNE);
      assert.equal((await postCheckIn(t(), { siteId: here.siteId, personId }, viewer)).status, 403);
      assert.equal((await t().request('POST', '/api/v1/vaccination/visits', { body: { id: randomUUID(), siteId: here.siteId, personId } })).status, 401);
    });

    test('the check-in and each later look at the visit are audited reads with their reason', async () => {
      const stock = await siteWithStock(t());
      const personId = await createPerson(t());
      const visit = await postCheckIn(t(), { siteId: stock.siteId, personId });
      const seen = await t().request('GET', `/api/v1/vaccination/visits/${visit.body.id}?reason=${encodeURIComponent('xem lại trước khi tiêm')}`, { token: t().adminToken });
      assert.equal(seen.status, 200);
      assert.equal(seen.body.person.id, personId);
      const rows = await auditOf(t(), 'vaccination_visit', visit.body.id);
      assert.deepEqual(rows.map((r) => [r.action, r.reason]), [['check_in', null], ['read', 'vaccination visit check-in'], ['read', 'xem lại trước khi tiêm']]);
      assert.equal(rows[0]!.detail!.personId, personId);
    });

    test("today's queue at a site: visits waiting for their dose with their screening outcome; all of them on request; audited", async () => {
      const stock = await siteWithStock(t());
      const waiting = await postCheckIn(t(), { siteId: stock.siteId, personId: await createPerson(t()) });
      const done = await postCheckIn(t(), { siteId: stock.siteId, personId: await createPerson(t()) });
      await t().request('PUT', `/api/v1/vaccination/visits/${done.body.id}/screening`, { token: t().adminToken, body: { answers: fitAnswers(), outcome: 'vaccinate' } });
      const dose = await postDose(t(), buildDose(done.body.person.id, stock, { visitId: done.body.id }));
      assert.equal(dose.status, 201, JSON.stringify(dose.body));
      const queue = await t().request('GET', `/api/v1/vaccination/sites/${stock.siteId}/visits`, { token: t().adminToken });
      assert.equal(queue.status, 200);
      assert.equal(queue.body.date, todayInVietnam());
      assert.deepEqual(queue.body.items.map((v: { id: string; screeningOutcome: string | null }) => [v.id, v.screeningOutcome]), [[waiting.body.id, null]]);
      const all = await t().request('GET', `/api/v1/vaccination/sites/${stock.siteId}/visits?stage=all`, { token: t().adminToken });
      assert.deepEqual(all.body.items.map((v: { id: string; doseId: string | null }) => [v.id, v.doseId]), [[waiting.body.id, null], [done.body.id, dose.body.id]]);
      const rows = await auditOf(t(), 'vaccination_site_visits', stock.siteId);
      assert.deepEqual(rows.map((r) => r.reason), ['vaccination site queue', 'vaccination site queue']);
      const elsewhere = await t().tokenFor('vaccinator', OTHER_COMMUNE);
      assert.equal((await t().request('GET', `/api/v1/vaccination/sites/${stock.siteId}/visits`, { token: elsewhere })).status, 404);
    });
  });
}
