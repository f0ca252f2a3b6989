import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { withTestApp } from '../../testing/app.js';
import { engines } from '../../testing/databases.js';
import { importBoundaries } from '../units/import.js';
import { buildPlace, buildZone, publishLevels, square } from './factories.js';

for (const engine of engines()) {
  describe(`around a point, without boundaries (${engine})`, () => {
    const t = withTestApp(engine);

    test('a point outside the province answers 400 naming lat and lon', async () => {
      const { status, body } = await t().request('GET', '/api/v1/places/nearby?lat=10.776&lon=106.7');
      assert.equal(status, 400);
      assert.match(body.error.fields.lat, /bounding box/);
      assert.ok((await t().request('GET', '/api/v1/places/nearby?lat=9.78')).body.error.fields.lon);
    });

    test('nearest open testing and vaccination sites, ordered by distance in metres; closed and expired ones left out', async () => {
      const post = (body: unknown) => t().request('POST', '/api/v1/places', { token: t().adminToken, body });
      const near = (await post(buildPlace({ lat: 9.7801, lon: 105.4701 }))).body;
      const far = (await post(buildPlace({ lat: 9.79, lon: 105.48 }))).body;
      const closed = (await post(buildPlace({ lat: 9.78005, lon: 105.47005 }))).body;
      await t().request('POST', `/api/v1/places/${closed.id}/close`, { token: t().adminToken, body: {} });
      await post(buildPlace({ lat: 9.78002, lon: 105.47002, validTo: '2021-01-31' }));
      const vaccination = (await post(buildPlace({ kind: 'vaccination_site', lat: 9.781, lon: 105.471 }))).body;
      const { status, body } = await t().request('GET', '/api/v1/places/nearby?lat=9.78&lon=105.47&limit=2&date=2021-09-01');
      assert.equal(status, 200);
      assert.deepEqual(body.testingSites.map((s: { id: string }) => s.id), [near.id, far.id]);
      assert.ok(body.testingSites[0].distanceMetres > 5 && body.testingSites[0].distanceMetres < 30, `about 15 m, got ${body.testingSites[0].distanceMetres}`);
      assert.ok(body.testingSites[1].distanceMetres > 1400 && body.testingSites[1].distanceMetres < 1700);
      assert.equal(body.vaccinationSites[0].id, vaccination.id);
      assert.equal(body.unit, null);
      assert.match(body.notes[0], /commune is unknown/);
    });

    test('inside an active lockdown zone, and the level of the commune named with ?commune=', async () => {
      const zone = (await t().request('POST', '/api/v1/zones', { token: t().adminToken, body: buildZone({ geometry: square(105.465, 9.775), startsOn: '2021-08-01', endsOn: '2021-08-31' }) })).body;
      await publishLevels(t().db, '2021-08-02', { 31321: 3, 930: 2 });
      const inside = await t().request('GET', '/api/v1/places/nearby?lat=9.78&lon=105.47&date=2021-08-15&commune=31321');
      assert.deepEqual(inside.body.insideZones.map((z: { id: string }) => z.id), [zone.id]);
      assert.deepEqual(inside.body.unit, { code: '31321', name: 'Phường III', level: 'commune', how: 'given' });
      assert.deepEqual(inside.body.epidemicLevel, { level: 3, colour: 'orange', unitCode: '31321', effectiveFrom: '2021-08-02' });
      const afterwards = await t().request('GET', '/api/v1/places/nearby?lat=9.78&lon=105.47&date=2021-09-15&commune=31318');
      assert.deepEqual(afterwards.body.insideZones, [], 'the zone ended on 2021-08-31');
      assert.equal(afterwards.body.epidemicLevel.unitCode, '930', 'a commune without its own level shows its district\'s');
      const notCommune = await t().request('GET', '/api/v1/places/nearby?lat=9.78&lon=105.47&commune=93000');
      assert.equal(notCommune.status, 400);
    });
  });

  describe(`around a point, with imported boundaries (${engine})`, () => {
    const t = withTestApp(engine);

    test('the commune comes from its boundary, and outside every boundary is outside the province', async () => {
      await importBoundaries(t().db, { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: '31321' }, geometry: square(105.46, 9.77, 0.02) }] });
      const inside = await t().request('GET', '/api/v1/places/nearby?lat=9.78&lon=105.47');
      assert.equal(inside.status, 200);
      assert.deepEqual(inside.body.unit, { code: '31321', name: 'Phường III', level: 'commune', how: 'boundary' });
      const outside = await t().request('GET', '/api/v1/places/nearby?lat=9.9&lon=105.6');
      assert.equal(outside.status, 400);
      assert.match(outside.body.error.fields.lat, /outside the imported boundaries/);
      const place = await t().request('POST', '/api/v1/places', { token: t().adminToken, body: buildPlace({ lat: 9.9, lon: 105.6 }) });
      assert.match(place.body.error.fields.lat, /outside the imported boundaries/);
    });
  });
}
