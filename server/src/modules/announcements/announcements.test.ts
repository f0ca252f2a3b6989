import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { withTestApp } from '../../testing/app.js';
import { engines } from '../../testing/databases.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
let sequence = 0;
const buildAnnouncement = (overrides: Record<string, unknown> = {}) => ({
  kind: 'directive',
  title: `Chỉ thị về giãn cách xã hội số ${++sequence}`,
  bodyMarkdown: '# Chỉ thị\n\nThực hiện **giãn cách** theo [Chỉ thị 16](https://example.org/ct16).\n\n<script>alert(1)</script><img src=x onerror=alert(2)>',
  issuingBody: 'UBND tỉnh Hậu Giang',
  documentNumber: `${sequence}/CT-UBND`,
  documentDate: '2021-08-01',
  unitCode: '93',
  ...overrides,
});

for (const engine of engines()) {
  describe(`announcements (${engine})`, () => {
    const t = withTestApp(engine);
    const create = async (body: unknown, token = t().adminToken) => t().request('POST', '/api/v1/announcements', { token, body });
    const publish = async (id: string, token = t().adminToken) => t().request('POST', `/api/v1/announcements/${id}/publish`, { token, body: {} });
    const upload = (id: string, content: Buffer, token = t().adminToken) =>
      t().app.inject({ method: 'POST', url: `/api/v1/announcements/${id}/attachments?filename=chi-thi.pdf`, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/pdf' }, payload: content });

    test('writing needs a token (401), permission (403), a unit in scope (400); another scope\'s draft answers 404', async () => {
      assert.equal((await create(buildAnnouncement(), '')).status, 401);
      assert.equal((await create(buildAnnouncement(), await t().tokenFor('viewer', '93'))).status, 403);
      const officer = await t().tokenFor('health_officer', '934');
      assert.match((await create(buildAnnouncement({ unitCode: '930' }), officer)).body.error.fields.unitCode, /outside your scope/);
      const { body: draft } = await create(buildAnnouncement());
      assert.equal((await publish(draft.id, officer)).status, 404);
      assert.equal((await t().request('GET', `/api/v1/announcements/staff/${draft.id}`, { token: officer })).status, 404);
      assert.ok((await create(buildAnnouncement({ documentDate: '2021-02-30' }))).body.error.fields.documentDate);
    });

    test('the body is rendered from Markdown and sanitised: no script, no event handlers', async () => {
      const { status, body } = await create(buildAnnouncement());
      assert.equal(status, 201);
      assert.match(body.bodyHtml, /<h1>Chỉ thị<\/h1>/);
      assert.match(body.bodyHtml, /<strong>giãn cách<\/strong>/);
      assert.match(body.bodyHtml, /<a href="https:\/\/example.org\/ct16" rel="noopener noreferrer nofollow">/);
      assert.doesNotMatch(body.bodyHtml, /script|onerror|<img/);
    });

    test('draft → published → withdrawn; drafts are not public; a wrong transition answers 409', async () => {
      const { body: draft } = await create(buildAnnouncement({ title: 'Thông báo khẩn về xét nghiệm diện rộng', kind: 'notice' }));
      assert.equal((await t().request('GET', `/api/v1/announcements/${draft.id}`)).status, 404);
      assert.equal((await t().request('POST', `/api/v1/announcements/${draft.id}/withdraw`, { token: t().adminToken, body: { reason: 'x' } })).status, 409);
      const published = await publish(draft.id);
      assert.equal(published.body.status, 'published');
      assert.ok(published.body.publishedAt);
      assert.equal((await publish(draft.id)).status, 409);
      const found = await t().request('GET', '/api/v1/announcements?q=xet%20nghiem%20dien%20rong&kind=notice');
      assert.deepEqual(found.body.items.map((a: { id: string }) => a.id), [draft.id]);
      const withdrawn = await t().request('POST', `/api/v1/announcements/${draft.id}/withdraw`, { token: t().adminToken, body: { reason: 'thay bằng thông báo mới' } });
      assert.equal(withdrawn.body.status, 'withdrawn');
      assert.equal((await t().request('GET', `/api/v1/announcements/${draft.id}`)).body.withdrawnReason, 'thay bằng thông báo mới');
      assert.equal((await t().request('GET', '/api/v1/announcements?q=xet%20nghiem%20dien%20rong')).body.total, 0);
      assert.equal((await t().request('GET', '/api/v1/announcements?q=xet%20nghiem%20dien%20rong&includeWithdrawn=true')).body.total, 1);
      assert.equal((await t().request('PATCH', `/api/v1/announcements/${draft.id}`, { token: t().adminToken, body: { title: 'x' } })).status, 409);
      const audit = await t().request('GET', `/api/v1/audit?entity=announcement&entityId=${draft.id}`, { token: t().adminToken });
      assert.deepEqual(audit.body.items.map((i: { action: string }) => i.action).sort(), ['create', 'publish', 'withdraw']);
    });

    test('PDF attachments: checked by magic bytes, public once published, downloadable as stored', async () => {
      const { body: draft } = await create(buildAnnouncement());
      const notPdf = await upload(draft.id, Buffer.from('<html>not a pdf</html>'));
      assert.equal(notPdf.statusCode, 400);
      assert.match(notPdf.json().error.fields.body, /not a PDF/);
      const tooBig = await upload(draft.id, Buffer.concat([PDF, Buffer.alloc(11 * 1024 * 1024)]));
      assert.equal(tooBig.statusCode, 400);
      const added = await upload(draft.id, PDF);
      assert.equal(added.statusCode, 201);
      const attachment = added.json();
      assert.equal((await t().app.inject({ method: 'GET', url: attachment.url })).statusCode, 404, 'a draft\'s file is not public');
      await publish(draft.id);
      const download = await t().app.inject({ method: 'GET', url: attachment.url });
      assert.equal(download.statusCode, 200);
      assert.equal(download.headers['content-type'], 'application/pdf');
      assert.deepEqual(download.rawPayload, PDF);
      assert.equal((await t().request('GET', `/api/v1/announcements/${draft.id}`)).body.attachments[0].sha256, attachment.sha256);
    });

    test('the Atom feed is well-formed Atom with the published entries, escaped', async () => {
      const { body: draft } = await create(buildAnnouncement({ title: 'Kế hoạch <tiêm> & "xét nghiệm"' }));
      await publish(draft.id);
      const feed = await t().app.inject({ method: 'GET', url: '/api/v1/announcements/feed.atom' });
      assert.equal(feed.statusCode, 200);
      assert.match(String(feed.headers['content-type']), /application\/atom\+xml/);
      assert.match(feed.body, /^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/);
      assert.ok(feed.body.includes(`<id>urn:uuid:${draft.id}</id>`));
      assert.ok(feed.body.includes('Kế hoạch &lt;tiêm&gt; &amp; &quot;xét nghiệm&quot;'));
      assert.doesNotMatch(feed.body, /<script/);
      for (const required of ['<updated>', '<title>', '<author>', '<link rel="self"']) assert.ok(feed.body.includes(required));
    });
  });
}
