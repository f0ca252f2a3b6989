// Bulk review of contacts over HTTP: all or nothing, orders, and messages in the outbox written in
// the same transaction as the decision.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { withTestApp } from '../../testing/app.js';
import { engines } from '../../testing/databases.js';
import { contactKit } from './contacts.testkit.js';

for (const engine of engines()) {
  describe(`contacts: bulk actions (${engine})`, () => {
    const t = withTestApp(engine);
    const k = contactKit(t);
    /** A traced case with its two place-and-time candidates proposed: ids in the order a, b. */
    const proposed = async () => {
      const traced = await k.tracedCase();
      await k.propose(traced.caseId);
      const { items } = await k.contactsOf(traced.caseId);
      const id = (personId: string) => items.find((c) => c.personId === personId)!.id;
      return { ...traced, ids: [id(traced.a), id(traced.b)] as [string, string] };
    };
    const statuses = async (caseId: string) => Object.fromEntries((await k.contactsOf(caseId)).items.map((c) => [c.id, c.status]));
    const outboxOf = (personId: string) => t().db.query<{ template: string; channel: string; payload: Record<string, string> }>(
      'SELECT template, channel, payload FROM outbox_messages WHERE person_id = $1 ORDER BY created_at', [personId]);

    test('an id that is not a contact of this case is a 400 naming contactIds[i], and nothing changes', async () => {
      const { caseId, ids } = await proposed();
      const other = await proposed();
      const before = await statuses(caseId);
      const mixed = await k.act(caseId, { contactIds: [ids[0], other.ids[0], ids[1], '00000000-0000-4000-8000-000000000000'], action: 'confirm' });
      assert.equal(mixed.status, 400);
      assert.deepEqual(mixed.body.error.fields, { 'contactIds[1]': 'not a contact of this case', 'contactIds[3]': 'not a contact of this case' });
      const twice = await k.act(caseId, { contactIds: [ids[0], ids[0]], action: 'confirm' });
      assert.deepEqual(twice.body.error.fields, { 'contactIds[1]': 'appears twice' });
      assert.deepEqual(await statuses(caseId), before);
      const decisions = await t().db.query(`SELECT 1 FROM audit_log WHERE entity = 'contact' AND entity_id = ANY ($1::text[])`, [ids]);
      assert.equal(decisions.length, 0);
    });

    test('permissions and scope: 401, 403 for a tracer ordering quarantine, 404 outside the case\'s scope', async () => {
      const { caseId, ids } = await proposed();
      assert.equal((await t().request('POST', `/api/v1/cases/${caseId}/contacts/actions`, { body: { contactIds: ids, action: 'confirm' } })).status, 401);
      const tracer = await t().tokenFor('tracer', '930');
      assert.equal((await k.act(caseId, { contactIds: ids, action: 'notify' }, tracer)).status, 403);
      assert.equal((await k.act(caseId, { contactIds: ids, action: 'confirm' }, await t().tokenFor('health_officer', '934'))).status, 404);
      const confirmed = await k.act(caseId, { contactIds: ids, action: 'confirm' }, tracer);
      assert.equal(confirmed.status, 200);
      assert.deepEqual(confirmed.body.results.map((r: { status: string; changed: boolean }) => [r.status, r.changed]), [['confirmed', true], ['confirmed', true]]);
      const repeat = await k.act(caseId, { contactIds: ids, action: 'confirm' }, tracer);
      assert.deepEqual(repeat.body.results.map((r: { changed: boolean }) => r.changed), [false, false]);
      const audited = await t().db.query(`SELECT entity_id FROM audit_log WHERE entity = 'contact' AND action = 'confirm' AND entity_id = ANY ($1::text[])`, [ids]);
      assert.equal(audited.length, 4, 'one audit row per contact and request');
    });

    test('notify queues an exposure notice in the outbox; a refused contact later in the list rolls it back', async () => {
      const { caseId, ids, a, b } = await proposed();
      await k.act(caseId, { contactIds: [ids[1]], action: 'reject' });
      const refused = await k.act(caseId, { contactIds: ids, action: 'notify' });
      assert.equal(refused.status, 409);
      assert.deepEqual(Object.keys(refused.body.error.fields), ['contactIds[1]']);
      assert.deepEqual(await outboxOf(a), [], 'the message of the first contact was rolled back with the request');

      const sent = await k.act(caseId, { contactIds: [ids[0]], action: 'notify' });
      assert.equal(sent.status, 200, JSON.stringify(sent.body));
      assert.deepEqual([sent.body.results[0].messages, sent.body.results[0].changed], [1, true]);
      const [message] = await outboxOf(a);
      assert.equal(message!.template, 'exposure_notice');
      assert.equal(message!.channel, 'sms');
      assert.deepEqual(Object.keys(message!.payload).sort(), ['from', 'to', 'venueName']);
      const again = await k.act(caseId, { contactIds: [ids[0]], action: 'notify' });
      assert.equal(again.body.results[0].messages, 0, 'the same notice is not queued twice');
      assert.equal((await outboxOf(a)).length, 1);
      assert.deepEqual(await outboxOf(b), []);
    });

    test('order_quarantine needs confirmed contacts and valid dates; it stores one open order (amended by a repeat) and queues the order', async () => {
      const { caseId, ids, a } = await proposed();
      const order = (quarantine: unknown, contactIds: string[] = ids) => k.act(caseId, { contactIds, action: 'order_quarantine', quarantine });
      assert.ok((await k.act(caseId, { contactIds: ids, action: 'order_quarantine' })).body.error.fields.quarantine);
      assert.ok((await order({ kind: 'home', from: '2021-08-10', to: '2021-08-03' })).body.error.fields['quarantine.to']);
      assert.ok((await order({ kind: 'facility', from: '2021-08-03', to: '2021-08-10' })).body.error.fields['quarantine.place']);
      assert.equal((await order({ kind: 'home', from: '2021-08-03', to: '2021-08-10' })).status, 409, 'candidates are confirmed first');
      await k.act(caseId, { contactIds: ids, action: 'confirm' });
      const first = await order({ kind: 'facility', place: 'KTX Đại học Võ Trường Toản', from: '2021-08-03', to: '2021-08-16' });
      assert.equal(first.status, 200, JSON.stringify(first.body));
      const amended = await order({ kind: 'facility', place: 'KTX Đại học Võ Trường Toản', from: '2021-08-03', to: '2021-08-17' }, [ids[0]]);
      assert.equal(amended.body.results[0].orderId, first.body.results[0].orderId);
      const record = (await t().request('GET', `/api/v1/contacts/${ids[0]}`, { token: t().adminToken })).body;
      assert.deepEqual(record.quarantineOrders.map((q: { endsOn: string; status: string }) => [q.endsOn, q.status]), [['2021-08-17', 'ordered']]);
      assert.deepEqual((await outboxOf(a)).map((m) => [m.template, m.payload.endDate]), [['quarantine_order', '2021-08-16'], ['quarantine_order', '2021-08-17']]);
    });

    test('order_test stores one order a day; rejecting a contact cancels its open orders', async () => {
      const { caseId, ids } = await proposed();
      const ordered = await k.act(caseId, { contactIds: ids, action: 'order_test', test: { dueOn: '2021-08-04' } });
      assert.equal(ordered.status, 200, JSON.stringify(ordered.body));
      const repeat = await k.act(caseId, { contactIds: [ids[0]], action: 'order_test', test: { dueOn: '2021-08-04', site: 'Trạm y tế phường III' } });
      assert.deepEqual([repeat.body.results[0].changed, repeat.body.results[0].orderId, repeat.body.results[0].messages], [false, ordered.body.results[0].orderId, 1]);
      await k.act(caseId, { contactIds: [ids[1]], action: 'reject' });
      const rejected = (await t().request('GET', `/api/v1/contacts/${ids[1]}`, { token: t().adminToken })).body;
      assert.deepEqual(rejected.testOrders.map((o: { status: string }) => o.status), ['cancelled']);
      assert.equal((await k.act(caseId, { contactIds: [ids[1]], action: 'order_test' })).status, 409);
    });
  });
}
