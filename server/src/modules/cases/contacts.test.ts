// Contacts over HTTP: proposals from tracing and households (repeatable), the list and a record,
// named contacts, F2 from a confirmed F1, and follow-up.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { withTestApp } from '../../testing/app.js';
import { engines } from '../../testing/databases.js';
import { REASON, contactKit } from './contacts.testkit.js';

for (const engine of engines()) {
  describe(`contacts (${engine})`, () => {
    const t = withTestApp(engine);
    const k = contactKit(t);
    const admin = () => t().adminToken;

    test('proposing needs a token (401), tracing:run (403), a reason (400) and a case in scope (404)', async () => {
      const { caseId } = await k.tracedCase();
      const url = `/api/v1/cases/${caseId}/contacts/propose`;
      assert.equal((await t().request('POST', url, { body: { reason: REASON } })).status, 401);
      assert.equal((await k.propose(caseId, await t().tokenFor('viewer', '93'))).status, 403);
      const blank = await t().request('POST', url, { token: admin(), body: { reason: '    ' } });
      assert.equal(blank.status, 400);
      assert.ok(blank.body.error.fields.reason);
      assert.equal((await k.propose(caseId, await t().tokenFor('tracer', '934'))).status, 404);
      assert.equal((await t().request('GET', `/api/v1/cases/${caseId}/contacts?reason=abc`, { token: await t().tokenFor('tracer', '934') })).status, 404);
      assert.equal((await k.contactsOf(caseId)).total, 0, 'refused requests stored nothing');
    });

    test('proposing twice stores each person once; a later run adds only the new people and refreshes the facts', async () => {
      const { caseId, venueId, a, b } = await k.tracedCase();
      const first = await k.propose(caseId, await t().tokenFor('tracer', '930'));
      assert.equal(first.status, 200, JSON.stringify(first.body));
      assert.deepEqual([first.body.added, first.body.updated], [2, 0]);
      const again = await k.propose(caseId);
      assert.deepEqual([again.body.added, again.body.updated], [0, 2]);
      const late = await k.person();
      await k.checkIn([k.visit(venueId, late, 650, 655)]);
      const third = await k.propose(caseId, admin(), 0);
      assert.deepEqual([third.body.added, third.body.updated], [1, 2]);
      const { items, total } = await k.contactsOf(caseId);
      assert.equal(total, 3);
      assert.deepEqual(new Set(items.map((c) => c.personId)), new Set([a, b, late]));
      assert.ok(items.every((c) => c.degree === 'F1' && c.foundBy === 'place_time' && c.status === 'candidate'));
      // the last run used margin 0: b's overlap is 640–660, 20 minutes
      assert.equal(items.find((c) => c.personId === b)!.exposures[0]!.overlapMinutes, 20);
      const runs = await t().db.query<{ reason: string }>(`SELECT reason FROM audit_log WHERE action = 'propose_contacts' AND entity_id = $1`, [caseId]);
      assert.deepEqual(runs.map((r) => r.reason), [REASON, REASON, REASON]);
    });

    test('a rejected candidate stays rejected when the tracing runs again', async () => {
      const { caseId, a } = await k.tracedCase();
      await k.propose(caseId);
      const rejectA = (await k.contactsOf(caseId)).items.find((c) => c.personId === a)!;
      assert.equal((await k.act(caseId, { contactIds: [rejectA.id], action: 'reject' })).status, 200);
      await k.propose(caseId);
      const after = (await k.contactsOf(caseId)).items.find((c) => c.personId === a)!;
      assert.deepEqual([after.id, after.status], [rejectA.id, 'rejected']);
    });

    test('household members of the case are proposed as F1 (found_by household), the case\'s person is not', async () => {
      const { caseId, f0 } = await k.tracedCase();
      const { spouse, child } = await k.people('spouse', 'child');
      await k.household(f0, spouse, child);
      const proposed = await k.propose(caseId);
      assert.equal(proposed.body.added, 4);
      const { items } = await k.contactsOf(caseId);
      const household = items.filter((c) => c.foundBy === 'household').map((c) => c.personId);
      assert.deepEqual(new Set(household), new Set([spouse, child]));
      assert.ok(!items.some((c) => c.personId === f0));
      assert.deepEqual((await k.contactsOf(caseId, '&status=rejected')).items, []);
    });

    test('lists mask phones and are audited with the reason; a record shows the phone to a tracer', async () => {
      const { caseId } = await k.tracedCase();
      await k.propose(caseId);
      const listed = (await k.contactsOf(caseId)).items[0]!;
      assert.match(listed.phone!, /^•+\d{3}$/);
      const tracer = await t().tokenFor('tracer', '93');
      const record = await t().request('GET', `/api/v1/contacts/${listed.id}?reason=${encodeURIComponent('gọi điện')}`, { token: tracer });
      assert.equal(record.status, 200);
      assert.match(record.body.phone, /^\+84\d{9}$/);
      assert.equal(record.body.phone.slice(-3), listed.phone!.slice(-3));
      assert.deepEqual([record.body.checks, record.body.testOrders, record.body.quarantineOrders], [[], [], []]);
      assert.equal((await t().request('GET', `/api/v1/contacts/${listed.id}`, { token: await t().tokenFor('tracer', '934') })).status, 404);
      const reads = await t().db.query<{ action: string; reason: string }>(
        `SELECT action, reason FROM audit_log WHERE (entity = 'case' AND entity_id = $1 AND action = 'list_contacts') OR (entity = 'contact' AND entity_id = $2 AND action = 'read') ORDER BY id`,
        [caseId, listed.id]);
      assert.deepEqual(reads, [{ action: 'list_contacts', reason: REASON }, { action: 'read', reason: 'gọi điện' }]);
    });

    test('a named contact is added once (409 the second time, with its id); the case\'s own person is refused', async () => {
      const { caseId, f0 } = await k.tracedCase();
      const friend = await k.person();
      const url = `/api/v1/cases/${caseId}/contacts`;
      const added = await t().request('POST', url, { token: admin(), body: { personId: friend, foundBy: 'named', lastExposureAt: k.at(500) } });
      assert.equal(added.status, 201, JSON.stringify(added.body));
      assert.deepEqual([added.body.degree, added.body.foundBy, added.body.status, added.body.lastExposureAt], ['F1', 'named', 'candidate', k.at(500)]);
      const twice = await t().request('POST', url, { token: admin(), body: { personId: friend, foundBy: 'imported' } });
      assert.equal(twice.status, 409);
      assert.equal(twice.body.error.detail.existingId, added.body.id);
      const own = await t().request('POST', url, { token: admin(), body: { personId: f0, foundBy: 'named' } });
      assert.equal(own.status, 400);
      assert.ok(own.body.error.fields.personId);
    });

    test('F2 on request: the tracing of a confirmed F1\'s visits stores F2 candidates via that F1, never the case\'s person', async () => {
      const { caseId, f0, a, b } = await k.tracedCase();
      await k.propose(caseId);
      const f1 = (await k.contactsOf(caseId)).items.find((c) => c.personId === a)!;
      const trace = (id: string) => t().request('POST', `/api/v1/contacts/${id}/trace`, { token: admin(), body: { reason: REASON } });
      assert.equal((await trace(f1.id)).status, 409, 'a candidate is not traced');
      await k.act(caseId, { contactIds: [f1.id], action: 'confirm' });
      // a meets c later at another venue, where the case and b happen to be too
      const other = await k.venue();
      const c = await k.person();
      await k.checkIn([k.visit(other, a, 900, 960), k.visit(other, c, 930, 1000), k.visit(other, f0, 2000, 2010), k.visit(other, b, 940, 950)]);
      const traced = await trace(f1.id);
      assert.equal(traced.status, 200, JSON.stringify(traced.body));
      assert.equal(traced.body.added, 1);
      const f2 = (await k.contactsOf(caseId, '&degree=F2')).items;
      assert.deepEqual(f2.map((x) => [x.personId, x.viaContactId, x.exposures[0]!.venueId]), [[c, f1.id, other]]);
      // b is the case's own F1 already: it stays F1, without F2 evidence
      const stillF1 = (await k.contactsOf(caseId, '&degree=F1')).items.find((x) => x.personId === b)!;
      assert.equal(stillF1.exposures.length, 1);
      assert.equal((await trace(f1.id)).body.added, 0, 'repeatable');
      assert.equal((await trace(f2[0]!.id)).status, 409, 'F2 is not traced further');
    });

    test('follow-up: confirmation sets the last day (last exposure + 14 days); one check a day; follow-up ends once', async () => {
      const { caseId, a } = await k.tracedCase();
      await k.propose(caseId);
      const contact = (await k.contactsOf(caseId)).items.find((c) => c.personId === a)!;
      const check = (body: unknown) => t().request('POST', `/api/v1/contacts/${contact.id}/checks`, { token: admin(), body });
      assert.equal((await check({ symptoms: [] })).status, 409, 'a candidate is not followed up');
      await k.act(caseId, { contactIds: [contact.id], action: 'confirm' });
      const record = async () => (await t().request('GET', `/api/v1/contacts/${contact.id}`, { token: admin() })).body;
      const confirmed = await record();
      const lastDay = new Date(Date.parse(confirmed.lastExposureAt) + 7 * 3600_000 + 14 * 86_400_000).toISOString().slice(0, 10);
      assert.equal(confirmed.followUpUntil, lastDay);
      const day = k.at(0).slice(0, 10);
      assert.equal((await check({ checkedOn: day, symptoms: ['ho'], temperatureC: 37.8 })).status, 200);
      const again = await check({ checkedOn: day, symptoms: ['ho', 'sốt'], temperatureC: 38.4 });
      assert.deepEqual([again.status, again.body.temperatureC, again.body.symptoms], [200, 38.4, ['ho', 'sốt']]);
      assert.equal((await check({ checkedOn: '2999-01-01', symptoms: [] })).body.error.fields.checkedOn, 'must not be in the future');
      assert.equal((await record()).checks.length, 1);

      const end = (body: unknown) => t().request('POST', `/api/v1/contacts/${contact.id}/end-follow-up`, { token: admin(), body });
      const strangersCase = await k.openCase(await k.person());
      assert.ok((await end({ outcome: 'became_case' })).body.error.fields.caseId);
      assert.ok((await end({ outcome: 'became_case', caseId: strangersCase })).body.error.fields.caseId);
      const ownCase = await k.openCase(a);
      const ended = await end({ outcome: 'became_case', caseId: ownCase });
      assert.equal(ended.status, 200, JSON.stringify(ended.body));
      assert.deepEqual([ended.body.followUpOutcome, ended.body.becameCaseId], ['became_case', ownCase]);
      assert.equal((await end({ outcome: 'completed' })).status, 409);
      assert.equal((await check({ symptoms: [] })).status, 409);
    });
  });
}
