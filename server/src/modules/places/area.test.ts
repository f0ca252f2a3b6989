// The province's area as configuration (VIGIL_PROVINCE_BBOX) and as data (imported boundaries).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConfigError, DEFAULT_PROVINCE_BBOX, loadConfig } from '../../config.js';
import { withTestApp } from '../../testing/app.js';
import { engines } from '../../testing/databases.js';
import { importBoundaries } from '../units/import.js';
import { buildPlace, buildZone, square } from './factories.js';

describe('VIGIL_PROVINCE_BBOX', () => {
  test('Hậu Giang\'s box when unset or empty; west,south,east,north when set', () => {
    assert.deepEqual(loadConfig({}).provinceBbox, DEFAULT_PROVINCE_BBOX);
    assert.deepEqual(loadConfig({ VIGIL_PROVINCE_BBOX: ' ' }).provinceBbox, [105.2, 9.5, 106.1, 10.1]);
    assert.deepEqual(loadConfig({ VIGIL_PROVINCE_BBOX: '105.5, 9.6, 106.3, 10.35' }).provinceBbox, [105.5, 9.6, 106.3, 10.35]);
  });

  test('a bad box stops the start with a message naming the variable', () => {
    for (const [value, reason] of [
      ['105.2,9.5,106.1', /four numbers/],
      ['105.2,9.5,106.1,abc', /four numbers/],
      ['105.2,,106.1,10.1', /four numbers/],
      ['185,9.5,186,10.1', /longitudes/],
      ['105.2,-89,106.1,10.1', /latitudes/],
      ['106.1,9.5,105.2,10.1', /west less than east/],
      ['105.2,10.1,106.1,10.1', /south less than north/],
    ] as const) {
      assert.throws(() => loadConfig({ VIGIL_PROVINCE_BBOX: value }), (error: unknown) => error instanceof ConfigError && /^VIGIL_PROVINCE_BBOX must be/.test(error.message) && reason.test(error.message), value);
    }
  });
});

// A box north of Hậu Giang's: what is inside the configured box is accepted, what is only inside the
// default one is refused, and the public map is told the configured box.
const NORTHERN = '105.3,9.7,106.2,10.5';

for (const engine of engines()) {
  describe(`the province's area from configuration, then from boundaries (${engine})`, () => {
    const t = withTestApp(engine, { VIGIL_PROVINCE_BBOX: NORTHERN });
    const post = (url: string, body: unknown) => t().request('POST', url, { token: t().adminToken, body });

    test('positions are checked against the configured box while no boundary is imported', async () => {
      assert.equal((await post('/api/v1/places', buildPlace({ lat: 10.4, lon: 105.5 }))).status, 201);
      const south = await post('/api/v1/places', buildPlace({ lat: 9.6, lon: 105.5 }));
      assert.equal(south.status, 400);
      assert.match(south.body.error.fields.lat, /outside its bounding box lon 105\.3–106\.2, lat 9\.7–10\.5/);
      assert.equal((await t().request('GET', '/api/v1/places/nearby?lat=9.6&lon=105.5')).status, 400);
      assert.equal((await t().request('GET', '/api/v1/places/nearby?lat=10.4&lon=105.5')).status, 200);
      const zone = await post('/api/v1/zones', buildZone({ geometry: square(105.5, 9.6, 0.02) }));
      assert.equal(zone.status, 400);
      assert.match(zone.body.error.fields.geometry, /not within its bounding box lon 105\.3–106\.2/);
    });

    test('levels.geojson gives the map the configured box, then the extent of the imported boundaries', async () => {
      const before = (await t().request('GET', '/api/v1/open/levels.geojson')).body;
      assert.deepEqual(before.provinceBbox, [105.3, 9.7, 106.2, 10.5]);
      assert.equal(before.provinceBboxFrom, 'configuration');

      await importBoundaries(t().db, { type: 'FeatureCollection', features: [
        { type: 'Feature', properties: { code: '930' }, geometry: square(105.4, 9.7, 0.2) },
        { type: 'Feature', properties: { code: '931' }, geometry: square(105.7, 9.8, 0.25) },
      ] });
      // an import outside the app (here, as by the CLI) announces no event: another document is built afresh
      const after = (await t().request('GET', '/api/v1/open/levels.geojson?level=district')).body;
      assert.deepEqual(after.provinceBbox, [105.4, 9.7, 105.95, 10.05]);
      assert.equal(after.provinceBboxFrom, 'boundaries');
      // from now on the boundaries decide, not the box
      assert.equal((await post('/api/v1/places', buildPlace({ lat: 10.4, lon: 105.5 }))).status, 400);
    });
  });
}
