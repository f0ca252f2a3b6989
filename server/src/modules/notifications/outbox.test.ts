import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { beforeEach, describe, test } from 'node:test';
import { AppError } from '../../platform/errors.js';
import { withTestApp } from '../../testing/app.js';
import { engines } from '../../testing/databases.js';
import { buildPerson } from '../../testing/factories.js';
import { buildMessage, enqueued, stateOf, testConfig } from './factories.js';
import { enqueue } from './outbox.js';
import { createOutboxWorker } from './worker.js';

const REPORT_SECRET = 'report-secret-for-tests';
// The routes read the channel settings from the environment until config.ts carries them (see config.ts).

for (const engine of engines()) {
  describe(`notification outbox (${engine})`, () => {
    const t = withTestApp(engine, { VIGIL_SMS_REPORT_SECRET: REPORT_SECRET });
    const count = async (sql: string, params: unknown[] = []) => (await t().db.query<{ n: number }>(sql, params))[0]!.n;
    const person = async (overrides: Record<string, unknown> = {}) => (await t().request('POST', '/api/v1/people', { token: t().adminToken, body: buildPerson(overrides) })).body as { id: string };
    const report = (body: unknown, secret = REPORT_SECRET) => t().app.inject({ method: 'POST', url: '/api/v1/notifications/sms/reports', headers: { 'x-vigil-report-secret': secret }, payload: body as object });
    beforeEach(async () => {
      await t().db.query('DELETE FROM outbox_messages');
    });

    test('a message enqueued in a transaction that rolls back leaves nothing', async () => {
      const message = buildMessage();
      await assert.rejects(t().db.transaction(async (tx) => {
        await enqueue(tx, message);
        throw new Error('the decision was refused');
      }), /the decision was refused/);
      assert.equal(await count('SELECT count(*)::int AS n FROM outbox_messages WHERE dedupe_key = $1', [message.dedupeKey]), 0);
    });

    test('the same dedupe key twice makes one message, the first', async () => {
      const message = buildMessage();
      const first = await enqueued(t().db, message);
      const second = await enqueued(t().db, { ...message, recipient: '0987654321' });
      assert.deepEqual([first.created, second.created, second.id], [true, false, first.id]);
      const rows = await t().db.query<{ recipient: string; status: string }>('SELECT recipient, status FROM outbox_messages WHERE dedupe_key = $1', [message.dedupeKey]);
      assert.deepEqual(rows, [{ recipient: '+84912345678', status: 'queued' }]);
    });

    test('a missing variable, a bad recipient or an unknown subscription is a 400 at enqueue, naming the field', async () => {
      const refused = async (overrides: Parameters<typeof buildMessage>[0], field: string, reason: RegExp) => {
        await assert.rejects(enqueued(t().db, overrides), (error: unknown) => {
          assert.ok(error instanceof AppError && error.status === 400, String(error));
          assert.match(error.fields?.[field] ?? '', reason, JSON.stringify(error.fields));
          return true;
        });
      };
      await refused({ payload: { venueName: 'Chợ Vị Thanh', from: '2021-07-15T03:30:00Z' } }, 'payload.to', /required/);
      await refused({ recipient: '12345' }, 'recipient', /phone/);
      await refused({ channel: 'email', recipient: 'not an address' }, 'recipient', /e-mail/);
      await refused({ channel: 'webpush', recipient: randomUUID() }, 'recipient', /not a known push subscription/);
      assert.equal(await count('SELECT count(*)::int AS n FROM outbox_messages'), 0);
    });

    test('a channel without configuration leaves its messages queued with the reason', async () => {
      const { id } = await enqueued(t().db);
      const worker = createOutboxWorker({ db: t().db, config: testConfig() });
      assert.equal(await worker.runOnce(), 0);
      const state = await stateOf(t().db, id);
      assert.equal(state.status, 'queued');
      assert.equal(state.attempts, 0);
      assert.match(state.last_error ?? '', /sms is not configured \(set VIGIL_SMS_GATEWAY_URL\)/);
    });

    test('staff list messages by status with masked recipients; staff of another district see none of them', async () => {
      const p = await person();
      const { id } = await enqueued(t().db, { personId: p.id, recipient: '0912345678' });
      await enqueued(t().db, { channel: 'email', recipient: 'nguyen.an@example.vn', unitCode: '934' });
      assert.equal((await t().request('GET', '/api/v1/notifications')).status, 401);
      assert.equal((await t().request('GET', '/api/v1/notifications', { token: await t().tokenFor('viewer', null) })).status, 403);
      const all = await t().request('GET', '/api/v1/notifications', { token: t().adminToken });
      assert.equal(all.status, 200);
      assert.equal(all.body.total, 2);
      const sms = all.body.items.find((item: { id: string }) => item.id === id);
      assert.deepEqual({ recipient: sms.recipient, status: sms.status, unitCode: sms.unitCode, personId: sms.personId }, { recipient: '+84••••••678', status: 'queued', unitCode: '31321', personId: p.id });
      assert.equal(all.body.items.find((item: { channel: string }) => item.channel === 'email').recipient, 'n•••@example.vn');
      assert.equal((await t().request('GET', '/api/v1/notifications?status=failed', { token: t().adminToken })).body.total, 0);
      assert.equal((await t().request('GET', `/api/v1/notifications?personId=${p.id}&channel=sms`, { token: t().adminToken })).body.total, 1);
      const local = await t().request('GET', '/api/v1/notifications', { token: await t().tokenFor('health_officer', '31321') });
      assert.deepEqual(local.body.items.map((item: { id: string }) => item.id), [id]);
      const elsewhere = await t().request('GET', '/api/v1/notifications', { token: await t().tokenFor('health_officer', '934') });
      assert.deepEqual(elsewhere.body.items.map((item: { channel: string }) => item.channel), ['email']);
      assert.equal((await t().request('GET', '/api/v1/notifications?status=lost', { token: t().adminToken })).status, 400);
    });

    test('a provider error that repeats the phone number is shown masked', async () => {
      const { id } = await enqueued(t().db, { recipient: '0912345678', unitCode: '31321' });
      await t().db.query(`UPDATE outbox_messages SET last_error = 'gateway: 0912345678 is blocked (84912345678)' WHERE id = $1`, [id]);
      const listed = (await t().request('GET', '/api/v1/notifications?channel=sms', { token: t().adminToken })).body.items.find((item: { id: string }) => item.id === id);
      assert.equal(listed.lastError, 'gateway: +84••••••678 is blocked (+84••••••678)');
    });

    test('a failed message can be sent again (audited); anything else answers 409, out of scope 404', async () => {
      const p = await person();
      const { id } = await enqueued(t().db, { personId: p.id });
      const retry = (token = t().adminToken) => t().request('POST', `/api/v1/notifications/${id}/retry`, { token });
      assert.equal((await retry()).status, 409);
      await t().db.query(`UPDATE outbox_messages SET status = 'failed', attempts = 3, failed_at = now(), last_error = 'SMS gateway answered 500' WHERE id = $1`, [id]);
      assert.equal((await retry(await t().tokenFor('health_officer', '934'))).status, 404);
      const again = await retry();
      assert.equal(again.status, 200);
      assert.deepEqual({ status: again.body.status, attempts: again.body.attempts, lastError: again.body.lastError }, { status: 'queued', attempts: 0, lastError: null });
      assert.equal(await count(`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'notification' AND action = 'retry' AND entity_id = $1`, [id]), 1);
    });

    test('delivery reports need the shared secret; an unknown message is 404; delivered is final', async () => {
      const { id } = await enqueued(t().db);
      await t().db.query(`UPDATE outbox_messages SET status = 'sent', sent_at = now(), provider_ref = 'gw-77' WHERE id = $1`, [id]);
      assert.equal((await report({ id, status: 'delivered' }, 'wrong')).statusCode, 401);
      assert.equal((await t().app.inject({ method: 'POST', url: '/api/v1/notifications/sms/reports', payload: { id, status: 'delivered' } })).statusCode, 401);
      assert.equal((await report({ id: randomUUID(), status: 'delivered' })).statusCode, 404);
      assert.equal((await report({ status: 'delivered' })).statusCode, 400);
      const delivered = await report({ reference: 'gw-77', status: 'delivered', carrier: 'extra fields are fine' });
      assert.equal(delivered.statusCode, 200);
      assert.deepEqual(delivered.json(), { id, status: 'delivered' });
      // a late 'failed' report does not undo a delivery
      assert.deepEqual((await report({ id, status: 'failed', error: 'late' })).json(), { id, status: 'delivered' });
      const query = await t().app.inject({ method: 'POST', url: `/api/v1/notifications/sms/reports?secret=${REPORT_SECRET}`, payload: { id, status: 'delivered' } });
      assert.equal(query.statusCode, 200);
    });
  });
}
