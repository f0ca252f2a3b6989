// Representative samples over HTTP on both engines: household representatives (two for households
// of five or more, reported rather than refused) and organisation representatives with their teams.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { withTestApp } from '../../testing/app.js';
import { engines } from '../../testing/databases.js';
import { buildPerson } from '../../testing/factories.js';
import { buildSampleItem, buildSession, testBarcode } from './factories.js';

for (const engine of engines()) {
  describe(`representative samples (${engine})`, () => {
    const t = withTestApp(engine);
    const admin = () => t().adminToken;
    const created = async (url: string, body: unknown) => {
      const response = await t().request('POST', url, { token: admin(), body });
      assert.equal(response.status, 201, JSON.stringify(response.body));
      return response.body as { id: string; poolCap: number };
    };
    const people = async (n: number) => Promise.all(Array.from({ length: n }, async () => (await created('/api/v1/people', buildPerson())).id));
    const household = async (n: number) => {
      const members = await people(n);
      return { members, id: (await created('/api/v1/households', { communeCode: '31321', members: members.map((personId) => ({ personId })) })).id };
    };
    const batch = (items: unknown[]) => t().request('POST', '/api/v1/testing/samples/batch', { token: admin(), body: { items } });
    const tube = async (barcode: string) => (await t().request('GET', `/api/v1/testing/tubes/${barcode}?reason=test`, { token: admin() })).body;
    const sessionDetail = async (id: string) => (await t().request('GET', `/api/v1/testing/sessions/${id}`, { token: admin() })).body;

    test('a household representative stands for their household; represented people are recorded', async () => {
      const session = await created('/api/v1/testing/sessions', buildSession({ mode: 'household_representative' }));
      assert.equal(session.poolCap, 15);
      const [h1, h2] = [await household(3), await household(2)];
      const code = testBarcode();
      const response = await batch([
        buildSampleItem(session.id, code, h1.members[0]!, { represents: h1.members.slice(1) }),
        buildSampleItem(session.id, code, h2.members[0]!, { represents: [h2.members[1]] }),
      ]);
      assert.equal(response.status, 200, JSON.stringify(response.body));
      assert.deepEqual(response.body.householdsNeedingSecondRepresentative, []);
      const detail = await tube(code);
      assert.equal(detail.kind, 'representative');
      assert.deepEqual([detail.sampled, detail.represented], [2, 3]);
      const represented = detail.members.filter((m: { role: string }) => m.role === 'represented');
      assert.deepEqual(represented.map((m: { personId: string }) => m.personId).sort(), [...h1.members.slice(1), h2.members[1]].sort());
      assert.ok(represented.every((m: { representedBy: string; householdId: string }) => [h1.members[0], h2.members[0]].includes(m.representedBy) && [h1.id, h2.id].includes(m.householdId)));
      const counts = (await sessionDetail(session.id)).counts;
      assert.deepEqual([counts.peopleSampled, counts.peopleRepresented, counts.tubes.collecting], [2, 3, 1]);
    });

    test('only members of the representative\'s household may be represented', async () => {
      const session = await created('/api/v1/testing/sessions', buildSession({ mode: 'household_representative' }));
      const family = await household(3);
      const [stranger, loner] = await people(2);
      const refused = await batch([buildSampleItem(session.id, testBarcode(), family.members[0]!, { represents: [family.members[1], stranger] })]);
      assert.equal(refused.status, 400);
      assert.match(refused.body.error.fields['items[0].represents[1]'], /not a member of the representative's household/);
      const alone = await batch([buildSampleItem(session.id, testBarcode(), loner!, { represents: [stranger] })]);
      assert.equal(alone.status, 400);
      assert.ok(alone.body.error.fields['items[0].represents[0]']);
      const self = await batch([buildSampleItem(session.id, testBarcode(), family.members[0]!, { represents: [family.members[0]] })]);
      assert.match(self.body.error.fields['items[0].represents[0]'], /themselves/);
    });

    test('households of five or more: the first representative is taken and the second still asked for', async () => {
      const session = await created('/api/v1/testing/sessions', buildSession({ mode: 'household_representative' }));
      const big = await household(6);
      const small = await household(4);
      const code = testBarcode();
      const first = await batch([
        buildSampleItem(session.id, code, big.members[0]!, { represents: big.members.slice(1) }),
        buildSampleItem(session.id, code, small.members[0]!, { represents: small.members.slice(1) }),
      ]);
      assert.equal(first.status, 200, JSON.stringify(first.body));
      assert.deepEqual(first.body.householdsNeedingSecondRepresentative, [{ householdId: big.id, size: 6, representatives: [big.members[0]] }]);
      assert.deepEqual((await sessionDetail(session.id)).counts.householdsNeedingSecondRepresentative.map((h: { householdId: string }) => h.householdId), [big.id]);

      // the second representative was represented by the first: now sampled
      const second = await batch([buildSampleItem(session.id, code, big.members[1]!)]);
      assert.equal(second.status, 200, JSON.stringify(second.body));
      assert.deepEqual(second.body.householdsNeedingSecondRepresentative, []);
      const detail = await tube(code);
      assert.deepEqual([detail.sampled, detail.represented], [3, 7]);
      assert.equal(detail.members.find((m: { personId: string }) => m.personId === big.members[1]).role, 'sampled');
      assert.deepEqual((await sessionDetail(session.id)).counts.householdsNeedingSecondRepresentative, []);
    });

    test('an organisation representative stands for members of the session\'s organisation; teams are recorded', async () => {
      const organisation = await created('/api/v1/organisations', { name: 'Công ty May Hậu Giang', kind: 'factory', communeCode: '31321' });
      const [rep, a, b, c, outsider] = await people(5);
      for (const [personId, team] of [[rep, 'Tổ cắt'], [a, 'Tổ cắt'], [b, 'Tổ cắt'], [c, 'Tổ may']] as const) {
        const response = await t().request('POST', `/api/v1/organisations/${organisation.id}/members`, { token: admin(), body: { personId, team } });
        assert.equal(response.status, 204, JSON.stringify(response.body));
      }
      const session = await created('/api/v1/testing/sessions', buildSession({ mode: 'organisation_representative', organisationId: organisation.id }));
      const code = testBarcode();
      const notMember = await batch([buildSampleItem(session.id, code, outsider!, { represents: [a] })]);
      assert.equal(notMember.status, 400);
      assert.match(notMember.body.error.fields['items[0].personId'], /not a member of the session's organisation/);
      const strangerRepresented = await batch([buildSampleItem(session.id, code, rep!, { represents: [a, outsider] })]);
      assert.match(strangerRepresented.body.error.fields['items[0].represents[1]'], /organisation/);

      const response = await batch([buildSampleItem(session.id, code, rep!, { represents: [a, b] }), buildSampleItem(session.id, code, c!, { team: 'Tổ may ca 2' })]);
      assert.equal(response.status, 200, JSON.stringify(response.body));
      const detail = await tube(code);
      const byPerson = new Map(detail.members.map((m: { personId: string }) => [m.personId, m]));
      assert.deepEqual(byPerson.get(rep), { ...(byPerson.get(rep) as object), role: 'sampled', team: 'Tổ cắt', organisationId: organisation.id });
      assert.deepEqual(byPerson.get(a), { ...(byPerson.get(a) as object), role: 'represented', representedBy: rep, team: 'Tổ cắt', sampledAt: null });
      assert.equal((byPerson.get(c) as { team: string }).team, 'Tổ may ca 2');
      const listed = await t().request('GET', `/api/v1/testing/sessions?organisationId=${organisation.id}`, { token: admin() });
      assert.deepEqual(listed.body.items.map((s: { id: string }) => s.id), [session.id]);
    });
  });
}
