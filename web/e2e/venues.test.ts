// Browser tests of the QR check-in points screen: create a venue and read its drawn QR, the poster,
// a CSV import of hundreds of rows with progress, a file with a bad row, and reissuing a code.
//   node scripts/run-tests.mjs web/e2e/venues.test.ts
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import jsQR from 'jsqr';
import type { Page } from 'playwright-core';
import { LoginPage } from './pages/LoginPage';
import { VenuesPage } from './pages/VenuesPage';
import { repoRoot } from './server';
import { browserSuite } from './suite';

const ARTIFACTS = path.join(repoRoot, 'web/e2e/artifacts');
const HEADER = 'code,name,kind,address,commune_code,lat,lon,owner_name,owner_phone,default_dwell_minutes';

describe('QR check-in points', () => {
  const suite = browserSuite();

  before(() => {
    mkdirSync(ARTIFACTS, { recursive: true });
  });

  async function signedIn(viewport?: { width: number; height: number }): Promise<{ page: Page; venues: VenuesPage; errors: string[] }> {
    const page = await suite.open(viewport);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await new LoginPage(page).signIn('admin', suite.server.adminPassword);
    const venues = new VenuesPage(page);
    await venues.open();
    return { page, venues, errors };
  }

  // the list is long: the visible part is what there is to look at
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, `venues-${name}.png`) });
  const codeOf = (url: string) => url.slice(url.lastIndexOf('/') + 1);
  const byCode = (url: string) => fetch(`${suite.server.baseUrl}/api/v1/venues/by-code/${codeOf(url)}`);

  test('a venue typed outside the province gets a field error; saved inside, its QR is shown, readable and printable', async () => {
    const { page, venues, errors } = await signedIn({ width: 360, height: 740 });
    await venues.startNew();
    const name = 'Chợ nổi Ngã Bảy E2E';
    await venues.fill({ name, kind: 'Chợ', communeCode: '31321', lat: '10.77', lon: '106.70', address: '1 Hùng Vương' });
    await venues.save();
    await venues.fieldError('lat').waitFor();
    await venues.fieldError('lat').scrollIntoViewIfNeeded();
    await shot(page, 'form-error-360');

    await venues.fill({ name, communeCode: '31321', lat: '9.7801', lon: '105.4702', dwell: '45' });
    await venues.save();
    await venues.qrDialog.waitFor();
    const url = await venues.qrText();
    assert.match(url, /\/v\/[A-Za-z0-9_-]{40,50}$/);
    await shot(page, 'qr-360');

    // the drawn QR decodes to the venue's URL, and the URL checks in at this venue
    const pixels = await venues.qrPixels();
    const decoded = jsQR(Uint8ClampedArray.from(pixels.data), pixels.width, pixels.height);
    assert.equal(decoded?.data, url);
    const scanned = await byCode(url);
    assert.equal(scanned.status, 200);
    assert.equal(((await scanned.json()) as { name: string }).name, name);

    const poster = await venues.downloadPoster();
    assert.match(poster.suggestedFilename(), /^poster-cho-noi-nga-bay-e2e\.pdf$/);
    const file = await poster.path();
    assert.equal(readFileSync(file).subarray(0, 5).toString(), '%PDF-');
    await venues.closeQr();

    await venues.search('cho noi nga bay');
    await venues.row(name).waitFor();
    assert.match((await venues.total.textContent()) ?? '', /\b1\b/);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `the venues screen scrolls sideways by ${overflow} px`);

    // closing asks first; a closed venue can be reopened
    page.once('dialog', (dialog) => void dialog.accept());
    await venues.row(name).getByRole('button', { name: 'Đóng', exact: true }).click();
    await venues.row(name).getByText('Đã đóng').waitFor();
    await venues.row(name).getByRole('button', { name: 'Mở lại' }).click();
    await venues.row(name).getByText('Đang hoạt động').waitFor();
    assert.deepEqual(errors, []);
  });

  test('a CSV of 600 venues is imported with progress; a file with one bad row writes nothing and names the row', async () => {
    const { page, venues } = await signedIn();
    const rows = Array.from({ length: 600 }, (_, i) => {
      const n = String(i + 1).padStart(3, '0');
      return `E2E-IMP-${n},Cửa hàng nhập E2E ${n},shop,${i + 1} Trần Hưng Đạo,31321,${(9.775 + i * 0.00001).toFixed(5)},105.47,Chủ ${n},0912345${n},20`;
    });
    await venues.upload('venues.csv', [HEADER, ...rows].join('\n'));
    // Under CI load the upload itself can take a while; the progress must still show before the end.
    await venues.importProgress.waitFor({ timeout: 60_000 });
    assert.match((await venues.importProgress.textContent()) ?? '', /\/600 dòng/);
    await shot(page, 'import-progress');
    await venues.importDone.waitFor({ timeout: 60_000 });
    assert.match((await venues.importDone.textContent()) ?? '', /600 điểm mới, 0 điểm cập nhật/);
    await venues.search('cua hang nhap e2e');
    await venues.total.getByText(/600/).waitFor();

    // line 3 has an unknown kind: nothing of the file is written, and the row is named
    const bad = [HEADER, 'E2E-BAD-1,Quán tốt,restaurant,,31321,9.78,105.47,,,', 'E2E-BAD-2,Quán sai loại,spaceship,,31321,9.78,105.47,,,'].join('\n');
    await venues.upload('bad.csv', bad);
    await venues.importProblems.waitFor({ timeout: 30_000 });
    assert.match((await venues.importProblems.textContent()) ?? '', /Dòng 3,\s*kind/);
    await shot(page, 'import-problems');
    await venues.search('Quán tốt');
    await venues.total.getByText(/\b0\b/).waitFor();
  });

  test('reissuing a code asks first, then the old poster stops working and the new one works', async () => {
    const { page, venues } = await signedIn();
    const created = (await (await fetch(`${suite.server.baseUrl}/api/v1/venues`, {
      method: 'POST',
      headers: { authorization: `Bearer ${suite.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Nhà văn hóa cấp lại E2E', kind: 'public_office', communeCode: '31321', location: { lat: 9.782, lon: 105.471 } }),
    })).json()) as { qrUrl: string; name: string };
    await venues.search('cấp lại E2E');
    await venues.openQr(created.name);
    assert.equal(await venues.qrText(), created.qrUrl);

    // cancelling changes nothing
    await venues.qrDialog.getByRole('button', { name: 'Cấp lại mã' }).click();
    await venues.reissueDialog.getByText(/áp phích đã in của điểm này sẽ ngừng hoạt động/).waitFor();
    await shot(page, 'reissue-confirm');
    await venues.reissueDialog.getByRole('button', { name: 'Huỷ' }).click();
    assert.equal((await byCode(created.qrUrl)).status, 200);

    await venues.reissue('Áp phích bị sao chép');
    await venues.qrDialog.getByText(/Đã cấp mã mới/).waitFor();
    const next = await venues.qrText();
    assert.notEqual(next, created.qrUrl);
    assert.equal((await byCode(created.qrUrl)).status, 400, 'the old poster is refused');
    assert.equal((await byCode(next)).status, 200, 'the new poster works');
    await shot(page, 'reissued');
  });
});
