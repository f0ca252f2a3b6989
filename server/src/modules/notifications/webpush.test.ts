import assert from 'node:assert/strict';
import { createDecipheriv, createECDH, hkdfSync, randomBytes } from 'node:crypto';
import { after, beforeEach, describe, test } from 'node:test';
import { importJWK, jwtVerify } from 'jose';
import { AppError } from '../../platform/errors.js';
import { withTestApp } from '../../testing/app.js';
import { engines } from '../../testing/databases.js';
import { enqueued, stateOf, testConfig } from './factories.js';
import { subscribe } from './push.js';
import { startPushService } from './test-servers.js';
import { createOutboxWorker } from './worker.js';

// The local push service speaks plain http; production endpoints must be https.
const SUBJECT = 'mailto:ops@soyte.haugiang.example';

/** A browser's side of a subscription: its P-256 key pair and auth secret, and the decryption of what it receives (RFC 8291, aes128gcm). */
function browser() {
  const ecdh = createECDH('prime256v1');
  const publicKey = ecdh.generateKeys();
  const authSecret = randomBytes(16);
  return {
    keys: { p256dh: publicKey.toString('base64url'), auth: authSecret.toString('base64url') },
    decrypt(body: Buffer): string {
      const salt = body.subarray(0, 16);
      const keyLength = body[20]!;
      const serverKey = body.subarray(21, 21 + keyLength);
      const record = body.subarray(21 + keyLength);
      const info = (label: string) => Buffer.from(`Content-Encoding: ${label}\0`);
      const ikm = Buffer.from(hkdfSync('sha256', ecdh.computeSecret(serverKey), authSecret, Buffer.concat([Buffer.from('WebPush: info\0'), publicKey, serverKey]), 32));
      const decipher = createDecipheriv('aes-128-gcm', Buffer.from(hkdfSync('sha256', ikm, salt, info('aes128gcm'), 16)), Buffer.from(hkdfSync('sha256', ikm, salt, info('nonce'), 12)));
      decipher.setAuthTag(record.subarray(-16));
      const padded = Buffer.concat([decipher.update(record.subarray(0, -16)), decipher.final()]);
      let end = padded.length - 1;
      while (padded[end] === 0) end--;
      assert.equal(padded[end], 2, 'the last record ends with the delimiter 0x02');
      return padded.subarray(0, end).toString('utf8');
    },
  };
}

for (const engine of engines()) {
  describe(`Web Push (${engine})`, () => {
    const t = withTestApp(engine, { VIGIL_PUSH_ALLOW_HTTP: '1' });
    const closers: (() => Promise<void>)[] = [];
    const pushService = async (status?: () => number) => {
      const service = await startPushService(status);
      closers.push(service.close);
      return service;
    };
    const subscribed = async (endpoint: string, extra: Record<string, unknown> = {}) => {
      const device = browser();
      const response = await t().request('POST', '/api/v1/notifications/push/subscriptions', { body: { endpoint, keys: device.keys, expirationTime: null, ...extra } });
      return { device, response };
    };
    beforeEach(async () => {
      await t().db.query('DELETE FROM outbox_messages');
    });
    after(async () => {
      for (const close of closers) await close();
    });

    test('the app gets the same VAPID public key every time (kept in the database)', async () => {
      const first = await t().request('GET', '/api/v1/notifications/push/key');
      assert.equal(first.status, 200);
      assert.equal(Buffer.from(first.body.publicKey, 'base64url').length, 65);
      assert.equal((await t().request('GET', '/api/v1/notifications/push/key')).body.publicKey, first.body.publicKey);
    });

    test('subscriptions: bad ones are 400 by field; 201 then 200 renewing; a personal code links the person; unsubscribe is 204', async () => {
      const bad = await t().request('POST', '/api/v1/notifications/push/subscriptions', { body: { endpoint: 'ftp://push.example/x', keys: { p256dh: 'AAAA', auth: 'not base64!' } } });
      assert.equal(bad.status, 400);
      assert.deepEqual(Object.keys(bad.body.error.fields).sort(), ['endpoint', 'keys.auth', 'keys.p256dh']);
      await assert.rejects(subscribe(t().db, { endpoint: 'http://push.example/x', keys: browser().keys }, false), (error: unknown) => error instanceof AppError && /https/.test(error.fields?.endpoint ?? ''));
      const endpoint = `https://push.example/device/${randomBytes(8).toString('hex')}`;
      const created = await subscribed(endpoint);
      assert.equal(created.response.status, 201);
      assert.equal(created.response.body.personLinked, false);
      const { body: registered } = await t().request('POST', '/api/v1/personal-codes', { body: { person: { fullName: 'Trần Thị Đào', phone: '0911222444', birthYear: 1988 } } });
      const renewed = await subscribed(endpoint, { personCode: registered.personCode, locale: 'en' });
      assert.deepEqual([renewed.response.status, renewed.response.body.id, renewed.response.body.personLinked], [200, created.response.body.id, true]);
      assert.equal((await subscribed(endpoint, { personCode: 'P'.repeat(40) })).response.status, 400);
      const removed = await t().app.inject({ method: 'DELETE', url: '/api/v1/notifications/push/subscriptions', payload: { endpoint } });
      assert.equal(removed.statusCode, 204);
      assert.equal((await t().db.query('SELECT 1 FROM push_subscriptions WHERE endpoint = $1', [endpoint])).length, 0);
    });

    test('a notice reaches the push service encrypted for the browser, VAPID-signed with the served key, the id as Topic and tag', async () => {
      const service = await pushService();
      const endpoint = `${service.url}/push/${randomBytes(8).toString('hex')}`;
      const { device, response } = await subscribed(endpoint);
      const { id } = await enqueued(t().db, { channel: 'webpush', recipient: response.body.id, locale: 'en', template: 'test_result', payload: { testType: 'rt_pcr', sampledOn: '2021-08-02', result: 'negative' } });
      const worker = createOutboxWorker({ db: t().db, config: testConfig({ VIGIL_VAPID_SUBJECT: SUBJECT }) });
      assert.equal(await worker.runOnce(), 1);
      const request = service.requests.at(-1)!;
      assert.equal(request.url, new URL(endpoint).pathname);
      assert.deepEqual([request.headers['content-encoding'], request.headers.ttl, request.headers.urgency, request.headers.topic], ['aes128gcm', '86400', 'high', id.replace(/-/g, '')]);
      assert.deepEqual(JSON.parse(device.decrypt(request.body)), {
        id, tag: id, template: 'test_result', lang: 'en', title: 'Test result', body: 'Result of the RT-PCR test sampled on 2 Aug 2021: NEGATIVE for SARS-CoV-2.',
      });
      const [, token, key] = /^vapid t=([^,]+), k=(\S+)$/.exec(String(request.headers.authorization))!;
      const served = (await t().request('GET', '/api/v1/notifications/push/key')).body.publicKey as string;
      assert.equal(key, served);
      const raw = Buffer.from(served, 'base64url');
      const publicKey = await importJWK({ kty: 'EC', crv: 'P-256', x: raw.subarray(1, 33).toString('base64url'), y: raw.subarray(33).toString('base64url') }, 'ES256');
      const { payload } = await jwtVerify(token!, publicKey);
      assert.deepEqual([payload.aud, payload.sub], [new URL(endpoint).origin, SUBJECT]);
      assert.equal((await stateOf(t().db, id)).status, 'sent');
    });

    test('a subscription the push service says is gone (410) is removed and its message failed', async () => {
      const service = await pushService(() => 410);
      const { response } = await subscribed(`${service.url}/push/${randomBytes(8).toString('hex')}`);
      const { id } = await enqueued(t().db, { channel: 'webpush', recipient: response.body.id });
      const worker = createOutboxWorker({ db: t().db, config: testConfig() });
      await worker.runOnce();
      const state = await stateOf(t().db, id);
      assert.deepEqual({ status: state.status, attempts: state.attempts }, { status: 'failed', attempts: 1 });
      assert.match(state.last_error ?? '', /410: the subscription has expired/);
      assert.equal((await t().db.query('SELECT 1 FROM push_subscriptions WHERE id = $1', [response.body.id])).length, 0);
    });
  });
}
