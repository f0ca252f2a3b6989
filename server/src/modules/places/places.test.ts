import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { withTestApp } from '../../testing/app.js';
import { engines } from '../../testing/databases.js';
import { buildPlace } from './factories.js';

for (const engine of engines()) {
  describe(`places (${engine})`, () => {
    const t = withTestApp(engine);
    const create = async (body: unknown, token = t().adminToken) => t().request('POST', '/api/v1/places', { token, body });

    test('writes need a token (401), a role that may edit places (403), and a commune in scope (400 naming communeCode)', async () => {
      assert.equal((await create(buildPlace(), '')).status, 401);
      const viewer = await t().tokenFor('viewer', '93');
      assert.equal((await create(buildPlace(), viewer)).status, 403);
      const officer = await t().tokenFor('health_officer', '934');
      const outside = await create(buildPlace(), officer);
      assert.equal(outside.status, 400);
      assert.match(outside.body.error.fields.communeCode, /outside your scope/);
    });

    test('editing or closing a place outside your scope answers 404', async () => {
      const { body: place } = await create(buildPlace());
      const officer = await t().tokenFor('health_officer', '934');
      assert.equal((await t().request('PATCH', `/api/v1/places/${place.id}`, { token: officer, body: { name: 'x' } })).status, 404);
      assert.equal((await t().request('POST', `/api/v1/places/${place.id}/close`, { token: officer, body: {} })).status, 404);
      assert.equal((await t().request('PATCH', `/api/v1/places/00000000-0000-0000-0000-000000000001`, { token: t().adminToken, body: { name: 'x' } })).status, 404);
    });

    test('a point outside the province answers 400 naming lat and lon and saying which test applied', async () => {
      const { status, body } = await create(buildPlace({ lat: 10.776, lon: 106.7 })); // Hồ Chí Minh City
      assert.equal(status, 400);
      assert.match(body.error.fields.lat, /outside Tỉnh Hậu Giang.*bounding box.*no unit boundaries are imported/);
      assert.ok(body.error.fields.lon);
    });

    test('a commune that is a district, validTo before validFrom, and a bad kind answer 400 naming the field', async () => {
      assert.ok((await create(buildPlace({ communeCode: '93000' }))).body.error.fields.communeCode);
      const dates = await create(buildPlace({ validFrom: '2021-09-10', validTo: '2021-09-01' }));
      assert.equal(dates.status, 400);
      assert.match(dates.body.error.fields.validTo, /before validFrom/);
      assert.ok((await create(buildPlace({ kind: 'bar' }))).body.error.fields.kind);
      assert.ok((await create(buildPlace({ lat: 123 }))).body.error.fields.lat);
    });

    test('a health officer creates a place in scope; it is public, audited and listed by kind and bbox', async () => {
      const officer = await t().tokenFor('health_officer', '930');
      const { status, body } = await create(buildPlace({ kind: 'vaccination_site', name: 'Trạm Y tế Phường III', status: 'full' }), officer);
      assert.equal(status, 201);
      assert.equal(body.communeName, 'Phường III');
      assert.equal(body.status, 'full');
      const one = await t().request('GET', `/api/v1/places/${body.id}`);
      assert.equal(one.status, 200);
      assert.equal(one.body.name, 'Trạm Y tế Phường III');
      const inBox = await t().request('GET', '/api/v1/places?kind=vaccination_site&bbox=105.4,9.7,105.5,9.9');
      assert.ok(inBox.body.items.some((p: { id: string }) => p.id === body.id));
      const outBox = await t().request('GET', '/api/v1/places?kind=vaccination_site&bbox=105.6,9.7,105.7,9.9');
      assert.ok(!outBox.body.items.some((p: { id: string }) => p.id === body.id));
      const byName = await t().request('GET', '/api/v1/places?q=tram%20y%20te%20phuong%20iii');
      assert.ok(byName.body.items.some((p: { id: string }) => p.id === body.id), 'search ignores diacritics');
      const audit = await t().request('GET', `/api/v1/audit?entity=place&entityId=${body.id}`, { token: t().adminToken });
      assert.equal(audit.body.items[0].action, 'create');
    });

    test('edit and close: changed fields audited, closed places stay listed with their status', async () => {
      const { body: place } = await create(buildPlace());
      const edited = await t().request('PATCH', `/api/v1/places/${place.id}`, { token: t().adminToken, body: { capacity: 50, phone: '0909 000 111' } });
      assert.equal(edited.status, 200);
      assert.equal(edited.body.capacity, 50);
      const closed = await t().request('POST', `/api/v1/places/${place.id}/close`, { token: t().adminToken, body: { reason: 'hết đợt xét nghiệm' } });
      assert.equal(closed.body.status, 'closed');
      const audit = await t().request('GET', `/api/v1/audit?entity=place&entityId=${place.id}`, { token: t().adminToken });
      const actions = audit.body.items.map((item: { action: string }) => item.action).sort();
      assert.deepEqual(actions, ['close', 'create', 'update']);
      assert.equal((await t().request('GET', '/api/v1/places?status=closed')).body.items.some((p: { id: string }) => p.id === place.id), true);
    });

    test('unknown place 404, malformed id and bbox 400', async () => {
      assert.equal((await t().request('GET', '/api/v1/places/00000000-0000-0000-0000-000000000000')).status, 404);
      assert.equal((await t().request('GET', '/api/v1/places/abc')).status, 400);
      const bbox = await t().request('GET', '/api/v1/places?bbox=106,10,105,9');
      assert.equal(bbox.status, 400);
      assert.ok(bbox.body.error.fields.bbox);
    });
  });
}
