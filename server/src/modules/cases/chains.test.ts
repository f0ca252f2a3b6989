// Transmission chains over HTTP: refusals first, then a chain A → (F1 who became case B) → C walked
// both ways, depth limits, an F2 through an F1 who stayed a contact, separate chains, scope and names,
// the node cap and the GeoJSON; then the graph's pure parts (clusters, labels without names).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { withTestApp } from '../../testing/app.js';
import { engines } from '../../testing/databases.js';
import { assembleChain, clustersOf, initialsLabel } from './chains.graph.js';
import type { Chain } from './chains.schema.js';
import { REASON, contactKit } from './contacts.testkit.js';
import { buildCase } from './factories.js';

for (const engine of engines()) {
  describe(`transmission chains (${engine})`, () => {
    const t = withTestApp(engine);
    const k = contactKit(t);
    const admin = () => t().adminToken;

    /** A case of that person confirmed at `minute` on the test grid (so chains have an order). */
    const caseAt = async (personId: string, minute: number) => {
      const response = await t().request('POST', '/api/v1/cases', { token: admin(), body: buildCase(personId, { confirmedAt: k.at(minute), infectiousFrom: k.at(minute - 2880), infectiousTo: k.at(minute) }) });
      assert.equal(response.status, 201, JSON.stringify(response.body));
      return response.body.id as string;
    };
    /** The contact becomes a case: confirmed, its own case opened at `minute`, follow-up ended `became_case`. */
    const becomesCase = async (caseId: string, contactId: string, personId: string, minute: number) => {
      assert.equal((await k.act(caseId, { contactIds: [contactId], action: 'confirm' })).status, 200);
      const own = await caseAt(personId, minute);
      const ended = await t().request('POST', `/api/v1/contacts/${contactId}/end-follow-up`, { token: admin(), body: { outcome: 'became_case', caseId: own } });
      assert.equal(ended.status, 200, JSON.stringify(ended.body));
      return own;
    };
    /** A named F1 contact of the case, last exposed at `minute`. */
    const named = async (caseId: string, personId: string, minute: number) => {
      const added = await t().request('POST', `/api/v1/cases/${caseId}/contacts`, { token: admin(), body: { personId, foundBy: 'named', lastExposureAt: k.at(minute) } });
      assert.equal(added.status, 201, JSON.stringify(added.body));
      return added.body.id as string;
    };
    /** A → B (F1 named by A, became a case) → C (F1 of B, became a case); A has one more contact `x` who did not. */
    const chainOfThree = async (communeOfB?: string) => {
      const p = await k.people('a', 'c', 'x');
      const b = await k.person(communeOfB ? { communeCode: communeOfB } : {});
      const A = await caseAt(p.a, 0);
      const xContact = await named(A, p.x, -30);
      const bContact = await named(A, b, -60);
      const B = await becomesCase(A, bContact, b, 1440);
      const cContact = await named(B, p.c, 1500);
      const C = await becomesCase(B, cContact, p.c, 2400);
      return { A, B, C, bContact, cContact, xContact, b, ...p };
    };
    const chain = async (caseId: string, query = '', token = admin()) => {
      const response = await t().request('GET', `/api/v1/cases/${caseId}/chain?reason=${encodeURIComponent(REASON)}${query}`, { token });
      assert.equal(response.status, 200, JSON.stringify(response.body));
      return response.body as Chain;
    };
    const kinds = (body: Chain) => body.nodes.map((n) => `${n.kind}:${n.id}`);

    test('401 without a token, 403 without cases:read, 400 without a reason, 404 outside your scope; refusals are not audited', async () => {
      const { A } = await chainOfThree();
      const url = `/api/v1/cases/${A}/chain`;
      assert.equal((await t().request('GET', `${url}?reason=abc`)).status, 401);
      assert.equal((await t().request('GET', `${url}?reason=abc`, { token: await t().tokenFor('viewer', '93') })).status, 403);
      const missing = await t().request('GET', url, { token: admin() });
      assert.equal(missing.status, 400);
      assert.ok(missing.body.error.fields.reason);
      assert.ok((await t().request('GET', `${url}?reason=${encodeURIComponent('    ')}`, { token: admin() })).body.error.fields.reason);
      assert.equal((await t().request('GET', `${url}?reason=abc`, { token: await t().tokenFor('tracer', '934') })).status, 404);
      assert.equal((await t().request('GET', `${url}.geojson?reason=abc`, { token: await t().tokenFor('tracer', '934') })).status, 404);
      assert.equal((await t().request('GET', `/api/v1/cases/${randomUUID()}/chain?reason=abc`, { token: admin() })).status, 404);
      const rows = await t().db.query(`SELECT 1 FROM audit_log WHERE action = 'read_chain' AND entity_id = $1`, [A]);
      assert.equal(rows.length, 0);
    });

    test('A → B → C from the middle: both ways, edges labelled, nodes by date, one cluster; audited with the node count', async () => {
      const { A, B, C, bContact, cContact, xContact, x } = await chainOfThree();
      const body = await chain(B);
      assert.deepEqual(kinds(body), [`contact:${xContact}`, `case:${A}`, `case:${B}`, `case:${C}`], 'by date: x was exposed before A was confirmed');
      assert.deepEqual(body.edges.map((e) => [e.from, e.to, e.how, e.contactId]), [
        [A, B, 'named', bContact], [A, xContact, 'named', xContact], [B, C, 'named', cContact],
      ]);
      const node = (id: string) => body.nodes.find((n) => n.id === id)!;
      assert.deepEqual([node(A).hops, node(B).hops, node(C).hops], [1, 0, 1]);
      assert.deepEqual([node(xContact).personId, node(xContact).degree, node(xContact).status, node(xContact).hops], [x, 'F1', 'candidate', null]);
      assert.ok(body.nodes.every((n) => n.inScope));
      assert.deepEqual(body.clusters, [{ id: A, caseIds: [A, B, C], size: 3 }]);
      assert.ok(body.nodes.every((n) => n.clusterId === A));
      assert.equal(body.truncated, false);

      const casesOnly = await chain(B, '&includeContacts=false');
      assert.deepEqual(kinds(casesOnly), [`case:${A}`, `case:${B}`, `case:${C}`]);
      const [audited] = await t().db.query<{ reason: string; detail: Record<string, unknown> }>(
        `SELECT reason, detail FROM audit_log WHERE action = 'read_chain' AND entity = 'case' AND entity_id = $1 ORDER BY id LIMIT 1`, [B]);
      assert.equal(audited!.reason, REASON);
      assert.deepEqual([audited!.detail.nodes, audited!.detail.cases, audited!.detail.contacts, audited!.detail.depth], [4, 3, 1, 3]);
    });

    test('depth limits the case-to-case hops; a contact who became a case beyond it says where the chain goes on', async () => {
      const { A, B, C, cContact } = await chainOfThree();
      const one = await chain(A, '&depth=1');
      assert.deepEqual(one.nodes.filter((n) => n.kind === 'case').map((n) => n.id), [A, B]);
      const frontier = one.nodes.find((n) => n.id === cContact)!;
      assert.deepEqual([frontier.kind, frontier.becameCaseId, frontier.status], ['contact', C, 'confirmed']);
      assert.deepEqual((await chain(A, '&depth=0&includeContacts=false')).nodes.map((n) => n.id), [A]);
      assert.deepEqual((await chain(C, '&depth=1&includeContacts=false')).nodes.map((n) => n.id), [B, C]);
      assert.deepEqual((await chain(C, '&depth=2&includeContacts=false')).nodes.map((n) => n.id), [A, B, C]);
      const tooDeep = await t().request('GET', `/api/v1/cases/${A}/chain?depth=11&reason=abc`, { token: admin() });
      assert.ok(tooDeep.body.error.fields.depth);
    });

    test('an F2 who became a case hangs from the F1 it came through (found by place and time, with the venue)', async () => {
      const { caseId: A, a } = await k.tracedCase();
      await k.propose(A);
      const f1 = (await k.contactsOf(A)).items.find((c) => c.personId === a)!;
      await k.act(A, { contactIds: [f1.id], action: 'confirm' });
      const other = await k.venue();
      const y = await k.person();
      await k.checkIn([k.visit(other, a, 900, 960), k.visit(other, y, 930, 1000)]);
      assert.equal((await t().request('POST', `/api/v1/contacts/${f1.id}/trace`, { token: admin(), body: { reason: REASON } })).status, 200);
      const f2 = (await k.contactsOf(A, '&degree=F2')).items[0]!;
      const D = await becomesCase(A, f2.id, y, 2000);
      const body = await chain(D);
      const edge = body.edges.find((e) => e.to === D)!;
      assert.deepEqual([edge.from, edge.how, edge.venueId, edge.contactId], [f1.id, 'place_time', other, f2.id]);
      const venue = (await t().request('GET', `/api/v1/venues/${other}`, { token: admin() })).body;
      // the venue is named and placed in the answer itself: a public place, no lookup per venue
      assert.deepEqual([edge.venueName, edge.venueLocation], [venue.name, venue.location]);
      assert.deepEqual(body.edges.find((e) => e.to === f1.id)!.from, A);
      assert.deepEqual(body.clusters.map((c) => c.caseIds), [[A, D]]);
      // without contacts the F1 is not drawn: the edge starts at the case
      assert.equal((await chain(D, '&includeContacts=false')).edges.find((e) => e.to === D)!.from, A);
    });

    test('two separate chains stay apart: each answer is its own cluster', async () => {
      const first = await chainOfThree();
      const p = await k.people('d', 'e');
      const D = await caseAt(p.d, 100);
      const E = await becomesCase(D, await named(D, p.e, 90), p.e, 1600);
      const ofA = await chain(first.A, '&includeContacts=false');
      const ofE = await chain(E, '&includeContacts=false');
      assert.deepEqual(ofA.clusters.map((c) => c.caseIds), [[first.A, first.B, first.C]]);
      assert.deepEqual(ofE.clusters, [{ id: D, caseIds: [D, E], size: 2 }]);
      assert.ok(!ofA.nodes.some((n) => n.id === D || n.id === E));
    });

    test('scope: the chain crosses units, but a case of another unit shows initials only, without its contacts', async () => {
      const { A, B, C, b, a } = await chainOfThree('31393');
      const names = new Map((await t().db.query<{ id: string; full_name: string; birth_year: number }>(
        'SELECT id, full_name, birth_year FROM people WHERE id = ANY ($1::uuid[])', [[a, b]])).map((row) => [row.id, row]));
      const adminView = await chain(A);
      assert.equal(adminView.nodes.find((n) => n.id === B)!.label, names.get(b)!.full_name, 'people:read and national scope: the name');

      const tracer = await t().tokenFor('tracer', '930');
      const view = await chain(A, '', tracer);
      const nodeB = view.nodes.find((n) => n.id === B)!;
      assert.deepEqual([nodeB.inScope, nodeB.communeCode, nodeB.label], [false, '31393', initialsLabel(names.get(b)!.full_name, names.get(b)!.birth_year)]);
      assert.equal(view.nodes.find((n) => n.id === A)!.label, names.get(a)!.full_name);
      assert.ok(!JSON.stringify(view).includes(names.get(b)!.full_name));
      // C is in 930 again, reached through B; B's contacts (C's, which became C) are not listed as contacts
      assert.deepEqual(view.nodes.filter((n) => n.kind === 'case').map((n) => [n.id, n.inScope]), [[A, true], [B, false], [C, true]]);
      assert.equal((await t().request('GET', `/api/v1/cases/${B}/chain?reason=abc`, { token: tracer })).status, 404);
    });

    test('the node cap keeps the nearest cases and says truncated', async () => {
      const { A, B } = await chainOfThree();
      const capped = await chain(A, '&maxNodes=2');
      assert.equal(capped.truncated, true);
      assert.deepEqual(capped.nodes.map((n) => n.id), [A, B]);
      assert.equal((await chain(A, '&maxNodes=3&includeContacts=false')).truncated, false);
    });

    test('GeoJSON: nodes as points (venue, else the commune), edges as lines through the venue', async () => {
      await t().db.query(`UPDATE units SET boundary = ST_Multi(ST_GeomFromText('POLYGON((105.4 9.7, 105.5 9.7, 105.5 9.8, 105.4 9.8, 105.4 9.7))', 4326)) WHERE code = '31321'`);
      const { caseId: A, a, venueId } = await k.tracedCase();
      await k.propose(A);
      const f1 = (await k.contactsOf(A)).items.find((c) => c.personId === a)!;
      const B = await becomesCase(A, f1.id, a, 2000);
      const response = await t().request('GET', `/api/v1/cases/${B}/chain.geojson?reason=${encodeURIComponent(REASON)}`, { token: admin() });
      assert.equal(response.status, 200, JSON.stringify(response.body));
      assert.match(String(response.headers['content-type']), /^application\/geo\+json/);
      const { features } = response.body as { features: { id: string; geometry: { type: string; coordinates: number[] | number[][] }; properties: Record<string, unknown> }[] };
      const point = (id: string) => features.find((f) => f.id === id)!;
      assert.equal(point(A).geometry.type, 'Point');
      assert.equal(point(A).properties.kind, 'case');
      const venue = (await t().request('GET', `/api/v1/venues/${venueId}`, { token: admin() })).body;
      const other = features.find((f) => f.properties.kind === 'contact')!;
      assert.deepEqual(other.geometry.coordinates, [venue.location.lon, venue.location.lat], 'a contact found at a venue is drawn there');
      const line = features.find((f) => f.id === `${f1.id}:edge`)!;
      assert.equal(line.geometry.type, 'LineString');
      assert.deepEqual(line.geometry.coordinates, [point(A).geometry.coordinates, [venue.location.lon, venue.location.lat], point(B).geometry.coordinates]);
      assert.deepEqual([line.properties.from, line.properties.to, line.properties.how, line.properties.venueId], [A, B, 'place_time', venueId]);
    });
  });
}

describe('transmission chains: the graph', () => {
  test('clusters are the connected components of the cases, largest first', () => {
    assert.deepEqual(clustersOf(['a', 'b', 'c', 'd', 'e'], [['d', 'e'], ['a', 'b'], ['b', 'c'], ['x', 'a']]), [
      { id: 'a', caseIds: ['a', 'b', 'c'], size: 3 }, { id: 'd', caseIds: ['d', 'e'], size: 2 },
    ]);
    assert.deepEqual(clustersOf(['a', 'b'], []).map((c) => c.size), [1, 1]);
  });

  test('initials and birth year stand for a name', () => {
    assert.equal(initialsLabel('Nguyễn Văn  Ánh', 1985), 'N.V.Á. 1985');
    assert.equal(initialsLabel('đặng thị 12', 1990), 'Đ.T. 1990');
  });

  test('a caller who may not read people gets no full name, even for records in scope', () => {
    const person = { full_name: 'Trần Thị Bích', birth_year: 1979, lat: null, lon: null };
    const graph = assembleChain({
      caseId: 'k1', depth: 3, includeContacts: true, truncated: false, showNames: false, links: [],
      cases: [{ ...person, id: 'k1', person_id: 'p1', status: 'active', date: new Date('2021-08-01T00:00:00Z'), commune_code: '31321', in_scope: true, hops: 0 }],
      contacts: [{
        ...person, contact_id: 'c1', case_id: 'k1', via_contact_id: null, via_case_id: null, found_by: 'household', last_exposure_at: null,
        venue_id: null, venue_name: null, venue_lat: null, venue_lon: null, person_id: 'p2', status: 'candidate', degree: 'F1', commune_code: '31321', became_case_id: null,
      }],
    });
    assert.deepEqual(graph.nodes.map((n) => n.label), ['T.T.B. 1979', 'T.T.B. 1979']);
    assert.ok(!JSON.stringify(graph).includes('Trần'));
  });
});
