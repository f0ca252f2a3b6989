import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { withTestApp } from '../../testing/app.js';
import { engines } from '../../testing/databases.js';
import { importBoundaries } from '../units/import.js';
import { buildPlace, buildZone, publishLevels, square } from '../places/factories.js';
import { safeCell } from './csv.js';

for (const engine of engines()) {
  describe(`open data (${engine})`, () => {
    const t = withTestApp(engine);
    const get = (url: string, etag?: string) => t().app.inject({ method: 'GET', url, headers: etag ? { 'if-none-match': etag } : {} });

    test('places.geojson: a FeatureCollection with asOf and an ETag; If-None-Match answers 304', async () => {
      await t().request('POST', '/api/v1/places', { token: t().adminToken, body: buildPlace({ name: 'Bệnh viện Đa khoa', kind: 'hospital' }) });
      const first = await get('/api/v1/open/places.geojson');
      assert.equal(first.statusCode, 200);
      assert.match(String(first.headers['content-type']), /application\/geo\+json/);
      const doc = first.json();
      assert.equal(doc.type, 'FeatureCollection');
      assert.ok(doc.asOf && first.headers['x-as-of'] === doc.asOf);
      assert.equal(doc.features[0].geometry.type, 'Point');
      assert.equal(doc.features[0].properties.kind, 'hospital');
      const again = await get('/api/v1/open/places.geojson', String(first.headers.etag));
      assert.equal(again.statusCode, 304);
      assert.equal(again.body, '');
    });

    test('a change event drops the cached document: the next answer has the change and a new ETag', async () => {
      const before = await get('/api/v1/open/places.geojson');
      const { body: place } = await t().request('POST', '/api/v1/places', { token: t().adminToken, body: buildPlace({ kind: 'checkpoint' }) });
      const after = await get('/api/v1/open/places.geojson', String(before.headers.etag));
      assert.equal(after.statusCode, 200);
      assert.notEqual(after.headers.etag, before.headers.etag);
      assert.ok(after.json().features.some((f: { id: string }) => f.id === place.id));
    });

    test('zones.geojson holds the zones active on the date', async () => {
      const { body: zone } = await t().request('POST', '/api/v1/zones', { token: t().adminToken, body: buildZone({ startsOn: '2021-08-01', endsOn: '2021-08-31' }) });
      const during = (await get('/api/v1/open/zones.geojson?date=2021-08-10')).json();
      assert.deepEqual(during.features.map((f: { id: string }) => f.id), [zone.id]);
      assert.equal(during.features[0].geometry.type, 'MultiPolygon');
      assert.equal(during.features[0].properties.decision.issuedBy, 'UBND thành phố Vị Thanh');
      assert.deepEqual((await get('/api/v1/open/zones.geojson?date=2021-09-10')).json().features, []);
      assert.equal((await get('/api/v1/open/zones.geojson?date=2021-13-01')).statusCode, 400);
    });

    test('levels.geojson: each unit with its level; units without a boundary say so and name an approximate area', async () => {
      await publishLevels(t().db, '2021-08-02', { 31321: 3, 930: 2 });
      await importBoundaries(t().db, { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: '930' }, geometry: square(105.4, 9.7, 0.2) }] });
      const doc = (await get('/api/v1/open/levels.geojson?date=2021-08-10')).json();
      const byCode = new Map(doc.features.map((f: any) => [f.id, f]));
      const commune: any = byCode.get('31321');
      assert.equal(commune.properties.level, 3);
      assert.equal(commune.properties.colour, 'orange');
      assert.equal(commune.geometry, null);
      assert.equal(commune.properties.hasBoundary, false);
      assert.equal(commune.properties.approximateAreaOf, '930');
      const district: any = byCode.get('930');
      assert.equal(district.geometry.type, 'MultiPolygon');
      assert.equal(district.properties.level, 2);
      assert.equal(doc.boundariesImported, true);
      const communesOnly = (await get('/api/v1/open/levels.geojson?level=commune&date=2021-08-10')).json();
      assert.ok(communesOnly.features.every((f: any) => f.properties.unitLevel === 'commune'));
    });

    test('stats.csv has an ETag and 304; text cells that a spreadsheet would run as formulas are defused', async () => {
      await t().request('PUT', '/api/v1/stats/figures', { token: t().adminToken, body: { items: [{ unitCode: '31321', date: '2021-08-01', confirmedCommunity: 1, source: '=HYPERLINK("http://x")' }] } });
      const first = await get('/api/v1/open/stats.csv');
      assert.match(String(first.headers['content-type']), /text\/csv/);
      assert.ok(first.body.includes(`"'=HYPERLINK(""http://x"")"`));
      assert.equal((await get('/api/v1/open/stats.csv', String(first.headers.etag))).statusCode, 304);
      assert.equal(safeCell('+1'), "'+1");
      assert.equal(safeCell(-5), -5);
    });
  });
}
