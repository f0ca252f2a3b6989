// Tubes over HTTP on both engines: sealing (then no more scans), the audited read of members,
// removing a wrong scan (which stays removed when the phone sends it again), and the test kit the
// other testing slices use.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { withTestApp } from '../../testing/app.js';
import { engines } from '../../testing/databases.js';
import { buildPerson } from '../../testing/factories.js';
import { collectPool } from './collection.testkit.js';
import { buildPoolItems, buildSampleItem, buildSession, testBarcode } from './factories.js';

for (const engine of engines()) {
  describe(`tubes (${engine})`, () => {
    const t = withTestApp(engine);
    const admin = () => t().adminToken;
    const person = async () => (await t().request('POST', '/api/v1/people', { token: admin(), body: buildPerson() })).body.id as string;
    const session = async (overrides: Record<string, unknown> = {}) => (await t().request('POST', '/api/v1/testing/sessions', { token: admin(), body: buildSession(overrides) })).body.id as string;
    const batch = (items: unknown[], token = admin()) => t().request('POST', '/api/v1/testing/samples/batch', { token, body: { items } });
    const seal = (barcode: string, token = admin()) => t().request('POST', `/api/v1/testing/tubes/${barcode}/seal`, { token });
    const read = (barcode: string, token = admin(), reason = 'đối chiếu danh sách ống') => t().request('GET', `/api/v1/testing/tubes/${barcode}?reason=${encodeURIComponent(reason)}`, { token });
    const remove = (barcode: string, personId: string, token = admin()) => t().request('DELETE', `/api/v1/testing/tubes/${barcode}/members/${personId}`, { token });

    test('sealed: sealing again changes nothing, and a scan into it is refused', async () => {
      const s = await session();
      const code = testBarcode();
      assert.equal((await batch(buildPoolItems(s, code, [await person(), await person()]))).status, 200);
      const sealed = await seal(code);
      assert.equal(sealed.status, 200, JSON.stringify(sealed.body));
      assert.equal(sealed.body.status, 'sealed');
      assert.equal(sealed.body.sampled, 2);
      const again = await seal(code);
      assert.equal(again.status, 200);
      assert.equal(again.body.sealedAt, sealed.body.sealedAt);
      const late = await batch([buildSampleItem(s, code, await person())]);
      assert.equal(late.status, 409);
      assert.match(late.body.error.fields['items[0].tubeBarcode'], /sealed/);
      assert.equal((await seal(testBarcode())).status, 404);
      const counts = (await t().request('GET', `/api/v1/testing/sessions/${s}`, { token: admin() })).body.counts;
      assert.equal(counts.tubes.sealed, 1);
    });

    test('a session\'s tubes are listed with their states, filtered by state, without people; outside scope 404', async () => {
      const s = await session();
      const [open, closed] = [testBarcode(), testBarcode()];
      assert.equal((await batch([...buildPoolItems(s, open, [await person()]), ...buildPoolItems(s, closed, [await person(), await person()])])).status, 200);
      assert.equal((await seal(closed)).status, 200);
      const list = (query = '') => t().request('GET', `/api/v1/testing/sessions/${s}/tubes${query}`, { token: admin() });
      const all = await list();
      assert.equal(all.status, 200, JSON.stringify(all.body));
      // both opened by one batch (one opening time): the barcode breaks the tie
      const expected = [[open, 'collecting', 1], [closed, 'sealed', 2]].sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1));
      assert.deepEqual(all.body.items.map((tube: { barcode: string; status: string; sampled: number }) => [tube.barcode, tube.status, tube.sampled]), expected);
      assert.equal(all.body.total, 2);
      assert.ok(!('members' in all.body.items[0]));
      assert.deepEqual((await list('?status=sealed')).body.items.map((tube: { barcode: string }) => tube.barcode), [closed]);
      const elsewhere = await t().tokenFor('health_officer', '934');
      assert.equal((await t().request('GET', `/api/v1/testing/sessions/${s}/tubes`, { token: elsewhere })).status, 404);
    });

    test('members are read by name with the session, and the read is audited with its reason', async () => {
      const s = await session();
      const code = testBarcode();
      const members = [await person(), await person()];
      await batch(buildPoolItems(s, code, members));
      const response = await read(code);
      assert.equal(response.status, 200, JSON.stringify(response.body));
      assert.equal(response.body.session.id, s);
      assert.match(response.body.members[0].fullName, /Nguyễn Văn Thử/);
      assert.deepEqual(response.body.members.map((m: { personId: string }) => m.personId).sort(), [...members].sort());
      const [row] = await t().db.query<{ reason: string; actor_username: string }>(
        `SELECT reason, actor_username FROM audit_log WHERE entity = 'tube' AND action = 'read' AND entity_id = $1 ORDER BY id DESC LIMIT 1`,
        [response.body.id],
      );
      assert.deepEqual(row, { reason: 'đối chiếu danh sách ống', actor_username: 'admin' });
      const neighbour = await t().tokenFor('health_officer', '31318');
      assert.equal((await read(code, neighbour)).status, 404);
      assert.equal((await read(code, await t().tokenFor('vaccinator', '31321'))).status, 403);
      assert.equal((await read(code, await t().tokenFor('lab_technician', '31321'))).status, 200);
    });

    test('a wrong scan is removed before sealing, with whom it represented; sent again it stays removed', async () => {
      const s = await session({ poolCap: 2 });
      const [a, b, c] = [await person(), await person(), await person()];
      const code = testBarcode();
      const items = buildPoolItems(s, code, [a, b]);
      await batch(items);
      assert.equal((await remove(code, c)).status, 404);
      const removed = await remove(code, b);
      assert.equal(removed.status, 200, JSON.stringify(removed.body));
      assert.equal(removed.body.sampled, 1);
      // the phone syncs the removed scan again: a repeat, nothing comes back
      const resent = await batch(items);
      assert.equal(resent.status, 200);
      assert.deepEqual([resent.body.accepted, resent.body.repeats], [0, 2]);
      assert.equal((await read(code)).body.sampled, 1);
      // the freed place can be taken by a new scan
      assert.equal((await batch([buildSampleItem(s, code, c)])).status, 200);
      assert.equal((await seal(code)).status, 200);
      const afterSeal = await remove(code, c);
      assert.equal(afterSeal.status, 409);
      const neighbour = await t().tokenFor('health_officer', '31318');
      assert.equal((await remove(code, a, neighbour)).status, 404);
    });

    test('removing a representative removes the people they represented in the tube', async () => {
      const { barcode, personIds, sampledIds } = await collectPool(t, { members: 3, mode: 'household_representative', seal: false });
      const removed = await remove(barcode, sampledIds[0]!);
      assert.equal(removed.status, 200, JSON.stringify(removed.body));
      assert.deepEqual([removed.body.sampled, removed.body.represented], [0, 0]);
      assert.equal(personIds.length, 3);
      const emptySeal = await seal(barcode);
      assert.equal(emptySeal.status, 409);
      assert.match(emptySeal.body.error.fields.barcode, /empty/);
    });

    test('the test kit collects a sealed pool through the API', async () => {
      const pool = await collectPool(t, { members: 4 });
      const detail = await read(pool.barcode);
      assert.equal(detail.body.id, pool.tubeId);
      assert.equal(detail.body.status, 'sealed');
      assert.deepEqual(detail.body.members.map((m: { personId: string }) => m.personId).sort(), [...pool.personIds].sort());
      const family = await collectPool(t, { members: 6, mode: 'household_representative' });
      assert.deepEqual((await read(family.barcode)).body.sampled, 2);
      const single = await collectPool(t, { members: 1, mode: 'individual', testType: 'rapid_antigen' });
      assert.equal((await read(single.barcode)).body.kind, 'individual');
      const factory = await collectPool(t, { members: 3, mode: 'organisation_representative' });
      assert.deepEqual([(await read(factory.barcode)).body.sampled, (await read(factory.barcode)).body.represented], [1, 2]);
    });
  });
}
