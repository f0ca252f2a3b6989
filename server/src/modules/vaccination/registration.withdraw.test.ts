// Withdrawing a registration over HTTP on both engines: the citizen with their token (public,
// rate-limited route) and staff in their area with a reason; booked places are freed in the same
// transaction; withdrawing again answers the same; a vaccinated registration is refused naming the
// field; every withdrawal is audited.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { withTestApp } from '../../testing/app.js';
import { engines } from '../../testing/databases.js';
import { auditRows, bookSelf, createSession, registerCitizen } from './booking.testkit.js';
import { COMMUNE, OTHER_COMMUNE, buildDose, createPerson, postDose, siteWithStock } from './vaccination.testkit.js';

for (const engine of engines()) {
  describe(`withdrawing a vaccination registration (${engine})`, () => {
    const t = withTestApp(engine);
    const withdrawSelf = (manageToken: string) => t().request('POST', '/api/v1/open/vaccination/registration/withdraw', { body: { manageToken } });
    const statusOf = async (table: string, id: string) => (await t().db.query<{ status: string }>(`SELECT status FROM ${table} WHERE id = $1`, [id]))[0]!.status;

    test('a citizen withdraws with their token: the booked place is freed, again answers the same, booking is refused after', async () => {
      const since = new Date();
      const { slotIds } = await createSession(t(), { capacities: [1] });
      const citizen = await registerCitizen(t());
      const booked = await bookSelf(t(), citizen.token, slotIds[0]!);
      assert.equal(booked.status, 201);

      const withdrawn = await withdrawSelf(citizen.token);
      assert.equal(withdrawn.status, 200, JSON.stringify(withdrawn.body));
      assert.deepEqual([withdrawn.body.id, withdrawn.body.status, withdrawn.body.bookings], [citizen.id, 'withdrawn', []]);
      assert.equal(await statusOf('vaccination_bookings', booked.body.booking.id), 'cancelled');
      const again = await withdrawSelf(citizen.token);
      assert.deepEqual([again.status, again.body.status], [200, 'withdrawn'], 'withdrawing again answers the same');

      const refused = await bookSelf(t(), citizen.token, slotIds[0]!);
      assert.equal(refused.status, 409);
      assert.match(refused.body.error.fields.manageToken, /withdrawn/);
      const other = await registerCitizen(t());
      assert.equal((await bookSelf(t(), other.token, slotIds[0]!)).status, 201, 'the freed place is bookable');

      const forged = await withdrawSelf(`${citizen.token.slice(0, -4)}AAAA`);
      assert.equal(forged.status, 400);
      assert.ok(forged.body.error.fields.manageToken);
      const rows = (await auditRows(t(), 'vaccination_registration', since)).filter((row) => row.action === 'withdraw');
      assert.equal(rows.length, 1, 'one withdrawal audited, not the repeat');
      assert.deepEqual([rows[0]!.actor_username, rows[0]!.detail!.cancelledBookings], ['citizen', [booked.body.booking.id]]);
      const cancels = (await auditRows(t(), 'vaccination_booking', since)).filter((row) => row.action === 'cancel');
      assert.equal(cancels.length, 1);
    });

    test('staff withdraw in their area with a reason; outside it is 404; a vaccinated registration is 409 naming id', async () => {
      const officer = await t().tokenFor('health_officer', COMMUNE);
      const citizen = await registerCitizen(t());
      const url = `/api/v1/vaccination/registrations/${citizen.id}/withdraw`;
      const noReason = await t().request('POST', url, { token: officer, body: {} });
      assert.equal(noReason.status, 400);
      assert.match(JSON.stringify(noReason.body.error), /reason/);
      const outside = await t().request('POST', url, { token: await t().tokenFor('health_officer', OTHER_COMMUNE), body: { reason: 'moved away' } });
      assert.equal(outside.status, 404);
      const withdrawn = await t().request('POST', url, { token: officer, body: { reason: 'moved to another province' } });
      assert.deepEqual([withdrawn.status, withdrawn.body.status, withdrawn.body.id], [200, 'withdrawn', citizen.id], JSON.stringify(withdrawn.body));
      assert.match(withdrawn.body.phone, /^•+/, 'the phone stays masked');
      assert.equal((await t().request('POST', url, { token: officer, body: { reason: 'again' } })).body.status, 'withdrawn');
      const [row] = await t().db.query<{ reason: string }>(`SELECT reason FROM audit_log WHERE entity = 'vaccination_registration' AND entity_id = $1 AND action = 'withdraw'`, [citizen.id]);
      assert.equal(row!.reason, 'moved to another province');
      const list = await t().request('GET', `/api/v1/vaccination/registrations?unitCode=${COMMUNE}&limit=500`, { token: officer });
      assert.ok(!list.body.items.some((r: { id: string }) => r.id === citizen.id), 'a withdrawn registration leaves the waiting list');
      assert.equal((await t().request('POST', url, { token: await t().tokenFor('vaccinator', COMMUNE), body: { reason: 'no role' } })).status, 403);

      const personId = await createPerson(t());
      const registration = await t().request('POST', '/api/v1/vaccination/registrations', { token: officer, body: { id: randomUUID(), priorityGroup: 'teachers', personId } });
      assert.equal(registration.status, 201, JSON.stringify(registration.body));
      const stock = await siteWithStock(t());
      assert.equal((await postDose(t(), buildDose(personId, stock))).status, 201);
      const vaccinated = await t().request('POST', `/api/v1/vaccination/registrations/${registration.body.registration.id}/withdraw`, { token: officer, body: { reason: 'wrong person' } });
      assert.equal(vaccinated.status, 409);
      assert.match(vaccinated.body.error.fields.id, /vaccinated/);
    });
  });
}
