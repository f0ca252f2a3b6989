// Venue posters and personal QR cards over HTTP, on both engines. The PDFs are checked the way a
// printer and a phone see them: pages and text through poppler (pdfinfo, pdftotext), and the QR
// code rendered to PNG (pdftoppm) and decoded (jsQR), then verified with the province's key.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';
import { withTestApp } from '../../testing/app.js';
import { engines } from '../../testing/databases.js';
import { nationalIdFor } from '../../testing/factories.js';
import { codeSigner } from './codes.js';

const PUBLIC_URL = 'https://vigil.example.vn';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-posters-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Runs a poppler-utils tool; fails with the fix when it is not installed (CI installs it). */
function poppler(tool: string, args: string[]): string {
  const result = spawnSync(tool, args, { encoding: 'utf8' });
  if (result.error) {
    assert.fail(`${tool} could not run (${result.error.message}): these tests read PDFs with poppler-utils (apt-get install poppler-utils)`);
  }
  assert.equal(result.status, 0, `${tool} ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

// jsqr is CommonJS: under NodeNext its function is the `default` of the imported module.
const jsQR = jsQRModule.default;

let fileCounter = 0;
function savePdf(pdf: Buffer): string {
  const file = path.join(tmp, `doc-${++fileCounter}.pdf`);
  fs.writeFileSync(file, pdf);
  return file;
}

const pageCount = (file: string) => Number(/^Pages:\s+(\d+)/m.exec(poppler('pdfinfo', [file]))?.[1]);
const pageText = (file: string, page: number) => poppler('pdftotext', ['-f', String(page), '-l', String(page), file, '-']).replace(/\s+/g, ' ');

/** Renders one page to PNG (kept beside the PDF for a look) and decodes the QR code on it. */
function qrOnPage(file: string, page: number, dpi = 100): string {
  const prefix = `${file}-p${page}`;
  poppler('pdftoppm', ['-r', String(dpi), '-png', '-f', String(page), '-l', String(page), '-singlefile', file, prefix]);
  const png = PNG.sync.read(fs.readFileSync(`${prefix}.png`));
  const found = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height);
  assert.ok(found, `no QR code could be read on page ${page} of ${file}`);
  return found.data;
}

for (const engine of engines()) {
  describe(`posters and cards (${engine})`, () => {
    const t = withTestApp(engine, { VIGIL_PUBLIC_URL: PUBLIC_URL });

    const get = async (url: string, token?: string) => {
      const response = await t().app.inject({ method: 'GET', url, headers: token ? { authorization: `Bearer ${token}` } : {} });
      const isPdf = String(response.headers['content-type']).startsWith('application/pdf');
      return { status: response.statusCode, headers: response.headers, pdf: response.rawPayload, body: isPdf ? null : response.json() };
    };

    const insertVenue = async (values: { name: string; communeCode: string; address?: string; status?: string; codeVersion?: number }) => {
      const [row] = await t().db.query<{ id: string }>(
        `INSERT INTO venues (name, kind, address, commune_code, position, status, code_version)
         VALUES ($1, 'market', $2, $3, ST_SetSRID(ST_MakePoint(105.47, 9.78), 4326)::geography, $4, $5) RETURNING id`,
        [values.name, values.address ?? null, values.communeCode, values.status ?? 'active', values.codeVersion ?? 1],
      );
      return row!.id;
    };

    let personCounter = 0;
    const insertPerson = async (fullName: string, birthYear: number, communeCode = '31321') => {
      const [row] = await t().db.query<{ id: string }>(
        `INSERT INTO people (full_name, name_folded, national_id, birth_year, commune_code) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [fullName, fullName.toLowerCase(), nationalIdFor(birthYear, 'female', 900_000 + ++personCounter), birthYear, communeCode],
      );
      return row!.id;
    };

    /** The code in a decoded QR URL, checked against the expected prefix and verified with the key. */
    const verifiedCode = async (url: string, prefix: string, kind: 'venue' | 'person') => {
      assert.ok(url.startsWith(`${PUBLIC_URL}/${prefix}/`), `the QR encodes ${url}`);
      const decoded = (await codeSigner(t().db)).verify(url.slice(PUBLIC_URL.length + prefix.length + 2), kind);
      assert.ok(decoded, `the code in ${url} does not verify`);
      return decoded;
    };

    describe('venue poster', () => {
      test('needs a token (401), venues:edit (403), the venue in scope (404), and a uuid (400)', async () => {
        const id = await insertVenue({ name: 'Chợ Kinh Cùng', communeCode: '31393' });
        assert.equal((await get(`/api/v1/venues/${id}/poster.pdf`)).status, 401);
        assert.equal((await get(`/api/v1/venues/${id}/poster.pdf`, await t().tokenFor('tracer', '93'))).status, 403);
        const outside = await get(`/api/v1/venues/${id}/poster.pdf`, await t().tokenFor('health_officer', '930'));
        assert.equal(outside.status, 404);
        assert.equal(outside.body.error.code, 'not_found');
        assert.equal((await get('/api/v1/venues/00000000-0000-0000-0000-000000000001/poster.pdf', t().adminToken)).status, 404);
        assert.ok((await get('/api/v1/venues/abc/poster.pdf', t().adminToken)).body.error.fields.id);
      });

      test('a closed venue has no poster (409)', async () => {
        const id = await insertVenue({ name: 'Quán đã đóng', communeCode: '31321', status: 'closed' });
        assert.equal((await get(`/api/v1/venues/${id}/poster.pdf`, t().adminToken)).status, 409);
      });

      test('one A4 page with the name, address, commune and Vietnamese instructions; the QR opens the venue', async () => {
        const id = await insertVenue({ name: 'Chợ Phường III – Hậu Giang', address: '12 Đường Trần Hưng Đạo', communeCode: '31321', codeVersion: 3 });
        const officer = await t().tokenFor('health_officer', '930');
        const { status, headers, pdf } = await get(`/api/v1/venues/${id}/poster.pdf`, officer);
        assert.equal(status, 200);
        assert.equal(headers['content-type'], 'application/pdf');
        assert.match(String(headers['content-disposition']), /^inline; filename="poster-cho-phuong-iii-hau-giang\.pdf"$/);
        assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
        const file = savePdf(pdf);
        assert.equal(pageCount(file), 1);
        assert.match(poppler('pdfinfo', [file]), /Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
        assert.match(poppler('pdffonts', [file]), /BeVietnamPro-Bold\s.*yes yes yes/, 'the font is embedded and subset');
        const text = pageText(file, 1);
        for (const expected of ['Chợ Phường III – Hậu Giang', '12 Đường Trần Hưng Đạo', 'Phường III, Thành phố Vị Thanh',
          'Quét mã QR bằng camera điện thoại để khai báo khi đến và khi ra về', 'Scan the QR code with your phone camera', 'Phiên bản mã 3']) {
          assert.ok(text.includes(expected), `the poster says "${expected}": ${text}`);
        }
        const decoded = await verifiedCode(qrOnPage(file, 1), 'v', 'venue');
        assert.deepEqual(decoded, { kind: 'venue', id, version: 3 });
      });
    });

    describe('commune posters', () => {
      test('needs a token (401) and venues:edit (403); communeCode unknown, not a commune or outside scope answers 400 naming it', async () => {
        assert.equal((await get('/api/v1/venues/posters.pdf?communeCode=31324')).status, 401);
        assert.equal((await get('/api/v1/venues/posters.pdf?communeCode=31324', await t().tokenFor('viewer', '93'))).status, 403);
        const unknown = await get('/api/v1/venues/posters.pdf?communeCode=99999', t().adminToken);
        assert.equal(unknown.status, 400);
        assert.match(unknown.body.error.fields.communeCode, /unknown unit code 99999/);
        assert.ok((await get('/api/v1/venues/posters.pdf?communeCode=930', t().adminToken)).body.error.fields.communeCode);
        assert.ok((await get('/api/v1/venues/posters.pdf', t().adminToken)).body.error.fields.communeCode);
        const outside = await get('/api/v1/venues/posters.pdf?communeCode=31396', await t().tokenFor('health_officer', '930'));
        assert.equal(outside.status, 400);
        assert.match(outside.body.error.fields.communeCode, /outside your scope/);
      });

      test('a commune without active venues answers 404', async () => {
        assert.equal((await get('/api/v1/venues/posters.pdf?communeCode=31336', t().adminToken)).status, 404);
      });

      test('one page per active venue of the commune, by name, each with its own code', async () => {
        const b = await insertVenue({ name: 'Trường THCS Vị Tân', communeCode: '31333' });
        const a = await insertVenue({ name: 'Bến xe Vị Tân', communeCode: '31333' });
        await insertVenue({ name: 'Nhà hàng đã đóng cửa', communeCode: '31333', status: 'closed' });
        await insertVenue({ name: 'Chợ xã khác', communeCode: '31338' });
        const { status, headers, pdf } = await get('/api/v1/venues/posters.pdf?communeCode=31333', await t().tokenFor('health_officer', '930'));
        assert.equal(status, 200);
        assert.match(String(headers['content-disposition']), /filename="posters-31333-xa-vi-tan\.pdf"/);
        const file = savePdf(pdf);
        assert.equal(pageCount(file), 2);
        assert.ok(pageText(file, 1).includes('Bến xe Vị Tân'));
        assert.ok(pageText(file, 2).includes('Trường THCS Vị Tân'));
        const all = poppler('pdftotext', [file, '-']);
        assert.ok(!all.includes('Nhà hàng đã đóng cửa') && !all.includes('Chợ xã khác'));
        assert.equal((await verifiedCode(qrOnPage(file, 1), 'v', 'venue')).id, a);
        assert.equal((await verifiedCode(qrOnPage(file, 2), 'v', 'venue')).id, b);
      });
    });

    describe('personal QR card', () => {
      test('staff: token (401), people:read (403), person in scope (404), a reason (400)', async () => {
        const id = await insertPerson('Trần Thị Ngọc Ánh', 1950, '31393');
        const url = `/api/v1/people/${id}/card.pdf?reason=in%20th%E1%BA%BB`;
        assert.equal((await get(url)).status, 401);
        assert.equal((await get(url, await t().tokenFor('checkpoint_staff', '93'))).status, 403);
        assert.equal((await get(url, await t().tokenFor('tracer', '930'))).status, 404);
        assert.equal((await get(`/api/v1/people/00000000-0000-0000-0000-000000000002/card.pdf?reason=in%20the`, t().adminToken)).status, 404);
        const noReason = await get(`/api/v1/people/${id}/card.pdf`, t().adminToken);
        assert.equal(noReason.status, 400);
        assert.ok(noReason.body.error.fields.reason);
      });

      test('staff print a card with name, birth year and a QR of the person\'s code; the read is audited with the reason', async () => {
        const id = await insertPerson('Lê Thị Hồng Nhung', 1948);
        const { status, headers, pdf } = await get(`/api/v1/people/${id}/card.pdf?reason=${encodeURIComponent('bà không có điện thoại')}`, await t().tokenFor('tracer', '930'));
        assert.equal(status, 200);
        assert.equal(headers['cache-control'], 'private, no-store');
        const file = savePdf(pdf);
        assert.equal(pageCount(file), 1);
        const text = pageText(file, 1);
        for (const expected of ['THẺ QR CÁ NHÂN', 'Lê Thị Hồng Nhung', '1948', 'Cách dùng thẻ']) assert.ok(text.includes(expected), `the card says "${expected}"`);
        assert.equal((await verifiedCode(qrOnPage(file, 1, 150), 'p', 'person')).id, id);
        const [row] = await t().db.query<{ reason: string; detail: unknown }>(
          `SELECT reason, detail FROM audit_log WHERE entity = 'person' AND entity_id = $1 AND action = 'read'`, [id]);
        assert.equal(row?.reason, 'bà không có điện thoại');
        assert.deepEqual(row.detail, { purpose: 'personal QR card' });
      });

      test('citizen: a valid personal code prints the card without signing in; a forged, altered or venue code answers 400 naming code', async () => {
        const id = await insertPerson('Phạm Văn Đức', 1961);
        const signer = await codeSigner(t().db);
        const code = signer.sign('person', id);
        const { status, pdf } = await get(`/api/v1/personal-codes/${code}/card.pdf`);
        assert.equal(status, 200);
        const file = savePdf(pdf);
        assert.ok(pageText(file, 1).includes('Phạm Văn Đức'));
        assert.equal((await verifiedCode(qrOnPage(file, 1, 150), 'p', 'person')).id, id);
        const altered = code.slice(0, 10) + (code[10] === 'A' ? 'B' : 'A') + code.slice(11);
        const venueCode = signer.sign('venue', id, 1);
        for (const bad of [altered, 'forged-code-that-is-long-enough-000000', venueCode]) {
          const response = await get(`/api/v1/personal-codes/${bad}/card.pdf`);
          assert.equal(response.status, 400, bad);
          assert.match(response.body.error.fields.code, /not a valid personal code/);
        }
      });
    });

    test('the OpenAPI document lists the PDF routes with a binary 200', async () => {
      const { body } = await get('/api/openapi.json');
      const poster = body.paths['/api/v1/venues/{id}/poster.pdf'].get;
      assert.equal(poster.responses['200'].content['application/pdf'].schema.format, 'binary');
      assert.ok(body.paths['/api/v1/venues/posters.pdf'].get);
      assert.ok(body.paths['/api/v1/people/{id}/card.pdf'].get);
      assert.ok(body.paths['/api/v1/personal-codes/{code}/card.pdf'].get);
    });
  });
}
