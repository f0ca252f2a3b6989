// The built web app as the server serves it: precompressed files, long caching of hashed assets,
// client-side routes answered with index.html, and a missing asset a real 404.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { after, describe, test } from 'node:test';
import { withTestApp } from './testing/app.js';
import { engines } from './testing/databases.js';

const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-dist-'));
fs.mkdirSync(path.join(dist, 'assets'));
fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Vigil</title>');
const script = 'console.log("scanner");'.repeat(100);
fs.writeFileSync(path.join(dist, 'assets/scanner-3f9a1c.js'), script);
fs.writeFileSync(path.join(dist, 'assets/scanner-3f9a1c.js.br'), zlib.brotliCompressSync(script));
after(() => fs.rmSync(dist, { recursive: true, force: true }));

for (const engine of engines()) {
  describe(`the web app (${engine})`, () => {
    const t = withTestApp(engine, { VIGIL_WEB_DIST: dist });
    const get = (url: string) => t().app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br, gzip' } });

    test('hashed assets are sent precompressed and cached for a year; index.html is revalidated', async () => {
      const asset = await get('/assets/scanner-3f9a1c.js');
      assert.equal(asset.statusCode, 200);
      assert.equal(asset.headers['content-encoding'], 'br');
      assert.equal(asset.headers['cache-control'], 'public, max-age=31536000, immutable');
      const index = await get('/');
      assert.equal(index.statusCode, 200);
      assert.equal(index.headers['cache-control'], 'public, max-age=0');
    });

    test('client-side routes get index.html; a missing asset is a 404, not the app', async () => {
      const route = await get('/staff/scanner');
      assert.equal(route.statusCode, 200);
      assert.match(route.body, /<title>Vigil<\/title>/);
      const missing = await get('/assets/gone-000000.js');
      assert.equal(missing.statusCode, 404);
      assert.equal(missing.headers['cache-control'], undefined);
    });
  });
}
