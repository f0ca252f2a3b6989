// Open-data documents sent compressed to clients that accept it, with the same ETag.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import zlib from 'node:zlib';
import { withTestApp } from '../../testing/app.js';
import { engines } from '../../testing/databases.js';
import { buildPlace } from '../places/factories.js';
import { chooseEncoding } from './encoding.js';

describe('chooseEncoding', () => {
  test('brotli first, then gzip; a coding refused with q=0 or not offered is not used', () => {
    assert.equal(chooseEncoding('gzip, deflate, br, zstd'), 'br');
    assert.equal(chooseEncoding('gzip;q=1.0, br;q=0'), 'gzip');
    assert.equal(chooseEncoding(['deflate', 'gzip']), 'gzip');
    assert.equal(chooseEncoding('*'), 'br');
    assert.equal(chooseEncoding('*;q=0, identity'), null);
    assert.equal(chooseEncoding('identity'), null);
    assert.equal(chooseEncoding(undefined), null);
  });
});

for (const engine of engines()) {
  describe(`open data compression (${engine})`, () => {
    const t = withTestApp(engine);
    const get = (url: string, headers: Record<string, string>) => t().app.inject({ method: 'GET', url, headers });

    test('places.geojson: brotli or gzip when accepted, the same document and ETag as uncompressed; 304 still', async () => {
      for (let i = 0; i < 10; i++) await t().request('POST', '/api/v1/places', { token: t().adminToken, body: buildPlace() });
      const plain = await get('/api/v1/open/places.geojson', {});
      assert.equal(plain.headers['content-encoding'], undefined);
      const br = await get('/api/v1/open/places.geojson', { 'accept-encoding': 'gzip, deflate, br' });
      const gzip = await get('/api/v1/open/places.geojson', { 'accept-encoding': 'gzip' });
      assert.equal(br.headers['content-encoding'], 'br');
      assert.equal(gzip.headers['content-encoding'], 'gzip');
      assert.match(String(br.headers.vary), /accept-encoding/);
      assert.ok(br.rawPayload.length < plain.rawPayload.length / 3, `${br.rawPayload.length} bytes compressed of ${plain.rawPayload.length}`);
      assert.equal(zlib.brotliDecompressSync(br.rawPayload).toString(), plain.body);
      assert.equal(zlib.gunzipSync(gzip.rawPayload).toString(), plain.body);
      assert.equal(br.headers.etag, plain.headers.etag);
      const again = await get('/api/v1/open/places.geojson', { 'accept-encoding': 'br', 'if-none-match': String(br.headers.etag) });
      assert.equal(again.statusCode, 304);
    });

    test('a small document is sent as it is', async () => {
      const zones = await get('/api/v1/open/zones.geojson?date=2001-01-01', { 'accept-encoding': 'br' });
      assert.equal(zones.statusCode, 200);
      assert.equal(zones.headers['content-encoding'], undefined);
      assert.deepEqual(zones.json().features, []);
    });
  });
}
