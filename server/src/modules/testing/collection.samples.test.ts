// Taking samples over HTTP on both engines: who the scan is about (id, personal code, national
// ID, walk-in), all or nothing, repeats, full tubes (also two phones racing for the last place),
// barcodes of other sessions, closed sessions, scope.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { withTestApp } from '../../testing/app.js';
import { engines } from '../../testing/databases.js';
import { buildPerson, nationalIdFor } from '../../testing/factories.js';
import { codeSigner } from '../checkins/codes.js';
import { formatBarcode, nextBarcodes } from './barcodes.js';
import { buildPoolItems, buildSampleItem, buildSession, buildWalkIn, testBarcode } from './factories.js';

for (const engine of engines()) {
  describe(`taking samples (${engine})`, () => {
    const t = withTestApp(engine);
    const admin = () => t().adminToken;
    const person = async (overrides: Record<string, unknown> = {}) => {
      const response = await t().request('POST', '/api/v1/people', { token: admin(), body: buildPerson(overrides) });
      assert.equal(response.status, 201, JSON.stringify(response.body));
      return response.body.id as string;
    };
    const people = async (n: number) => Promise.all(Array.from({ length: n }, () => person()));
    const session = async (overrides: Record<string, unknown> = {}) => {
      const response = await t().request('POST', '/api/v1/testing/sessions', { token: admin(), body: buildSession(overrides) });
      assert.equal(response.status, 201, JSON.stringify(response.body));
      return response.body.id as string;
    };
    const batch = (items: unknown[], token = admin()) => t().request('POST', '/api/v1/testing/samples/batch', { token, body: { items } });
    const tube = async (barcode: string) => t().request('GET', `/api/v1/testing/tubes/${barcode}?reason=${encodeURIComponent('kiểm tra ống')}`, { token: admin() });
    const expectRefused = (response: { status: number; body: any }, status: number, field: string, reason: RegExp) => {
      assert.equal(response.status, status, JSON.stringify(response.body));
      assert.match(response.body.error.fields?.[field] ?? '', reason, JSON.stringify(response.body.error));
    };

    test('bad input names the item and field, and nothing is recorded', async () => {
      const s = await session();
      const p = await person();
      const code = testBarcode();
      const good = () => buildSampleItem(s, code, p);
      const cases: [unknown, number, string, RegExp][] = [
        [{ ...good(), personId: undefined }, 400, 'items[1].personId', /exactly one/],
        [{ ...good(), nationalId: '093085000001' }, 400, 'items[1].personId', /exactly one/],
        [buildSampleItem(s, code, { personCode: 'UFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFA' }), 400, 'items[1].personCode', /not a valid personal code/],
        [buildSampleItem(s, code, { nationalId: '12345' }), 400, 'items[1].nationalId', /12 digits/],
        [buildSampleItem(s, code, { nationalId: nationalIdFor(1950, 'female', 987_654) }), 400, 'items[1].nationalId', /no registered person/],
        [buildSampleItem(s, code, randomUUID()), 400, 'items[1].personId', /no such person/],
        [buildSampleItem(s, code, { walkIn: buildWalkIn({ phone: '12' }) }), 400, 'items[1].walkIn.phone', /phone/],
        [buildSampleItem(s, code, { walkIn: buildWalkIn({ communeCode: '99999' }) }), 400, 'items[1].walkIn.communeCode', /unknown unit/],
        [{ ...good(), sampledAt: new Date(Date.now() + 3600_000).toISOString() }, 400, 'items[1].sampledAt', /future/],
        [{ ...good(), tubeBarcode: 'no spaces allowed' }, 400, 'items[1].tubeBarcode', /./],
        [{ ...good(), tubeBarcode: `${formatBarcode(42).slice(0, -1)}${(Number(formatBarcode(42).slice(-1)) + 1) % 10}` }, 400, 'items[1].tubeBarcode', /check digit/],
        // a well-formed Vigil code no label carried yet: it would collide with a code the system issues later
        [{ ...good(), tubeBarcode: formatBarcode(999_999_999) }, 400, 'items[1].tubeBarcode', /never issued/],
        [{ ...good(), represents: [await person()] }, 400, 'items[1].represents', /only representative sessions/],
        [{ ...good(), id: 'not-a-uuid' }, 400, 'items[1].id', /./],
        [{ ...good(), sessionId: randomUUID() }, 404, 'items[1].sessionId', /no such session/],
      ];
      for (const [bad, status, field, reason] of cases) expectRefused(await batch([good(), bad]), status, field, reason);
      expectRefused(await batch(Array.from({ length: 1001 }, good)), 400, 'items', /1000/);
      expectRefused(await batch([]), 400, 'items', /./);
      assert.equal((await tube(code)).status, 404, 'the good item of a refused batch was not recorded');
    });

    test('people by id, personal code, national ID and as walk-ins (found again, not duplicated)', async () => {
      const s = await session();
      const [byId, byCode] = (await people(2)) as [string, string];
      const nationalId = nationalIdFor(1972, 'female');
      const byNationalId = await person({ nationalId, birthDate: '1972-05-01', sex: 'female' });
      const signer = await codeSigner(t().db);
      const walkIn = buildWalkIn({ fullName: 'Phạm Thị Mới', phone: '0939 111 222', birthYear: 1990 });
      const code = testBarcode();
      const response = await batch(buildPoolItems(s, code, [byId, { personCode: signer.sign('person', byCode) }, { nationalId }, { walkIn }]));
      assert.equal(response.status, 200, JSON.stringify(response.body));
      assert.equal(response.body.accepted, 4);
      assert.equal(response.body.repeats, 0);
      const ids = response.body.items.map((item: { personId: string }) => item.personId);
      assert.deepEqual(ids.slice(0, 3), [byId, byCode, byNationalId]);
      const walkInId = ids[3] as string;
      const registered = await t().request('GET', `/api/v1/people/${walkInId}?reason=test`, { token: admin() });
      assert.equal(registered.status, 200);
      assert.equal(registered.body.fullName, 'Phạm Thị Mới');
      assert.equal(registered.body.phone, '+84939111222');
      assert.ok(response.body.items.every((item: { tubeBarcode: string; role: string; repeat: boolean }) => item.tubeBarcode === code && item.role === 'sampled' && !item.repeat));

      // the same walk-in at another tube is the same person; a walk-in with a known national ID is that person
      const again = await batch([buildSampleItem(s, testBarcode(), { walkIn: { ...walkIn, phone: '+84939111222' } }), buildSampleItem(s, testBarcode(), { walkIn: buildWalkIn({ nationalId, birthYear: 1972 }) })]);
      assert.equal(again.status, 200, JSON.stringify(again.body));
      assert.equal(again.body.items[0].personId, walkInId);
      assert.equal(again.body.items[1].personId, byNationalId);

      const detail = await tube(code);
      assert.equal(detail.status, 200);
      assert.equal(detail.body.sampled, 4);
      assert.equal(detail.body.kind, 'pool');
      assert.equal(detail.body.status, 'collecting');
      assert.deepEqual(detail.body.members.map((m: { personId: string }) => m.personId).sort(), [...ids].sort());
    });

    test('a repeated batch changes nothing; an id reused for another tube is refused', async () => {
      const s = await session();
      const members = await people(3);
      const code = testBarcode();
      const items = buildPoolItems(s, code, members);
      const first = await batch(items);
      assert.equal(first.status, 200, JSON.stringify(first.body));
      const again = await batch(items);
      assert.equal(again.status, 200, JSON.stringify(again.body));
      assert.deepEqual([again.body.accepted, again.body.repeats], [0, 3]);
      assert.deepEqual(again.body.items.map((i: { tubeId: string; personId: string }) => [i.tubeId, i.personId]), first.body.items.map((i: { tubeId: string; personId: string }) => [i.tubeId, i.personId]));
      assert.ok(again.body.items.every((i: { repeat: boolean }) => i.repeat));
      // the same scan twice in one batch is one scan
      const doubled = await batch([items[0], buildSampleItem(s, code, await person()), items[0]]);
      assert.equal(doubled.status, 200, JSON.stringify(doubled.body));
      assert.deepEqual([doubled.body.accepted, doubled.body.repeats], [1, 2]);
      assert.equal((await tube(code)).body.sampled, 4);
      expectRefused(await batch([{ ...items[0], tubeBarcode: testBarcode() }]), 409, 'items[0].id', /another tube/);
      expectRefused(await batch([items[1], { ...items[1], tubeBarcode: testBarcode() }]), 409, 'items[1].id', /./);
    });

    test('one scan: 201, then 200 as a repeat; errors name the bare field', async () => {
      const s = await session();
      const item = buildSampleItem(s, testBarcode(), await person());
      const first = await t().request('POST', '/api/v1/testing/samples', { token: admin(), body: item });
      assert.equal(first.status, 201, JSON.stringify(first.body));
      assert.equal(first.body.items[0].repeat, false);
      const again = await t().request('POST', '/api/v1/testing/samples', { token: admin(), body: item });
      assert.equal(again.status, 200);
      assert.equal(again.body.items[0].repeat, true);
      expectRefused(await t().request('POST', '/api/v1/testing/samples', { token: admin(), body: { ...item, id: randomUUID(), personId: randomUUID() } }), 400, 'personId', /no such person/);
      expectRefused(await t().request('POST', '/api/v1/testing/samples', { token: admin(), body: { ...item, id: randomUUID() } }), 409, 'tubeBarcode', /already in the tube/);
    });

    test('a tube is never overfilled: the scan past the cap is refused', async () => {
      const s = await session({ poolCap: 3 });
      const members = await people(5);
      const code = testBarcode();
      expectRefused(await batch(buildPoolItems(s, code, members.slice(0, 4))), 409, 'items[3].tubeBarcode', /full: it holds at most 3/);
      assert.equal((await batch(buildPoolItems(s, code, members.slice(0, 3)))).status, 200);
      expectRefused(await batch([buildSampleItem(s, code, members[3]!)]), 409, 'items[0].tubeBarcode', /full/);
      const detail = await tube(code);
      assert.deepEqual([detail.body.sampled, detail.body.capacity], [3, 3]);
      // individual sessions: one person a tube
      const single = await session({ mode: 'individual' });
      const code1 = testBarcode();
      assert.equal((await batch([buildSampleItem(single, code1, members[0]!)])).status, 200);
      expectRefused(await batch([buildSampleItem(single, code1, members[1]!)]), 409, 'items[0].tubeBarcode', /full: it holds at most 1/);
      assert.equal((await tube(code1)).body.kind, 'individual');
    });

    test('two phones racing for the last place: exactly one wins', async () => {
      const s = await session({ poolCap: 3 });
      const members = await people(4);
      const code = testBarcode();
      assert.equal((await batch(buildPoolItems(s, code, members.slice(0, 2)))).status, 200);
      const collector = await t().tokenFor('health_officer', '31321');
      for (let round = 0; round < 3; round++) {
        const race = await Promise.all([batch([buildSampleItem(s, code, members[2]!)], collector), batch([buildSampleItem(s, code, members[3]!)])]);
        const statuses = race.map((r) => r.status).sort();
        if (round === 0) {
          assert.deepEqual(statuses, [200, 409], JSON.stringify(race.map((r) => r.body)));
          const loser = race.find((r) => r.status === 409)!;
          assert.match(loser.body.error.fields['items[0].tubeBarcode'], /full|already in the tube/);
        } else assert.deepEqual(statuses, [409, 409]);
      }
      assert.equal((await tube(code)).body.sampled, 3);
    });

    test('a new tube opened by two phones at once is one tube', async () => {
      const s = await session();
      const members = await people(6);
      const code = testBarcode();
      const race = await Promise.all([0, 1, 2].map((k) => batch(buildPoolItems(s, code, members.slice(2 * k, 2 * k + 2)))));
      assert.deepEqual(race.map((r) => r.status), [200, 200, 200], JSON.stringify(race.map((r) => r.body)));
      assert.equal(new Set(race.flatMap((r) => r.body.items.map((i: { tubeId: string }) => i.tubeId))).size, 1);
      assert.equal((await tube(code)).body.sampled, 6);
    });

    test('the same batch sent twice at once is recorded once', async () => {
      const s = await session();
      const items = buildPoolItems(s, testBarcode(), await people(3));
      const race = await Promise.all([batch(items), batch(items)]);
      assert.deepEqual(race.map((r) => r.status), [200, 200], JSON.stringify(race.map((r) => r.body)));
      assert.deepEqual(race.map((r) => r.body.accepted).sort(), [0, 3]);
    });

    test('a barcode used in another session, a person twice, a closed session: 409 naming the field', async () => {
      const [s1, s2] = [await session(), await session()];
      const [a, b] = await people(2);
      const code = testBarcode();
      assert.equal((await batch([buildSampleItem(s1, code, a!)])).status, 200);
      expectRefused(await batch([buildSampleItem(s2, code, b!)]), 409, 'items[0].tubeBarcode', /another session/);
      expectRefused(await batch([buildSampleItem(s2, testBarcode(), b!), buildSampleItem(s1, code, a!)]), 409, 'items[1].tubeBarcode', /already in the tube/);
      expectRefused(await batch([buildSampleItem(s1, testBarcode(), b!), buildSampleItem(s2, code, b!)]), 409, 'items[1].tubeBarcode', /another session/);
      // a retest tube the results slice planned after a positive pool is not filled by scanning
      const [retest] = await nextBarcodes(t().db, 1);
      await t().db.query(
        `INSERT INTO tubes (barcode, session_id, commune_code, kind, origin, parent_tube_id, capacity, status)
         SELECT $2, session_id, commune_code, 'individual', 'resample', id, 1, 'planned' FROM tubes WHERE barcode = $1`,
        [code, retest],
      );
      expectRefused(await batch([buildSampleItem(s1, retest!, b!)]), 409, 'items[0].tubeBarcode', /retest/);
      assert.equal((await t().request('PATCH', `/api/v1/testing/sessions/${s2}`, { token: admin(), body: { status: 'closed' } })).status, 200);
      expectRefused(await batch([buildSampleItem(s2, testBarcode(), b!)]), 409, 'items[0].sessionId', /closed/);
    });

    test('one household may fill a pool up to the household cap; a stranger then finds it full', async () => {
      const s = await session();
      const family = await people(12);
      const household = await t().request('POST', '/api/v1/households', { token: admin(), body: { communeCode: '31321', members: family.map((personId) => ({ personId })) } });
      assert.equal(household.status, 201, JSON.stringify(household.body));
      const code = testBarcode();
      const response = await batch(buildPoolItems(s, code, family));
      assert.equal(response.status, 200, JSON.stringify(response.body));
      assert.deepEqual([(await tube(code)).body.sampled, (await tube(code)).body.capacity], [12, 15]);
      expectRefused(await batch([buildSampleItem(s, code, await person())]), 409, 'items[0].tubeBarcode', /full: it holds at most 10/);
      // not in a high-risk session
      const risky = await session({ highRisk: true });
      expectRefused(await batch(buildPoolItems(risky, testBarcode(), family.slice(0, 6))), 409, 'items[5].tubeBarcode', /at most 5/);
    });

    test('scope and permission: another commune\'s session is not found; readers cannot sample', async () => {
      const s = await session();
      const p = await person();
      const neighbour = await t().tokenFor('health_officer', '31318');
      const tracer = await t().tokenFor('tracer', '31321');
      expectRefused(await batch([buildSampleItem(s, testBarcode(), p)], neighbour), 404, 'items[0].sessionId', /no such session/);
      assert.equal((await batch([buildSampleItem(s, testBarcode(), p)], tracer)).status, 403);
      const district = await t().tokenFor('health_officer', '930');
      assert.equal((await batch([buildSampleItem(s, testBarcode(), p)], district)).status, 200);
    });
  });
}
