// The printable certificate read the way a printer and a phone see it: one A4 page whose text
// (pdftotext) names the holder and the result, and whose QR code (pdftoppm, then ZXing) is the
// signed HC1 text, which verifies.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { readQrPng } from './conformance.testkit.js';
import { verifyHc1 } from './hcert/verify.js';
import { certificatePdf } from './pdf.js';
import { DAY, negativeTestDcc, testSigner } from './signing.testkit.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-certificate-pdf-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

function poppler(tool: string, args: string[]): string {
  const result = spawnSync(tool, args, { encoding: 'utf8' });
  if (result.error) assert.fail(`${tool} could not run (${result.error.message}): install poppler-utils`);
  assert.equal(result.status, 0, `${tool} failed: ${result.stderr}`);
  return result.stdout;
}

describe('certificate PDF', () => {
  test('one A4 page with the holder, the result and a QR code that verifies', async () => {
    const signer = await testSigner();
    const iat = new Date('2021-11-15T10:00:00Z');
    const exp = new Date(iat.getTime() + 3 * DAY);
    const hc1 = await signer.issue(negativeTestDcc(), { iat, exp });
    const pdf = await certificatePdf({ hc1, payload: negativeTestDcc(), issuedAt: iat.toISOString(), expiresAt: exp.toISOString() }, 'https://vigil.example.vn/verify');
    assert.equal(pdf.filename, 'chung-nhan-xet-nghiem-nguyen-thi-dao.pdf');
    const file = path.join(tmp, pdf.filename);
    fs.writeFileSync(file, pdf.content);

    assert.match(poppler('pdfinfo', [file]), /^Pages:\s+1$/m);
    const text = poppler('pdftotext', [file, '-']).replace(/\s+/g, ' ');
    for (const expected of ['CHỨNG NHẬN XÉT NGHIỆM COVID-19', 'Nguyễn Thị Đào', 'NGUYEN<<THI<DAO', '12/04/1985', 'Âm tính', 'CDC Hậu Giang', '18/11/2021', 'https://vigil.example.vn/verify']) {
      assert.ok(text.includes(expected), `the page should show "${expected}": ${text}`);
    }

    poppler('pdftoppm', ['-r', '100', '-png', '-singlefile', file, path.join(tmp, 'page')]);
    const scanned = await readQrPng(fs.readFileSync(path.join(tmp, 'page.png')));
    assert.equal(scanned, hc1);
    assert.equal((await verifyHc1(scanned, signer.trust, { at: new Date(iat.getTime() + DAY) })).valid, true);
  });
});
