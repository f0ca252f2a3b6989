import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { withTestApp } from '../../testing/app.js';
import { engines } from '../../testing/databases.js';
import { buildZone, square } from '../places/factories.js';

const bowtie = { type: 'Polygon', coordinates: [[[105.46, 9.77], [105.48, 9.79], [105.48, 9.77], [105.46, 9.79], [105.46, 9.77]]] };

for (const engine of engines()) {
  describe(`zones (${engine})`, () => {
    const t = withTestApp(engine);
    const create = async (body: unknown, token = t().adminToken) => t().request('POST', '/api/v1/zones', { token, body });

    test('writes need a token (401) and a role that may edit zones (403); a zone outside scope answers 404', async () => {
      assert.equal((await create(buildZone(), '')).status, 401);
      assert.equal((await create(buildZone(), await t().tokenFor('viewer', '93'))).status, 403);
      const { body: zone } = await create(buildZone());
      const officer = await t().tokenFor('health_officer', '934');
      assert.equal((await t().request('PATCH', `/api/v1/zones/${zone.id}`, { token: officer, body: { status: 'lifted' } })).status, 404);
      const elsewhere = await create(buildZone(), officer);
      assert.equal(elsewhere.status, 400);
      assert.match(elsewhere.body.error.fields.unitCode, /outside your scope/);
    });

    test('a self-intersecting zone answers 400 with PostGIS\'s reason', async () => {
      const { status, body } = await create(buildZone({ geometry: bowtie }));
      assert.equal(status, 400);
      assert.match(body.error.fields.geometry, /not a valid Polygon: Self-intersection/);
    });

    test('an end date before the start answers 400 naming endsOn', async () => {
      const { status, body } = await create(buildZone({ startsOn: '2021-08-10', endsOn: '2021-08-01' }));
      assert.equal(status, 400);
      assert.match(body.error.fields.endsOn, /before startsOn/);
    });

    test('unclosed rings, positions outside WGS84 and areas outside the province answer 400 naming geometry', async () => {
      const open = { type: 'Polygon', coordinates: [[[105.46, 9.77], [105.47, 9.77], [105.47, 9.78], [105.46, 9.78]]] };
      assert.match((await create(buildZone({ geometry: open }))).body.error.fields.geometry, /closed/);
      assert.match((await create(buildZone({ geometry: square(580000, 1080000) }))).body.error.fields.geometry, /WGS84/);
      assert.match((await create(buildZone({ geometry: square(106.7, 10.7) }))).body.error.fields.geometry, /outside Tỉnh Hậu Giang/);
      assert.ok((await create(buildZone({ geometry: { type: 'Point', coordinates: [105, 9] } }))).body.error.fields['geometry.type']);
    });

    test('a zone is created, audited and listed while active; lifting it removes it from the active list', async () => {
      const { status, body: zone } = await create(buildZone({ startsOn: '2021-08-01', endsOn: '2021-08-31' }));
      assert.equal(status, 201);
      assert.equal(zone.geometry.type, 'MultiPolygon');
      assert.equal(zone.decision.issuedBy, 'UBND thành phố Vị Thanh');
      const active = await t().request('GET', '/api/v1/zones?date=2021-08-15');
      assert.ok(active.body.items.some((z: { id: string }) => z.id === zone.id));
      const after = await t().request('GET', '/api/v1/zones?date=2021-09-01');
      assert.ok(!after.body.items.some((z: { id: string }) => z.id === zone.id));
      await t().request('PATCH', `/api/v1/zones/${zone.id}`, { token: t().adminToken, body: { status: 'lifted' } });
      const lifted = await t().request('GET', '/api/v1/zones?date=2021-08-15');
      assert.ok(!lifted.body.items.some((z: { id: string }) => z.id === zone.id));
      assert.ok((await t().request('GET', '/api/v1/zones?all=true')).body.items.some((z: { id: string }) => z.id === zone.id));
      const audit = await t().request('GET', `/api/v1/audit?entity=zone&entityId=${zone.id}`, { token: t().adminToken });
      assert.deepEqual(audit.body.items.map((item: { action: string }) => item.action).sort(), ['create', 'update']);
    });

    test('a patch that moves the end before the start answers 400 and changes nothing', async () => {
      const { body: zone } = await create(buildZone({ startsOn: '2021-08-01' }));
      const bad = await t().request('PATCH', `/api/v1/zones/${zone.id}`, { token: t().adminToken, body: { endsOn: '2021-07-01' } });
      assert.equal(bad.status, 400);
      assert.ok(bad.body.error.fields.endsOn);
      assert.equal((await t().request('GET', `/api/v1/zones/${zone.id}`)).body.endsOn, null);
    });

    test('GeoJSON import: all features or none, errors naming the feature', async () => {
      const feature = (properties: Record<string, unknown>, geometry: unknown = square(105.47, 9.78, 0.005)) => ({ type: 'Feature', properties, geometry });
      const good = { kind: 'isolation', name: 'Khu cách ly ấp 1', unitCode: '31321', startsOn: '2021-08-05' };
      const bad = await t().request('POST', '/api/v1/zones/import', {
        token: t().adminToken,
        body: { type: 'FeatureCollection', features: [feature(good), feature({ ...good, startsOn: '2021-08-05', endsOn: '2021-08-01' }), feature(good, bowtie)] },
      });
      assert.equal(bad.status, 400);
      assert.ok(bad.body.error.fields['features[1].properties.endsOn']);
      assert.match(bad.body.error.fields['features[2].geometry'], /Self-intersection/);
      const before = (await t().request('GET', '/api/v1/zones?all=true')).body.items.length;
      const missing = await t().request('POST', '/api/v1/zones/import', { token: t().adminToken, body: { type: 'FeatureCollection', features: [feature({ name: 'x' })] } });
      assert.equal(missing.body.error.fields['features[0].properties.kind'], 'is required');
      assert.equal((await t().request('GET', '/api/v1/zones?all=true')).body.items.length, before, 'nothing was imported');
      const ok = await t().request('POST', '/api/v1/zones/import', { token: t().adminToken, body: { type: 'FeatureCollection', features: [feature(good), feature({ ...good, name: 'Khu cách ly ấp 2' })] } });
      assert.equal(ok.status, 200);
      assert.equal(ok.body.created, 2);
    });

    test('unknown zone 404, malformed date 400', async () => {
      assert.equal((await t().request('GET', '/api/v1/zones/00000000-0000-0000-0000-000000000000')).status, 404);
      assert.ok((await t().request('GET', '/api/v1/zones?date=2021-02-30')).body.error.fields.date);
    });
  });
}
