import assert from 'node:assert/strict';
import { after, beforeEach, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { withTestApp } from '../../testing/app.js';
import { engines } from '../../testing/databases.js';
import { enqueued, stateOf, testConfig } from './factories.js';
import { render } from './templates.js';
import { startSmsGateway } from './test-servers.js';
import { type OutboxWorker, createOutboxWorker } from './worker.js';

const REPORT_SECRET = 'report-secret-for-tests';
const PAYLOAD = { venueName: 'Chợ Vị Thanh', from: '2021-07-15T03:30:00Z', to: '2021-07-15T05:00:00Z' };

for (const engine of engines()) {
  describe(`SMS through the HTTP gateway (${engine})`, () => {
    const t = withTestApp(engine, { VIGIL_SMS_REPORT_SECRET: REPORT_SECRET });
    const closers: (() => unknown)[] = [];
    const gatewayFor = async (reply?: Parameters<typeof startSmsGateway>[0]) => {
      const gateway = await startSmsGateway(reply);
      closers.push(gateway.close);
      return gateway;
    };
    const workerFor = (env: Record<string, string>) => {
      const worker = createOutboxWorker({ db: t().db, config: testConfig(env) });
      closers.push(() => worker.close());
      return worker;
    };
    /** Runs worker rounds until the message reaches one of these states. */
    const until = async (worker: OutboxWorker, id: string, statuses: string[]) => {
      const deadline = Date.now() + 20_000;
      while (!statuses.includes((await stateOf(t().db, id)).status)) {
        if (Date.now() > deadline) throw new Error(`message ${id} stayed ${(await stateOf(t().db, id)).status}`);
        await worker.runOnce();
        await sleep(20);
      }
      return stateOf(t().db, id);
    };
    beforeEach(async () => {
      await t().db.query('DELETE FROM outbox_messages');
    });
    after(async () => {
      for (const close of closers) await close();
    });

    test('the gateway gets the Vietnamese text, the headers and the id as Idempotency-Key and {{id}}; the message is sent with its reference', async () => {
      const gateway = await gatewayFor();
      const worker = workerFor({
        VIGIL_SMS_GATEWAY_URL: `${gateway.url}/api/send`, VIGIL_SMS_GATEWAY_HEADERS: '{"authorization":"Bearer gateway-key"}',
        VIGIL_SMS_BODY_TEMPLATE: '{"phone":"{{to}}","message":"{{text}}","clientRef":"{{id}}","brand":"SYT-HAUGIANG"}',
      });
      const { id } = await enqueued(t().db, { recipient: '0912 345 678', payload: PAYLOAD });
      assert.equal(await worker.runOnce(), 1);
      const [request] = gateway.requests;
      assert.equal(request!.method, 'POST');
      assert.equal(request!.url, '/api/send');
      assert.equal(request!.headers.authorization, 'Bearer gateway-key');
      assert.equal(request!.headers['idempotency-key'], id);
      assert.match(String(request!.headers['content-type']), /^application\/json/);
      const body = JSON.parse(request!.body.toString('utf8'));
      assert.deepEqual(body, { phone: '+84912345678', message: render('exposure_notice', 'vi', PAYLOAD).body, clientRef: id, brand: 'SYT-HAUGIANG' });
      assert.match(body.message, /^Bạn đã có mặt tại Chợ Vị Thanh trong khoảng 10:30 15\/07\/2021/);
      const state = await stateOf(t().db, id);
      assert.deepEqual({ status: state.status, attempts: state.attempts, ref: state.provider_ref }, { status: 'sent', attempts: 1, ref: 'gw-1' });
    });

    test('a form body with PUT, in English when the message is', async () => {
      const gateway = await gatewayFor();
      const worker = workerFor({ VIGIL_SMS_GATEWAY_URL: gateway.url, VIGIL_SMS_GATEWAY_METHOD: 'PUT', VIGIL_SMS_BODY_FORMAT: 'form' });
      const { id } = await enqueued(t().db, { locale: 'en', template: 'test_order', payload: { date: '2021-08-02', site: 'Trạm y tế phường I' } });
      await worker.runOnce();
      const form = new URLSearchParams(gateway.requests[0]!.body.toString('utf8'));
      assert.equal(gateway.requests[0]!.method, 'PUT');
      assert.deepEqual([form.get('to'), form.get('id')], ['+84912345678', id]);
      assert.equal(form.get('text'), 'You are asked to take a SARS-CoV-2 test on 2 Aug 2021 at Trạm y tế phường I. Please bring your citizen ID card and wear a mask.');
    });

    test('after gateway 500s the message is retried with growing back-off, and failed after the last attempt', async () => {
      const gateway = await gatewayFor(() => ({ status: 500 }));
      const worker = workerFor({ VIGIL_SMS_GATEWAY_URL: gateway.url, VIGIL_OUTBOX_RETRY_BASE_MS: '300', VIGIL_OUTBOX_MAX_ATTEMPTS: '3' });
      const { id } = await enqueued(t().db);
      await worker.runOnce();
      const waiting = await stateOf(t().db, id);
      assert.equal(waiting.status, 'queued');
      assert.match(waiting.last_error ?? '', /SMS gateway answered 500/);
      // nothing is sent again before the back-off (at least half of 300 ms) has passed
      assert.equal(await worker.runOnce(), 0);
      const failed = await until(worker, id, ['failed']);
      assert.deepEqual({ attempts: failed.attempts, requests: gateway.requests.length, received: gateway.toPerson.length }, { attempts: 3, requests: 3, received: 0 });
      const [first, second, third] = gateway.requests.map((request) => request.at);
      assert.ok(second! - first! >= 150, `first back-off ${second! - first!} ms`);
      assert.ok(third! - second! >= 300, `second back-off ${third! - second!} ms`);
    });

    test('a gateway that recovers gets the message on a later attempt, once', async () => {
      const gateway = await gatewayFor((_request, index) => (index === 0 ? { status: 503 } : { status: 202 }));
      const worker = workerFor({ VIGIL_SMS_GATEWAY_URL: gateway.url });
      const { id } = await enqueued(t().db);
      const sent = await until(worker, id, ['sent']);
      assert.equal(sent.attempts, 2);
      assert.equal(gateway.toPerson.length, 1);
    });

    test('a 400 from the gateway fails the message at once: sending it again cannot help', async () => {
      const gateway = await gatewayFor(() => ({ status: 400, body: { error: 'invalid number' } }));
      const worker = workerFor({ VIGIL_SMS_GATEWAY_URL: gateway.url });
      const { id } = await enqueued(t().db);
      await worker.runOnce();
      const state = await stateOf(t().db, id);
      assert.deepEqual({ status: state.status, attempts: state.attempts }, { status: 'failed', attempts: 1 });
      assert.match(state.last_error ?? '', /400: \{"error":"invalid number"\}/);
    });

    test('the gateway\'s delivery report marks the message delivered, and staff see it', async () => {
      const gateway = await gatewayFor();
      const worker = workerFor({ VIGIL_SMS_GATEWAY_URL: gateway.url });
      const { id } = await enqueued(t().db);
      await worker.runOnce();
      const reported = await t().app.inject({
        method: 'POST', url: '/api/v1/notifications/sms/reports', headers: { 'x-vigil-report-secret': REPORT_SECRET }, payload: { reference: 'gw-1', status: 'delivered' },
      });
      assert.deepEqual(reported.json(), { id, status: 'delivered' });
      const listed = await t().request('GET', '/api/v1/notifications?status=delivered', { token: t().adminToken });
      assert.deepEqual(listed.body.items.map((item: { id: string; providerRef: string }) => [item.id, item.providerRef]), [[id, 'gw-1']]);
      assert.ok(listed.body.items[0].deliveredAt);
    });
  });
}
