// Label sheets over HTTP on both engines, read the way a scanner and a printer see them: each page
// rendered to PNG by poppler (pdftoppm) and its Code 128 symbols decoded by zxing-wasm (with its
// wasm read from disk, never a CDN); the text under each label read back with pdftotext.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { withTestApp } from '../../testing/app.js';
import { engines } from '../../testing/databases.js';
import { buildPerson } from '../../testing/factories.js';
import { isIssuedBarcode, nextBarcodes } from './barcodes.js';
import { buildPoolItems, buildSession, testBarcode } from './factories.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-labels-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

before(async () => {
  const wasm = fs.readFileSync(createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm'));
  await prepareZXingModule({ overrides: { wasmBinary: new Uint8Array(wasm).buffer }, fireImmediately: true });
});

function poppler(tool: string, args: string[]): string {
  const result = spawnSync(tool, args, { encoding: 'utf8' });
  if (result.error) assert.fail(`${tool} could not run (${result.error.message}): these tests read PDFs with poppler-utils (apt-get install poppler-utils)`);
  assert.equal(result.status, 0, `${tool} ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

let fileCounter = 0;
function savePdf(pdf: Buffer): string {
  const file = path.join(tmp, `labels-${++fileCounter}.pdf`);
  fs.writeFileSync(file, pdf);
  return file;
}

const pageCount = (file: string) => Number(/^Pages:\s+(\d+)/m.exec(poppler('pdfinfo', [file]))?.[1]);
const printedCodes = (file: string) => poppler('pdftotext', [file, '-']).match(/\b[A-Z][A-Z0-9-]{3,39}\b/g)?.filter((word) => /\d/.test(word)) ?? [];
const sameSet = (a: string[], b: string[]) => assert.deepEqual([...a].sort(), [...b].sort());

/** Every Code 128 symbol on one page rendered at 300 dpi, as a printer would. */
async function scannedCodes(file: string, page: number): Promise<string[]> {
  const prefix = `${file}-p${page}`;
  poppler('pdftoppm', ['-r', '300', '-gray', '-png', '-f', String(page), '-l', String(page), '-singlefile', file, prefix]);
  const found = await readBarcodes(new Blob([fs.readFileSync(`${prefix}.png`)]), { formats: ['Code128'], maxNumberOfSymbols: 255, tryHarder: true });
  return found.filter((symbol) => symbol.isValid).map((symbol) => symbol.text);
}

for (const engine of engines()) {
  describe(`label sheets (${engine})`, () => {
    const t = withTestApp(engine);
    const admin = () => t().adminToken;
    const post = async (body: unknown, token = admin()) => t().app.inject({ method: 'POST', url: '/api/v1/testing/labels', payload: body as object, headers: { authorization: `Bearer ${token}` } });

    test('bad input names the field; only staff of testing print labels', async () => {
      for (const [body, field] of [[{ count: 0, kind: 'tube' }, 'count'], [{ count: 401, kind: 'tube' }, 'count'], [{ count: 5, kind: 'box' }, 'kind'], [{ kind: 'pool' }, 'count']] as const) {
        const response = await post(body);
        assert.equal(response.statusCode, 400, response.body);
        assert.ok(JSON.parse(response.body).error.fields[field], response.body);
      }
      assert.equal((await post({ count: 1, kind: 'tube' }, await t().tokenFor('vaccinator', '31321'))).statusCode, 403);
      assert.equal((await post({ count: 1, kind: 'tube' }, await t().tokenFor('lab_technician', '31321'))).statusCode, 200);
    });

    test('a sheet of fresh codes: each label scans as the code printed under it, and no code is issued twice', async () => {
      const first = await post({ count: 70, kind: 'pool' });
      assert.equal(first.statusCode, 200, first.body);
      assert.match(String(first.headers['content-type']), /^application\/pdf/);
      const file = savePdf(first.rawPayload);
      assert.equal(pageCount(file), 2, '65 labels a page');
      const printed = printedCodes(file);
      assert.equal(printed.length, 70);
      assert.equal(new Set(printed).size, 70);
      assert.ok(printed.every(isIssuedBarcode), printed.join(' '));
      const scanned = [...(await scannedCodes(file, 1)), ...(await scannedCodes(file, 2))];
      sameSet(scanned, printed);
      assert.match(poppler('pdftotext', [file, '-']), /Ống mẫu gộp/);

      const second = savePdf((await post({ count: 3, kind: 'tube' })).rawPayload);
      const again = printedCodes(second);
      assert.equal(again.length, 3);
      assert.ok(again.every((code) => !printed.includes(code)), 'a second sheet repeats no code');
      sameSet(await scannedCodes(second, 1), again);
      const [audit] = await t().db.query<{ detail: { count: number; first: string; last: string } }>(`SELECT detail FROM audit_log WHERE action = 'issue_labels' ORDER BY id DESC LIMIT 1`);
      assert.deepEqual([audit!.detail.count, audit!.detail.first, audit!.detail.last], [3, again[0], again[2]]);
    });

    test('400 labels make seven pages', async () => {
      const response = await post({ count: 400, kind: 'tube' });
      assert.equal(response.statusCode, 200);
      const file = savePdf(response.rawPayload);
      assert.equal(pageCount(file), 7);
      assert.equal(new Set(printedCodes(file)).size, 400);
      assert.equal((await scannedCodes(file, 7)).length, 400 - 6 * 65);
    });

    test('a session\'s sheet reprints its tubes, planned retest tubes included', async () => {
      const session = (await t().request('POST', '/api/v1/testing/sessions', { token: admin(), body: buildSession() })).body.id as string;
      const person = async () => (await t().request('POST', '/api/v1/people', { token: admin(), body: buildPerson() })).body.id as string;
      const [pool, other] = [testBarcode(), testBarcode()];
      const members = [await person(), await person()];
      assert.equal((await t().request('POST', '/api/v1/testing/samples/batch', { token: admin(), body: { items: [...buildPoolItems(session, pool, members), ...buildPoolItems(session, other, [await person()])] } })).status, 200);
      // a retest the results slice would plan after a positive pool: one aliquot tube per member
      const retests = await nextBarcodes(t().db, 2);
      await t().db.query(
        `INSERT INTO tubes (barcode, session_id, commune_code, kind, origin, parent_tube_id, capacity, status)
         SELECT r.barcode, t.session_id, t.commune_code, 'individual', 'aliquot', t.id, 1, 'planned' FROM tubes t, unnest($2::text[]) AS r(barcode) WHERE t.barcode = $1`,
        [pool, retests],
      );
      const response = await t().app.inject({ method: 'GET', url: `/api/v1/testing/sessions/${session}/labels.pdf`, headers: { authorization: `Bearer ${admin()}` } });
      assert.equal(response.statusCode, 200, response.body);
      const file = savePdf(response.rawPayload);
      const text = poppler('pdftotext', [file, '-']);
      assert.match(text, /Ống mẫu gộp/);
      assert.match(text, /XN lại · tách mẫu/);
      sameSet(await scannedCodes(file, 1), [pool, other, ...retests]);

      const empty = (await t().request('POST', '/api/v1/testing/sessions', { token: admin(), body: buildSession() })).body.id as string;
      assert.equal((await t().app.inject({ method: 'GET', url: `/api/v1/testing/sessions/${empty}/labels.pdf`, headers: { authorization: `Bearer ${admin()}` } })).statusCode, 409);
      const neighbour = await t().tokenFor('health_officer', '31318');
      assert.equal((await t().app.inject({ method: 'GET', url: `/api/v1/testing/sessions/${session}/labels.pdf`, headers: { authorization: `Bearer ${neighbour}` } })).statusCode, 404);
    });
  });
}
