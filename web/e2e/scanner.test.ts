// Browser tests of the staff scanner and the checkpoint screens: typed national IDs, the offline queue
// (no loss, no duplicates, a bad scan set aside), a real camera picture of a personal QR decoded by the
// self-hosted ZXing wasm, a declaration's QR, and the flagged declarations of a checkpoint.
//   node scripts/run-tests.mjs web/e2e/scanner.test.ts
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import QRCode from 'qrcode';
import { buildPerson, staffApi } from './api';
import { launchBrowser, newPage } from './browser';
import { DeclarationsPage } from './pages/DeclarationsPage';
import { LoginPage } from './pages/LoginPage';
import { ScannerPage } from './pages/ScannerPage';
import { repoRoot } from './server';
import { browserSuite } from './suite';

const ARTIFACTS = path.join(repoRoot, 'web/e2e/artifacts');
const STAFF = 'demo.checkpoint-staff.93';
const STAFF_PASSWORD = 'vigil-demo-2021';

/**
 * A few seconds of one still 640×480 frame showing `text` as a QR code (YUV 4:2:0, the format
 * Chromium's fake camera reads): black modules on white with a wide quiet zone.
 */
function qrVideo(text: string, file: string): void {
  const { size, data } = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
  const [width, height] = [640, 480];
  const scale = Math.floor(420 / (size + 8));
  const left = Math.floor((width - size * scale) / 2);
  const top = Math.floor((height - size * scale) / 2);
  const luma = Buffer.alloc(width * height, 235);
  for (let y = 0; y < size * scale; y += 1) {
    for (let x = 0; x < size * scale; x += 1) {
      if (data[Math.floor(y / scale) * size + Math.floor(x / scale)]) luma[(top + y) * width + left + x] = 16;
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2), 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma, chroma]);
  const frames = Array.from({ length: 30 }, () => frame);
  writeFileSync(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`), ...frames]));
}

describe('staff scanner', () => {
  const suite = browserSuite();
  let venueId = '';
  let venueName = '';

  before(() => {
    mkdirSync(ARTIFACTS, { recursive: true });
  });

  const api = staffApi(() => ({ baseUrl: suite.server.baseUrl, token: suite.token }));

  /** A venue of its own for each test, so its check-ins can be counted exactly. */
  async function freshVenue(name: string, kind = 'market'): Promise<{ id: string; name: string; qrUrl: string }> {
    const venue = await api<{ id: string; name: string; qrUrl: string }>('POST', '/api/v1/venues', {
      name, kind, communeCode: '31321', location: { lat: 9.781, lon: 105.471 }, defaultDwellMinutes: 30,
    });
    venueId = venue.id;
    venueName = venue.name;
    return venue;
  }

  const checkinsAt = async (id = venueId) =>
    (await api<{ items: { method: string; personId: string }[]; total: number }>('GET', `/api/v1/checkins?venueId=${id}&reason=test&limit=100`)).items;

  async function scannerFor(page: Page, viewport = true): Promise<ScannerPage> {
    await new LoginPage(page).signIn(STAFF, STAFF_PASSWORD);
    const scanner = new ScannerPage(page);
    await scanner.open();
    await scanner.chooseVenue(venueName);
    if (viewport) await scanner.waitForWaiting(0);
    return scanner;
  }

  test('checkpoint staff land on the scanner; a typed national ID is recorded and sent', async () => {
    await freshVenue('Chợ quét CCCD E2E');
    const person = await buildPerson(suite.server.baseUrl, suite.token);
    const page = await suite.open({ width: 360, height: 740 });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await new LoginPage(page).signIn(STAFF, STAFF_PASSWORD);
    await page.waitForURL('**/staff/scanner');
    const scanner = new ScannerPage(page);
    await scanner.chooseVenue(venueName);

    await scanner.type(person.nationalId ?? '');
    await scanner.feedback.getByText(/Đã ghi nhận CCCD …\d{4}/).waitFor();
    await scanner.waitForWaiting(0);
    await page.getByText('Đã gửi hết lên máy chủ.').waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'scanner-typed-360.png'), fullPage: true });
    const items = await checkinsAt();
    assert.equal(items.length, 1);
    assert.equal(items[0]?.personId, person.id);
    assert.equal(items[0]?.method, 'national_id');

    // the same person again a minute later is the same visit: merged on the device
    await scanner.type(person.nationalId ?? '');
    await scanner.feedback.getByText(/đã được ghi nhận lúc .*: không ghi thêm/).waitFor();
    assert.equal((await checkinsAt()).length, 1);
    // the venue is remembered on this device
    await page.reload();
    await page.getByTestId('scanner-venue').getByText(venueName).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `the scanner scrolls sideways by ${overflow} px`);
    assert.deepEqual(errors, []);
  });

  test('offline: three scans wait on the device, then are sent once, even when an answer is lost', async () => {
    await freshVenue('Chốt quét ngoại tuyến E2E');
    const people = await Promise.all([1970, 1980, 1990].map((birthYear) => buildPerson(suite.server.baseUrl, suite.token, { birthYear })));
    const page = await suite.open({ width: 360, height: 740 });
    const scanner = await scannerFor(page);

    await page.context().setOffline(true);
    await page.locator('[data-testid="queue-status"][data-online="false"]').waitFor();
    for (const person of people) {
      await scanner.type(person.nationalId ?? '');
      await scanner.feedback.getByText(/Đã ghi nhận/).waitFor();
    }
    await scanner.waitForWaiting(3);
    await scanner.status.getByText('3 lượt quét đang chờ gửi').waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'scanner-offline-360.png'), fullPage: true });
    assert.equal((await checkinsAt()).length, 0);

    // The first upload reaches the server but its answer is lost on the way back: the scanner
    // must keep the scans and send them again; the server counts them as repeats.
    let lost = 0;
    await page.route('**/api/v1/checkins/batch', async (route) => {
      if (lost === 0) {
        lost += 1;
        await route.fetch();
        await route.abort('connectionreset');
      } else {
        await route.continue();
      }
    });
    await page.context().setOffline(false);
    await scanner.waitForWaiting(0, 30_000);
    assert.equal(lost, 1, 'the first answer was dropped');
    // the QR decoder is ready too (its load may have been cut short by going offline)
    await scanner.cameraToggle.and(page.locator('[data-engine]')).waitFor();
    const items = await checkinsAt();
    assert.equal(items.length, 3);
    assert.deepEqual(new Set(items.map((i) => i.personId)), new Set(people.map((p) => p.id)));

    // reloading and syncing again changes nothing
    await page.reload();
    await scanner.waitForWaiting(0);
    await page.getByRole('button', { name: 'Gửi ngay' }).waitFor({ state: 'detached' });
    await page.waitForTimeout(6000); // one more sync cycle
    assert.equal((await checkinsAt()).length, 3);
  });

  test('a scan the server refuses is set aside with its reason; the others are sent', async () => {
    await freshVenue('Quán quét lỗi E2E', 'restaurant');
    const person = await buildPerson(suite.server.baseUrl, suite.token, { birthYear: 1975 });
    const page = await suite.open({ width: 360, height: 740 });
    const scanner = await scannerFor(page);

    await page.context().setOffline(true);
    await scanner.type('093199000001'); // a well-formed ID nobody registered
    await scanner.type(person.nationalId ?? '');
    await scanner.waitForWaiting(2);
    await page.context().setOffline(false);
    await scanner.waitForWaiting(0, 30_000);
    await scanner.rejected.getByText(/Chưa có ai đăng ký với số CCCD này/).waitFor();
    await scanner.rejected.getByText('CCCD 093199000001').waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'scanner-rejected-360.png'), fullPage: true });
    const items = await checkinsAt();
    assert.equal(items.length, 1);
    assert.equal(items[0]?.personId, person.id);
    // dropping it empties the list
    await scanner.rejected.getByRole('button', { name: 'Bỏ' }).click();
    await scanner.rejected.waitFor({ state: 'detached' });
  });

  test('a personal QR in front of the camera is decoded by the self-hosted wasm, queued and sent', async () => {
    await freshVenue('Siêu thị camera E2E', 'shop');
    const { personCode } = await api<{ personCode: string }>('POST', '/api/v1/personal-codes', {
      person: { fullName: 'Nguyễn Văn Quét', phone: '0912345678', birthYear: 1980 },
    });
    const dir = mkdtempSync(path.join(tmpdir(), 'vigil-camera-'));
    const video = path.join(dir, 'personal-qr.y4m');
    qrVideo(`${suite.server.baseUrl}/p/${personCode}`, video);
    const browser = await launchBrowser({ fakeCamera: video });
    try {
      const { context, page } = await newPage(browser, suite.server.baseUrl, { width: 360, height: 740 });
      // Nothing may come from outside Vigil (the ponyfill's default is a CDN): refuse it, and note it.
      const outside: string[] = [];
      const wasm: string[] = [];
      await context.route((url) => !url.href.startsWith(suite.server.baseUrl), async (route) => {
        outside.push(route.request().url());
        await route.abort();
      });
      page.on('request', (request) => {
        if (request.url().includes('.wasm')) wasm.push(request.url());
      });
      const scanner = await scannerFor(page);
      await scanner.cameraToggle.and(page.locator('[data-engine]')).waitFor();
      assert.equal(await scanner.cameraToggle.getAttribute('data-engine'), 'zxing-wasm', 'Chromium on Linux has no BarcodeDetector: the ponyfill decodes');
      await scanner.startCamera();
      await scanner.feedback.getByText(`Đã ghi nhận mã cá nhân …${personCode.slice(-4)}`).waitFor({ timeout: 30_000 });
      await page.screenshot({ path: path.join(ARTIFACTS, 'scanner-camera-360.png') });
      await scanner.waitForWaiting(0);
      const items = await checkinsAt();
      assert.equal(items.length, 1, 'one check-in, however many frames showed the code');
      assert.equal(items[0]?.method, 'personal_qr');
      assert.deepEqual(outside, []);
      assert.ok(wasm.length > 0 && wasm.every((url) => url.startsWith(`${suite.server.baseUrl}/assets/`)), `wasm from Vigil: ${wasm.join(', ')}`);
      await context.close();
    } finally {
      await browser.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a declaration QR shows the declaration; the checkpoint\'s flagged declarations are listed with a reason', async () => {
    const checkpoint = await freshVenue('Chốt kiểm soát E2E (QL1A)', 'entry_checkpoint');
    const venueCode = checkpoint.qrUrl.slice(checkpoint.qrUrl.lastIndexOf('/') + 1);
    const receipt = await api<{ declarationCode: string; flag: string }>('POST', '/api/v1/declarations', {
      id: crypto.randomUUID(), kind: 'entry', venueCode, symptoms: ['fever', 'cough'], contactWithCase: false, vaccination: 'full',
      person: { fullName: 'Lê Thị Khai Báo', phone: '0987654321', birthYear: 1988 },
      entry: { direction: 'in', origin: 'TP. Hồ Chí Minh', destination: 'Vị Thanh', vehicle: 'bus', plate: '51B-123.45' },
    });
    assert.equal(receipt.flag, 'red');
    const page = await suite.open({ width: 360, height: 740 });
    const scanner = await scannerFor(page);
    // a handheld scanner types the QR's text into the box
    await scanner.type(`${suite.server.baseUrl}/d/${receipt.declarationCode}`);
    await scanner.declaration.getByRole('heading', { name: 'Lê Thị Khai Báo' }).waitFor();
    const card = (await scanner.declaration.textContent()) ?? '';
    assert.match(card, /Đỏ/);
    assert.match(card, /Sốt, Ho/);
    assert.match(card, /TP\. Hồ Chí Minh → Vị Thanh/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'scanner-declaration-360.png'), fullPage: true });
    assert.equal((await checkinsAt()).length, 0, 'a declaration is shown, not checked in');

    const declarations = new DeclarationsPage(page);
    await declarations.open();
    const row = declarations.summaryRow(checkpoint.name);
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', /1/);
    await declarations.showFlagged(checkpoint.name);
    await declarations.giveReason('Kiểm tra người có triệu chứng tại chốt');
    await declarations.flaggedRow('Lê Thị Khai Báo').waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'declarations-360.png'), fullPage: true });
    // the reason is asked once per session
    await declarations.open();
    await declarations.showFlagged(checkpoint.name);
    await declarations.flaggedRow('Lê Thị Khai Báo').waitFor();
    assert.equal(await declarations.reasonForm.count(), 0);
  });

  test('after one visit the scanner reopens without network, and what is scanned then is sent later', async () => {
    await freshVenue('Chốt mở lại ngoại tuyến E2E');
    const person = await buildPerson(suite.server.baseUrl, suite.token, { birthYear: 1975 });
    const page = await suite.open({ width: 360, height: 740 });
    const scanner = await scannerFor(page);
    // the service worker takes control and keeps the code this page loaded
    await page.waitForFunction(async () => {
      if (!navigator.serviceWorker.controller) return false;
      const cache = await caches.open('vigil-assets');
      return (await cache.keys()).some((request) => request.url.endsWith('.wasm'));
    }, undefined, { timeout: 30_000, polling: 500 });

    await page.context().setOffline(true);
    await page.reload();
    await page.getByTestId('scanner-venue').getByText(venueName).waitFor();
    await scanner.type(person.nationalId ?? '');
    await scanner.waitForWaiting(1);
    assert.equal((await checkinsAt()).length, 0);
    await page.context().setOffline(false);
    await scanner.waitForWaiting(0, 30_000);
    assert.equal((await checkinsAt()).length, 1);
  });
});
