// Browser tests of the public map and pages: the built app served by the real server, in headless Chromium.
//   node scripts/run-tests.mjs web/e2e/map.test.ts
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage } from './browser';
import { buildPlace, publishDistrictLevels, type ApiPlace } from './map-api';
import { MapPage } from './pages/MapPage';
import { repoRoot } from './server';
import { browserSuite } from './suite';

const ARTIFACTS = path.join(repoRoot, 'web/e2e/artifacts');

describe('public map', () => {
  const suite = browserSuite();
  let testing: ApiPlace;
  let vaccination: ApiPlace;
  let withoutWebgl: Browser | undefined;
  after(async () => {
    await withoutWebgl?.close();
  });

  before(async () => {
    testing = await buildPlace(suite.server.baseUrl, suite.token, { name: 'Điểm xét nghiệm Phường III' });
    vaccination = await buildPlace(suite.server.baseUrl, suite.token, { kind: 'vaccination_site', name: 'Điểm tiêm Trạm y tế Phường I', communeCode: '31318', lat: 9.79, lon: 105.455 });
    await buildPlace(suite.server.baseUrl, suite.token, { kind: 'hospital', name: 'Bệnh viện đa khoa Ngã Bảy', communeCode: '31340', lat: 9.816, lon: 105.82 });
    // district 930 (Vị Thanh): Phường III many cases (red), the rest none; the district itself orange
    await publishDistrictLevels(suite.server.baseUrl, suite.token, '930', ['31321']);
  }, { timeout: 120_000 });

  function watch(page: Page): { errors: string[]; requests: string[] } {
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('request', (request) => requests.push(new URL(request.url()).pathname));
    return { errors, requests };
  }

  async function open(viewport?: { width: number; height: number }): Promise<{ page: Page; map: MapPage; errors: string[]; requests: string[] }> {
    const page = await suite.open(viewport);
    const { errors, requests } = watch(page);
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
    const staffChunks = requests.filter((url) => /\/assets\/(StaffApp|LoginScreen|UnitsScreen|People|Duplicates|PasswordScreen|Levels|CasesScreen|CaseScreen|NotificationsScreen)/.test(url));
    assert.deepEqual(staffChunks, [], 'the public page loads no staff code');
  });

  test('the light SVG map is drawn first; MapLibre then takes over on the same view', async () => {
    const { page, map } = await open();
    await map.stage.and(page.locator('[data-renderer="maplibre"]')).waitFor();
    const first = Number(await map.stage.getAttribute('data-first-drawn-at'));
    const full = Number(await map.map.getAttribute('data-drawn-at'));
    assert.ok(first > 0 && first <= full, `SVG drawn at ${first} ms, MapLibre at ${full} ms`);
    assert.equal(await map.svgMap.count(), 0, 'the SVG map is gone');
    const [[west, south], [east, north]] = await page.evaluate(() => (window as unknown as { vigilMap: { getBounds: () => { toArray: () => [[number, number], [number, number]] } } }).vigilMap.getBounds().toArray());
    assert.ok(west < 105.2 && east > 106.1 && south < 9.5 && north > 10.1, `the province in view: ${[west, south, east, north].join(', ')}`);
  });

  test('without WebGL the SVG map stays: level colours, legend, a place\'s panel and a unit\'s level, no errors', async () => {
    withoutWebgl ??= await launchBrowser({ webgl: false });
    const { page } = await newPage(withoutWebgl, suite.server.baseUrl, { width: 360, height: 740 });
    const { errors, requests } = watch(page);
    const map = new MapPage(page);
    await page.goto('/');
    await map.svgMap.and(page.locator('[data-drawn-at]')).waitFor({ timeout: 30_000 });
    assert.equal(await map.stage.getAttribute('data-renderer'), 'svg');
    await page.getByRole('note').getByText(/WebGL/).waitFor();
    assert.ok((await map.svgLevels()).includes('orange'), 'district Vị Thanh in its level colour');
    assert.match((await map.legend.textContent()) ?? '', /Cấp 3 – nguy cơ cao/);
    assert.ok((await map.svgPlaceNames()).includes(testing.name));
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'map-360-no-webgl.png') });

    await map.svgPlace(testing.id).click();
    await map.placePanel.waitFor();
    assert.match((await map.placePanel.textContent()) ?? '', /Điểm xét nghiệm Phường III[\s\S]*7:00–11:00/);

    // a tap on the district's area, away from its places, tells its level without asking the server
    await map.levelMode('Huyện');
    await map.svgZoomAt(105.47, 9.77, 6);
    await map.svgClickAt(105.47, 9.77);
    await map.unitPanel.waitFor();
    assert.match((await map.unitPanel.textContent()) ?? '', /Thành phố Vị Thanh[\s\S]*Cấp 3/);
    // (a 100-byte chunk holding the worker's URL is shared with the staff maps: not MapLibre)
    const mapLibre = requests.filter((url) => /\/assets\/(MapView-.*|maplibre-gl-(?!worker-)[^/]*|maplibre-gl-worker-[^/]*\.mjs)$/.test(url));
    assert.deepEqual(mapLibre, [], 'MapLibre is not even downloaded');
    assert.deepEqual(errors, []);
  });

  test('once visited, the map works offline from the service worker\'s cache and says how old its data is', async () => {
    const page = await suite.open({ width: 360, height: 740 });
    const map = new MapPage(page);
    await map.openFirstDrawn();
    // one visit: the service worker is installed and active (it controls the pages opened from now on)...
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    // ...and every file of code this page loaded is in its cache (public/offline.ts keeps them)
    await page.waitForFunction(
      async () => {
        const cached = new Set((await (await caches.open('vigil-assets')).keys()).map((request) => new URL(request.url).pathname));
        const loaded = performance.getEntriesByType('resource').map((entry) => new URL(entry.name)).filter((url) => url.origin === location.origin && url.pathname.startsWith('/assets/'));
        return loaded.every((url) => cached.has(url.pathname));
      },
      undefined,
      { timeout: 30_000, polling: 500 },
    );
    await page.context().setOffline(true);
    const missed = await buildPlace(suite.server.baseUrl, suite.token, { name: 'Điểm mở khi máy đang ngoại tuyến', lat: 9.79, lon: 105.6 });
    await page.reload();
    await map.stage.and(page.locator('[data-first-drawn-at]')).waitFor({ timeout: 30_000 });
    assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null), 'the page came from the service worker');
    const age = (await map.dataAge.textContent()) ?? '';
    assert.match(age, /Đang ngoại tuyến/);
    assert.match(age, /dữ liệu lúc \d\d\/\d\d\/\d{4} \d\d:\d\d/i);
    // MapLibre takes over if it was kept too, else the SVG map stays and says so
    await page.locator('[data-testid="map-stage"][data-renderer="maplibre"]').or(map.stage.getByRole('note')).waitFor();
    const names = (await map.stage.getAttribute('data-renderer')) === 'svg' ? await map.svgPlaceNames() : await map.renderedPlaceNames();
    assert.ok(names.includes(testing.name), 'the places kept from the visit');
    assert.ok(!names.includes(missed.name), 'nothing fetched from the server');
    await page.context().setOffline(false);
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
    await map.noteWhenDrawn(name); // kept in the page's window: a reload would lose it
    await buildPlace(suite.server.baseUrl, suite.token, { name, lat: 9.8, lon: 105.6, communeCode: '31321' });
    // the publication: the server announces the place (places.changed) before it answers the request
    const publishedAt = Date.now();
    const elapsed = (await map.drawnAt(name, 5_000)) - publishedAt;
    assert.ok(elapsed < 2_000, `drawn ${elapsed} ms after the publication`);
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
