import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { smsBody } from './channels/sms.js';
import { configuredChannels, loadNotificationConfig } from './config.js';
import { backoffMs } from './worker.js';

describe('notification configuration', () => {
  test('nothing configured: only Web Push can be delivered, with safe worker defaults', () => {
    const config = loadNotificationConfig({});
    assert.deepEqual(configuredChannels(config), ['webpush']);
    assert.equal(config.sms, null);
    assert.equal(config.worker.maxAttempts, 8);
    assert.ok(config.worker.leaseMs >= 3 * config.worker.sendTimeoutMs);
  });

  test('bad settings are refused at start with the key named', () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ VIGIL_SMS_GATEWAY_URL: 'ftp://sms' }, /VIGIL_SMS_GATEWAY_URL/],
      [{ VIGIL_SMS_GATEWAY_URL: 'https://sms.example', VIGIL_SMS_GATEWAY_HEADERS: '{"x": 1}' }, /VIGIL_SMS_GATEWAY_HEADERS/],
      [{ VIGIL_SMS_GATEWAY_URL: 'https://sms.example', VIGIL_SMS_BODY_TEMPLATE: '{"to":"{{to}}"}' }, /must contain \{\{text\}\}/],
      [{ VIGIL_SMS_GATEWAY_URL: 'https://sms.example', VIGIL_SMS_BODY_TEMPLATE: '{"to":{{to}},"text":"{{text}}"' }, /JSON/],
      [{ VIGIL_SMTP_URL: 'smtp://mail.example' }, /VIGIL_MAIL_FROM/],
      [{ VIGIL_OUTBOX_LEASE_MS: '1000', VIGIL_OUTBOX_SEND_TIMEOUT_MS: '1000' }, /three times/],
      [{ VIGIL_VAPID_SUBJECT: 'http://example.vn' }, /VIGIL_VAPID_SUBJECT/],
    ];
    for (const [env, message] of cases) assert.throws(() => loadNotificationConfig(env), message, JSON.stringify(env));
  });

  test('gateway credentials in the URL become a Basic header; the headers setting adds its own', () => {
    const { sms } = loadNotificationConfig({ VIGIL_SMS_GATEWAY_URL: 'https://vigil:s%40cret@sms.example/send', VIGIL_SMS_GATEWAY_HEADERS: '{"x-api-key":"k1"}' });
    assert.equal(sms!.url, 'https://sms.example/send');
    assert.deepEqual(sms!.headers, { authorization: `Basic ${Buffer.from('vigil:s@cret').toString('base64')}`, 'x-api-key': 'k1' });
  });

  test('the SMS body escapes values for JSON and for forms', () => {
    const values = { to: '+84912345678', text: 'Chợ "Vị Thanh" & 10:30', id: 'abc' };
    const json = smsBody({ format: 'json', bodyTemplate: '{"phone":"{{to}}","msg":"{{text}}","ref":"{{id}}"}' }, values);
    assert.deepEqual(JSON.parse(json), { phone: '+84912345678', msg: 'Chợ "Vị Thanh" & 10:30', ref: 'abc' });
    const form = new URLSearchParams(smsBody({ format: 'form', bodyTemplate: 'to={{to}}&text={{text}}' }, values));
    assert.equal(form.get('to'), '+84912345678');
    assert.equal(form.get('text'), 'Chợ "Vị Thanh" & 10:30');
  });

  test('back-off doubles per attempt up to the cap, with jitter between half and all of it', () => {
    const worker = loadNotificationConfig({ VIGIL_OUTBOX_RETRY_BASE_MS: '1000', VIGIL_OUTBOX_RETRY_MAX_MS: '5000' }).worker;
    assert.deepEqual([1, 2, 3, 4].map((n) => backoffMs(n, worker, () => 1)), [1000, 2000, 4000, 5000]);
    assert.equal(backoffMs(2, worker, () => 0), 1000);
  });
});
