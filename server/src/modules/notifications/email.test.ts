import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { withTestApp } from '../../testing/app.js';
import { engines } from '../../testing/databases.js';
import { enqueued, stateOf, testConfig } from './factories.js';
import { render } from './templates.js';
import { startSmtpServer } from './test-servers.js';
import { createOutboxWorker } from './worker.js';

const FROM = 'Vigil Hậu Giang <vigil@soyte.haugiang.example>';
const PAYLOAD = { kind: 'home', place: 'Ấp 3, xã Vị Tân', startDate: '2021-08-01', endDate: '2021-08-14' };

/** The headers (unfolded, by lower-case name) and the decoded text of a single-part message. */
function parseMail(raw: string) {
  const split = raw.indexOf('\r\n\r\n');
  const headers = new Map(raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ').split('\r\n').map((line) => {
    const colon = line.indexOf(':');
    return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()] as const;
  }));
  assert.equal(headers.get('content-transfer-encoding'), 'base64');
  return { headers, text: Buffer.from(raw.slice(split + 4), 'base64').toString('utf8') };
}

/** RFC 2047 encoded words (=?UTF-8?B?…?= and =?UTF-8?Q?…?=) back to text. */
function decodeWords(value: string): string {
  return value.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_match, encoding: string, text: string) => {
    if (encoding.toUpperCase() === 'B') return Buffer.from(text, 'base64').toString('utf8');
    const latin1 = text.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(latin1, 'latin1').toString('utf8');
  }).trim();
}

for (const engine of engines()) {
  describe(`e-mail through SMTP (${engine})`, () => {
    const t = withTestApp(engine);
    let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
    before(async () => {
      smtp = await startSmtpServer();
    });
    after(async () => {
      await smtp.close();
    });
    beforeEach(async () => {
      await t().db.query('DELETE FROM outbox_messages');
    });
    const workerFor = (url = smtp.url) => createOutboxWorker({ db: t().db, config: testConfig({ VIGIL_SMTP_URL: url, VIGIL_MAIL_FROM: FROM }) });

    test('the SMTP server receives the message in Vietnamese, with a Message-ID made from the outbox id', async () => {
      const worker = workerFor();
      const { id } = await enqueued(t().db, { channel: 'email', recipient: 'nguyen.an@example.vn', template: 'quarantine_order', payload: PAYLOAD });
      assert.equal(await worker.runOnce(), 1);
      worker.close();
      const mail = smtp.mails.at(-1)!;
      assert.deepEqual({ from: mail.from, to: mail.to }, { from: 'vigil@soyte.haugiang.example', to: ['nguyen.an@example.vn'] });
      const { headers, text } = parseMail(mail.raw);
      const expected = render('quarantine_order', 'vi', PAYLOAD);
      assert.equal(headers.get('message-id'), `<${id}@soyte.haugiang.example>`);
      assert.equal(decodeWords(headers.get('subject')!), 'Quyết định cách ly');
      assert.equal(headers.get('content-language'), 'vi');
      assert.match(text, /^Bạn thuộc diện cách ly tại nhà \(Ấp 3, xã Vị Tân\) từ ngày 01\/08\/2021 đến hết ngày 14\/08\/2021\./);
      assert.ok(text.startsWith(expected.body));
      assert.match(text, /Vigil – hệ thống phòng, chống dịch tỉnh Hậu Giang/);
      const state = await stateOf(t().db, id);
      assert.equal(state.status, 'sent');
      assert.match(state.provider_ref ?? '', /^250/);
    });

    test('a recipient the server refuses (550) fails the message at once', async () => {
      const worker = workerFor();
      const { id } = await enqueued(t().db, { channel: 'email', recipient: 'nobody@reject.example' });
      await worker.runOnce();
      worker.close();
      const state = await stateOf(t().db, id);
      assert.deepEqual({ status: state.status, attempts: state.attempts }, { status: 'failed', attempts: 1 });
      assert.match(state.last_error ?? '', /^SMTP: .*no such mailbox/);
    });

    test('an SMTP server that cannot be reached leaves the message queued for a later attempt', async () => {
      const closed = await startSmtpServer();
      await closed.close();
      const worker = workerFor(closed.url);
      const { id } = await enqueued(t().db, { channel: 'email', recipient: 'nguyen.an@example.vn' });
      await worker.runOnce();
      worker.close();
      const state = await stateOf(t().db, id);
      assert.deepEqual({ status: state.status, attempts: state.attempts }, { status: 'queued', attempts: 1 });
      assert.match(state.last_error ?? '', /^SMTP: .*ECONNREFUSED/);
    });
  });
}
