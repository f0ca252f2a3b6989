// Browser tests of the public map and pages: the built app served by the real server, in headless Chromium.
//   node scripts/run-tests.mjs web/e2e/map.test.ts
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { buildPlace, publishDistrictLevels, type ApiPlace } from './map-api';
import { MapPage } from './pages/MapPage';
import { repoRoot } from './server';
import { browserSuite } from './suite';

const ARTIFACTS = path.join(repoRoot, 'web/e2e/artifacts');

describe('public map', () => {
  const suite = browserSuite();
  let testing: ApiPlace;
  let vaccination: ApiPlace;

  before(async () => {
    testing = await buildPlace(suite.server.baseUrl, suite.token, { name: 'Điểm xét nghiệm Phường III' });
    vaccination = await buildPlace(suite.server.baseUrl, suite.token, { kind: 'vaccination_site', name: 'Điểm tiêm Trạm y tế Phường I', communeCode: '31318', lat: 9.79, lon: 105.455 });
    await buildPlace(suite.server.baseUrl, suite.token, { kind: 'hospital', name: 'Bệnh viện đa khoa Ngã Bảy', communeCode: '31340', lat: 9.816, lon: 105.82 });
    // district 930 (Vị Thanh): Phường III many cases (red), the rest none; the district itself orange
    await publishDistrictLevels(suite.server.baseUrl, suite.token, '930', ['31321']);
  }, { timeout: 120_000 });

  async function open(viewport?: { width: number; height: number }): Promise<{ page: Page; map: MapPage; errors: string[]; requests: string[] }> {
    const page = await suite.open(viewport);
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('request', (request) => requests.push(new URL(request.url()).pathname));
    const map = new MapPage(page);
    await map.open();
    return { page, map, errors, requests };
  }

  test('the map loads at / without signing in, with no console errors and the demo label', async () => {
    const { page, map, errors, requests } = await open();
    await map.demoBanner.waitFor();
    assert.equal(new URL(page.url()).pathname, '/');
    await map.waitForPlace(testing.name);
    assert.deepEqual(errors, []);
    const staffChunks = requests.filter((url) => /\/assets\/(StaffApp|LoginScreen|UnitsScreen|People|Duplicates|PasswordScreen|Levels)/.test(url));
    assert.deepEqual(staffChunks, [], 'the public page loads no staff code');
  });

  test('a layer toggles off and on', async () => {
    const { map } = await open();
    await map.waitForPlace(testing.name);
    const toggle = map.layerToggle('Điểm xét nghiệm');
    await toggle.uncheck();
    await map.page.waitForFunction(() => true);
    await map.page.waitForTimeout(300);
    assert.deepEqual(await map.renderedPlaceNames('testing_site'), []);
    assert.ok((await map.renderedPlaceNames('vaccination_site')).includes(vaccination.name), 'other layers stay');
    await toggle.check();
    await map.waitForPlace(testing.name);
  });

  test('a place opens its panel', async () => {
    const { map } = await open({ width: 1280, height: 900 });
    await map.waitForPlace(testing.name);
    await map.page.evaluate(([lon, lat]) => {
      (window as unknown as { vigilMap: { jumpTo: (o: object) => void } }).vigilMap.jumpTo({ center: [lon, lat], zoom: 14 });
    }, [testing.lon, testing.lat]);
    await map.waitForPlace(testing.name);
    await map.clickAt(testing.lon, testing.lat);
    await map.placePanel.waitFor();
    const text = (await map.placePanel.textContent()) ?? '';
    assert.match(text, /Điểm xét nghiệm Phường III/);
    assert.match(text, /1 Trần Hưng Đạo/);
    assert.match(text, /7:00–11:00/);
    assert.match(text, /0293 3876 543/);
  });

  test('units are coloured by their published level', async () => {
    const { map } = await open();
    await map.waitForLevel('orange'); // district Vị Thanh at province zoom
    await map.levelMode('Xã');
    await map.waitForLevel('red'); // commune Phường III
    assert.ok((await map.renderedLevels()).includes('red'));
    await map.page.getByText('Cấp độ dịch từng huyện').click();
    assert.match((await map.page.getByTestId('district-levels').textContent()) ?? '', /Thành phố Vị Thanh: Cấp 3/);
  });

  test('"at this place" lists the nearest sites and the level', async () => {
    const { map, page } = await open();
    await map.openTab('Quanh tôi');
    await page.getByLabel('Tại một địa điểm').fill('phuong iii');
    await page.getByRole('button', { name: testing.name }).click();
    const answer = page.getByTestId('nearby-answer');
    await answer.waitFor();
    const text = (await answer.textContent()) ?? '';
    assert.match(text, /Phường III/);
    assert.match(text, /Cấp 4|Cấp 3/);
    assert.match(text, new RegExp(`${testing.name}\\s*0 m`));
  });

  test('a place created by staff appears on an open map within 2 seconds, without reload', async () => {
    const { map } = await open();
    await map.waitForPlace(testing.name);
    const name = `Điểm xét nghiệm lưu động ${Date.now()}`;
    const started = Date.now();
    await buildPlace(suite.server.baseUrl, suite.token, { name, lat: 9.8, lon: 105.6, communeCode: '31321' });
    await map.waitForPlace(name, 5_000);
    const elapsed = Date.now() - started;
    assert.ok(elapsed < 2_000, `shown after ${elapsed} ms`);
  });

  test('at 360 px the map and its panel fit the screen (screenshot saved)', async () => {
    const { page, map } = await open({ width: 360, height: 740 });
    await map.waitForPlace(testing.name);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow} px wider than the screen`);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'map-360.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(ARTIFACTS, 'map-1280.png') });
  });

  test('staff paths still ask for sign-in', async () => {
    const page = await suite.open();
    await page.goto('/people');
    await page.getByLabel('Tên đăng nhập').waitFor();
    assert.equal(new URL(page.url()).pathname, '/login');
  });
});
