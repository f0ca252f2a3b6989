import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { withTestApp } from '../../testing/app.js';
import { engines } from '../../testing/databases.js';
import { buildPerson } from '../../testing/factories.js';
import { buildCase } from './factories.js';

const HOUR = 3600_000;
const ago = (hours: number) => new Date(Date.now() - hours * HOUR).toISOString();

for (const engine of engines()) {
  describe(`cases (${engine})`, () => {
    const t = withTestApp(engine);
    const person = async (overrides: Record<string, unknown> = {}) =>
      ((await t().request('POST', '/api/v1/people', { token: t().adminToken, body: buildPerson(overrides) })).body as { id: string }).id;
    const post = (body: unknown, token = t().adminToken) => t().request('POST', '/api/v1/cases', { token, body });

    test('without a token 401, without cases:write 403; a tracer may read but not record', async () => {
      const p = await person();
      assert.equal((await t().request('POST', '/api/v1/cases', { body: buildCase(p) })).status, 401);
      assert.equal((await post(buildCase(p), await t().tokenFor('viewer', '93'))).status, 403);
      const tracer = await t().tokenFor('tracer', '930');
      assert.equal((await post(buildCase(p), tracer)).status, 403);
      assert.equal((await t().request('GET', '/api/v1/cases', { token: tracer })).status, 200);
    });

    test('bad input answers 400 naming the field', async () => {
      const p = await person();
      const cases: [Record<string, unknown>, string, RegExp][] = [
        [buildCase(randomUUID()), 'personId', /no such person/],
        [buildCase(p, { infectiousFrom: ago(10), infectiousTo: ago(20) }), 'infectiousTo', /before infectiousFrom/],
        [buildCase(p, { confirmedAt: undefined }), 'confirmedAt', /required for a confirmed case/],
        [buildCase(p, { confirmedAt: new Date(Date.now() + 2 * HOUR).toISOString() }), 'confirmedAt', /future/],
        [buildCase(p, { onsetDate: '2999-01-01' }), 'onsetDate', /future/],
        [buildCase(p, { source: 'abroad' }), 'source', /./],
        [buildCase(p, { onsetDate: '2021-02-30x' }), 'onsetDate', /format/],
      ];
      for (const [body, field, reason] of cases) {
        const response = await post(body);
        assert.equal(response.status, 400, `${field}: ${JSON.stringify(response.body)}`);
        assert.match(response.body.error.fields?.[field] ?? '', reason, JSON.stringify(response.body.error));
      }
      assert.equal((await t().request('GET', `/api/v1/cases?personId=${p}`, { token: t().adminToken })).body.total, 0);
    });

    test('the default infectious window: 2 days before onset (local day) or before confirmation, to isolation or confirmation', async () => {
      const confirmedAt = ago(30);
      const isolatedAt = ago(40);
      const withOnset = await post(buildCase(await person(), { confirmedAt, isolatedAt, onsetDate: '2026-01-10' }));
      assert.equal(withOnset.status, 201, JSON.stringify(withOnset.body));
      // 2026-01-08 00:00 in Vietnam (UTC+7)
      assert.equal(withOnset.body.infectiousFrom, '2026-01-07T17:00:00.000Z');
      assert.equal(withOnset.body.infectiousTo, isolatedAt);
      const withoutOnset = (await post(buildCase(await person(), { confirmedAt }))).body;
      assert.equal(withoutOnset.infectiousFrom, new Date(Date.parse(confirmedAt) - 48 * HOUR).toISOString());
      assert.equal(withoutOnset.infectiousTo, confirmedAt);
      // One end given: the other is defaulted.
      const from = ago(100);
      const oneEnd = (await post(buildCase(await person(), { confirmedAt, infectiousFrom: from }))).body;
      assert.deepEqual([oneEnd.infectiousFrom, oneEnd.infectiousTo], [from, confirmedAt]);
      // Found in quarantine, isolated before it became infectious: an empty window.
      const quarantined = (await post(buildCase(await person(), { confirmedAt, isolatedAt: ago(24 * 7), source: 'in_quarantine' }))).body;
      assert.equal(quarantined.infectiousTo, quarantined.infectiousFrom);
      // A suspected case has no confirmation yet: counted from its report.
      const reportedAt = ago(5);
      const suspected = await post({ personId: await person(), source: 'community', classification: 'suspected', reportedAt });
      assert.equal(suspected.status, 201, JSON.stringify(suspected.body));
      const expectedFrom = new Date(Date.parse(reportedAt) - 48 * HOUR).toISOString();
      assert.deepEqual([suspected.body.confirmedAt, suspected.body.infectiousFrom, suspected.body.infectiousTo], [null, expectedFrom, reportedAt]);
    });

    test('one active case per person (409); a merged record is forwarded to the surviving person', async () => {
      const [survivor, merged] = [await person(), await person()];
      const merge = await t().request('POST', `/api/v1/people/${survivor}/merge`, { token: t().adminToken, body: { mergedId: merged, reason: 'same person' } });
      assert.equal(merge.status, 200);
      const first = await post(buildCase(merged));
      assert.equal(first.status, 201);
      assert.equal(first.body.personId, survivor);
      const again = await post(buildCase(survivor));
      assert.equal(again.status, 409);
      assert.equal(again.body.error.detail.existingId, first.body.id);
    });

    test('reads stay in scope (404 outside) and opening a case is audited with its reason', async () => {
      const inViThanh = (await post(buildCase(await person({ communeCode: '31321' })))).body;
      const inLongMy = (await post(buildCase(await person({ communeCode: '31393' })))).body;
      const district = await t().tokenFor('health_officer', '930');
      const read = await t().request('GET', `/api/v1/cases/${inViThanh.id}?reason=${encodeURIComponent('khám sàng lọc')}`, { token: district });
      assert.equal(read.status, 200);
      assert.equal(read.body.personId, inViThanh.personId);
      const [entry] = await t().db.query<{ reason: string }>(`SELECT reason FROM audit_log WHERE entity = 'case' AND action = 'read' AND entity_id = $1`, [inViThanh.id]);
      assert.equal(entry?.reason, 'khám sàng lọc');
      assert.equal((await t().request('GET', `/api/v1/cases/${inLongMy.id}`, { token: district })).status, 404);
      const list = await t().request('GET', '/api/v1/cases?limit=500', { token: district });
      const ids = list.body.items.map((item: { id: string }) => item.id);
      assert.ok(ids.includes(inViThanh.id) && !ids.includes(inLongMy.id));
      assert.equal((await t().request('PATCH', `/api/v1/cases/${inLongMy.id}`, { token: district, body: { status: 'recovered', recoveredAt: ago(1) } })).status, 404);
      // a person outside the writer's scope is unknown to them
      const outside = await post(buildCase(await person({ communeCode: '31393' })), district);
      assert.equal(outside.status, 400);
      assert.ok(outside.body.error.fields.personId);
    });

    test('closing a case needs its date; back to active clears it; a suspected case is confirmed with a date', async () => {
      const created = (await post(buildCase(await person(), { confirmedAt: ago(48) }))).body;
      const patch = (body: unknown) => t().request('PATCH', `/api/v1/cases/${created.id}`, { token: t().adminToken, body });
      assert.match((await patch({ status: 'recovered' })).body.error.fields.recoveredAt, /required with status recovered/);
      assert.match((await patch({ status: 'recovered', recoveredAt: ago(72) })).body.error.fields.recoveredAt, /before the case was confirmed/);
      assert.match((await patch({ deceasedAt: ago(1) })).body.error.fields.deceasedAt, /only given with status deceased/);
      const recoveredAt = ago(2);
      const recovered = await patch({ status: 'recovered', recoveredAt });
      assert.equal(recovered.status, 200);
      assert.deepEqual([recovered.body.status, recovered.body.recoveredAt], ['recovered', recoveredAt]);
      const reopened = (await patch({ status: 'active' })).body;
      assert.deepEqual([reopened.status, reopened.recoveredAt], ['active', null]);
      const deceased = (await patch({ status: 'deceased', deceasedAt: ago(1) })).body;
      assert.equal(deceased.status, 'deceased');
      const [audited] = await t().db.query<{ changes: Record<string, { before: unknown; after: unknown }> }>(
        `SELECT changes FROM audit_log WHERE entity = 'case' AND action = 'update' AND entity_id = $1 ORDER BY id DESC LIMIT 1`, [created.id]);
      assert.deepEqual(audited?.changes.status, { before: 'active', after: 'deceased' });

      const suspected = (await post({ personId: await person(), source: 'imported', classification: 'suspected' })).body;
      const confirm = (body: unknown) => t().request('PATCH', `/api/v1/cases/${suspected.id}`, { token: t().adminToken, body });
      assert.match((await confirm({ classification: 'confirmed' })).body.error.fields.confirmedAt, /required/);
      const confirmed = await confirm({ classification: 'confirmed', confirmedAt: new Date().toISOString() });
      assert.equal(confirmed.status, 200);
      assert.equal(confirmed.body.classification, 'confirmed');
    });
  });
}
