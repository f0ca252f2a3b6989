// Public exposure notices over HTTP: published by staff without personal data, open with an ETag,
// withdrawn ones gone.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { createEventBus } from '../../platform/events.js';
import { withTestApp } from '../../testing/app.js';
import { engines } from '../../testing/databases.js';
import { REASON, contactKit } from './contacts.testkit.js';
import { NOTICES_EVENT, publishNotices, withdrawNotice } from './notices.js';

for (const engine of engines()) {
  describe(`exposure notices (${engine})`, () => {
    const t = withTestApp(engine);
    const k = contactKit(t);
    const publish = (caseId: string, token = t().adminToken, body: Record<string, unknown> = { reason: REASON }) =>
      t().request('POST', `/api/v1/cases/${caseId}/exposure-notices`, { token, body });
    const open = (etag?: string) => t().app.inject({ method: 'GET', url: '/api/v1/open/exposure-notices', headers: etag ? { 'if-none-match': etag } : {} });
    const openItems = async () => (JSON.parse((await open()).body) as { items: { id: string }[] }).items.map((item) => item.id);

    test('publishing needs cases:write (403 for a tracer), a case in scope (404) and a reason (400)', async () => {
      const { caseId } = await k.tracedCase();
      assert.equal((await t().request('POST', `/api/v1/cases/${caseId}/exposure-notices`, { body: { reason: REASON } })).status, 401);
      assert.equal((await publish(caseId, await t().tokenFor('tracer', '930'))).status, 403);
      assert.equal((await publish(caseId, await t().tokenFor('health_officer', '934'))).status, 404);
      assert.ok((await publish(caseId, t().adminToken, { reason: ' ' })).body.error.fields.reason);
      const { items } = (await t().request('GET', `/api/v1/cases/${caseId}/exposure-notices`, { token: t().adminToken })).body;
      assert.deepEqual(items, []);
    });

    test('a case\'s visits become notices widened by the margin; the open list names venue and time only', async () => {
      const { caseId, venueId, f0, a } = await k.tracedCase();
      const published = await publish(caseId, await t().tokenFor('health_officer', '93'), { reason: REASON, marginMinutes: 15 });
      assert.equal(published.status, 200, JSON.stringify(published.body));
      assert.equal(published.body.published, 1);
      assert.deepEqual(published.body.items.map((n: { venueId: string; from: string; to: string }) => [n.venueId, n.from, n.to]), [[venueId, k.at(585), k.at(675)]]);
      const again = await publish(caseId, t().adminToken, { reason: REASON, marginMinutes: 15 });
      assert.deepEqual([again.body.published, again.body.updated], [0, 0], 'publishing again adds nothing');

      const response = await open();
      assert.equal(response.statusCode, 200);
      assert.match(String(response.headers['content-type']), /application\/json/);
      const document = JSON.parse(response.body);
      const notice = document.items.find((item: { id: string }) => item.id === published.body.items[0].id);
      assert.deepEqual(Object.keys(notice).sort(), ['address', 'communeCode', 'from', 'id', 'location', 'to', 'venueId', 'venueName']);
      assert.deepEqual([notice.from, notice.to], [k.at(585), k.at(675)]);
      for (const secret of [caseId, f0, a]) assert.ok(!response.body.includes(secret), 'no case or person id in open data');
      const person = (await t().request('GET', `/api/v1/people/${f0}`, { token: t().adminToken })).body;
      assert.ok(!response.body.includes(person.fullName) && !response.body.includes(person.phone));
    });

    test('the open list answers 304 to its ETag until a notice changes; a withdrawn notice disappears and stays withdrawn', async () => {
      const { caseId } = await k.tracedCase();
      const [notice] = (await publish(caseId)).body.items as { id: string }[];
      const first = await open();
      const etag = String(first.headers.etag);
      assert.ok(etag.startsWith('"'));
      assert.equal((await open(etag)).statusCode, 304);

      const withdraw = (token = t().adminToken) => t().request('POST', `/api/v1/exposure-notices/${notice!.id}/withdraw`, { token, body: { reason: 'sai giờ check-in' } });
      assert.equal((await withdraw(await t().tokenFor('health_officer', '934'))).status, 404);
      const withdrawn = await withdraw();
      assert.equal(withdrawn.status, 200);
      assert.deepEqual([withdrawn.body.status, withdrawn.body.withdrawReason], ['withdrawn', 'sai giờ check-in']);
      const after = await open(etag);
      assert.equal(after.statusCode, 200);
      assert.notEqual(after.headers.etag, etag);
      assert.ok(!(await openItems()).includes(notice!.id));
      assert.equal((await withdraw()).body.status, 'withdrawn', 'withdrawing again changes nothing');
      await publish(caseId, t().adminToken, { reason: REASON, marginMinutes: 5 });
      assert.ok(!(await openItems()).includes(notice!.id), 'publishing the case again does not bring it back');
      const audited = await t().db.query(`SELECT 1 FROM audit_log WHERE entity = 'exposure_notice' AND action = 'withdraw' AND entity_id = $1`, [notice!.id]);
      assert.equal(audited.length, 1);
    });

    test('a change is announced on the event bus after the commit, with notice ids only; nothing changed, nothing announced', async () => {
      const { caseId } = await k.tracedCase();
      const bus = createEventBus();
      const heard: unknown[] = [];
      bus.subscribe((event) => heard.push([event.type, event.data]));
      const published = await publishNotices(t().db, bus, SYSTEM_ACTOR, caseId, { reason: REASON });
      const id = published.items[0]!.id;
      await publishNotices(t().db, bus, SYSTEM_ACTOR, caseId, { reason: REASON });
      await withdrawNotice(t().db, bus, SYSTEM_ACTOR, id, 'nhầm ca bệnh');
      await withdrawNotice(t().db, bus, SYSTEM_ACTOR, id, 'nhầm ca bệnh');
      await assert.rejects(publishNotices(t().db, bus, SYSTEM_ACTOR, '00000000-0000-4000-8000-000000000000', { reason: REASON }));
      assert.deepEqual(heard, [[NOTICES_EVENT, { published: [id], withdrawn: [] }], [NOTICES_EVENT, { published: [], withdrawn: [id] }]]);
    });
  });
}
