// Browser tests of the staff screens behind the public map: places, zones, figures, announcements.
//   node scripts/run-tests.mjs web/e2e/staff-map.test.ts
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { LoginPage } from './pages/LoginPage';
import { StaffAnnouncementsPage } from './pages/StaffAnnouncementsPage';
import { StaffFiguresPage } from './pages/StaffFiguresPage';
import { StaffPlacesPage } from './pages/StaffPlacesPage';
import { StaffZonesPage } from './pages/StaffZonesPage';
import { repoRoot } from './server';
import { browserSuite } from './suite';

const ARTIFACTS = path.join(repoRoot, 'web/e2e/artifacts');

interface OpenFeature {
  id: string;
  geometry: { type: string; coordinates: number[] };
  properties: Record<string, unknown>;
}

describe('staff screens of the public map', () => {
  const suite = browserSuite();

  before(() => {
    mkdirSync(ARTIFACTS, { recursive: true });
  });

  async function signedIn(viewport?: { width: number; height: number }): Promise<{ page: Page; errors: string[] }> {
    const page = await suite.open(viewport);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await new LoginPage(page).signIn('admin', suite.server.adminPassword);
    return { page, errors };
  }

  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, `staff-${name}.png`), fullPage: true });

  async function openPlaces(): Promise<OpenFeature[]> {
    const response = await fetch(`${suite.server.baseUrl}/api/v1/open/places.geojson`);
    assert.equal(response.status, 200);
    return ((await response.json()) as { features: OpenFeature[] }).features;
  }

  test('a testing site typed outside the province gets a field error, then is saved inside and is open data', async () => {
    const { page, errors } = await signedIn({ width: 360, height: 740 });
    const places = new StaffPlacesPage(page);
    await places.open();
    await places.startNew();
    const name = 'Điểm xét nghiệm nhập tay E2E';
    await places.fill({ name, kind: 'Điểm xét nghiệm', communeCode: '31321', lat: '10.77', lon: '106.70', address: '5 Nguyễn Công Trứ' });
    await places.save();
    const latError = places.fieldError('lat');
    await latError.waitFor();
    assert.match((await latError.textContent()) ?? '', /outside|ngoài/i);
    await shot(page, 'place-outside-360');

    await places.fill({ name, communeCode: '31321', lat: '9.78', lon: '105.47' });
    await places.save();
    await places.form.waitFor({ state: 'detached' });
    await places.row(name).waitFor();

    const feature = (await openPlaces()).find((f) => f.properties.name === name);
    assert.ok(feature, 'the place is in places.geojson');
    assert.equal(feature.properties.kind, 'testing_site');
    assert.equal(feature.properties.communeCode, '31321');
    assert.deepEqual(feature.geometry.coordinates, [105.47, 9.78]);
    await shot(page, 'places-360');

    // closing asks for a reason; the place stays in the open data, marked closed
    page.once('dialog', (dialog) => void dialog.accept('Hết nhu cầu'));
    await places.row(name).getByRole('button', { name: 'Đóng', exact: true }).click();
    await places.row(name).getByText('Đã đóng').waitFor();
    const closed = (await openPlaces()).find((f) => f.properties.name === name);
    assert.equal(closed?.properties.status, 'closed');
    assert.deepEqual(errors, []);
  });

  test('a small places CSV is imported', async () => {
    const { page } = await signedIn();
    const places = new StaffPlacesPage(page);
    await places.open();
    const csv = [
      'code,kind,name,address,commune_code,lat,lon,opening_hours,phone,capacity,status,valid_from,valid_to,notes',
      'E2E-CSV-1,vaccination_site,Điểm tiêm CSV một,2 Hòa Bình,31321,9.781,105.471,7:00–11:00,,150,open,2021-08-01,,',
      'E2E-CSV-2,checkpoint,Chốt kiểm soát CSV hai,,31321,9.79,105.46,,,,open,,,',
    ].join('\n');
    await places.upload('places.csv', csv);
    await places.uploadSuccess.waitFor();
    assert.match((await places.uploadSuccess.textContent()) ?? '', /2 mới, 0 cập nhật/);
    await places.row('Điểm tiêm CSV một').waitFor();
    await places.row('Chốt kiểm soát CSV hai').waitFor();

    // a wrong row: nothing is written, the problem is named by line
    await places.upload('bad.csv', 'code,kind,name,commune_code,lat,lon\nE2E-CSV-3,testing_site,Sai vị trí,31321,10.77,106.7\n');
    await places.uploadError.waitFor();
    assert.match((await places.uploadError.textContent()) ?? '', /lines\[2\]\.(lat|lon)/);
    const names = (await openPlaces()).map((f) => f.properties.name);
    assert.ok(names.includes('Điểm tiêm CSV một') && !names.includes('Sai vị trí'));
  });

  test('a zone GeoJSON is imported with its dates and decision; a self-intersecting one is refused', async () => {
    const { page } = await signedIn();
    const zones = new StaffZonesPage(page);
    await zones.open();
    const feature = (name: string, ring: number[][]) => ({
      type: 'Feature',
      properties: {
        kind: 'lockdown', name, unitCode: '31321', startsOn: '2021-08-01', endsOn: '2021-08-21',
        decision: { number: '12/QĐ-UBND', date: '2021-07-31', issuedBy: 'UBND thành phố Vị Thanh' },
      },
      geometry: { type: 'Polygon', coordinates: [ring] },
    });
    const square = [[105.465, 9.775], [105.475, 9.775], [105.475, 9.785], [105.465, 9.785], [105.465, 9.775]];
    await zones.upload('zone.geojson', JSON.stringify({ type: 'FeatureCollection', features: [feature('Khu phong tỏa E2E', square)] }));
    await zones.uploadSuccess.waitFor();
    const row = zones.row('Khu phong tỏa E2E');
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    assert.match(text, /01\/08\/2021/);
    assert.match(text, /21\/08\/2021/);
    assert.match(text, /12\/QĐ-UBND/);

    const bowtie = [[105.465, 9.775], [105.475, 9.785], [105.475, 9.775], [105.465, 9.785], [105.465, 9.775]];
    await zones.upload('bowtie.geojson', JSON.stringify({ type: 'FeatureCollection', features: [feature('Khu tự cắt', bowtie)] }));
    await zones.uploadError.waitFor();
    assert.match((await zones.uploadError.textContent()) ?? '', /features\[0\]\.geometry[\s\S]*Self-intersection/);
    await shot(page, 'zones');
    assert.equal(await zones.row('Khu tự cắt').count(), 0);

    await row.getByRole('button', { name: 'Dỡ bỏ' }).click();
    await row.getByText('Đã dỡ bỏ').waitFor();
  });

  test('a zone drawn on the map with mouse clicks is saved and is open data', async () => {
    const { page, errors } = await signedIn();
    const zones = new StaffZonesPage(page);
    await zones.open();
    await zones.startDrawing();
    const [a, b, c] = [[105.6, 9.75], [105.7, 9.75], [105.65, 9.83]] as const;
    await zones.tool('Khép vùng').waitFor();
    assert.equal(await zones.tool('Khép vùng').isDisabled(), true, 'nothing to close yet');

    // saving an open outline is refused before anything is sent
    await zones.clickMap(a[0], a[1]);
    await zones.save();
    await page.locator('[data-field-error="zone-geometry"]').waitFor();

    await zones.clickMap(b[0], b[1]);
    await zones.clickMap(105.9, 9.95); // a stray corner, taken back
    await zones.drawStatus.getByText('Đã đặt 3 đỉnh.').waitFor();
    await zones.tool('Bỏ đỉnh cuối').click();
    await zones.drawStatus.getByText('Đã đặt 2 đỉnh.').waitFor();
    await zones.clickMap(c[0], c[1], { double: true }); // the last corner, and close
    await zones.drawStatus.getByText('Đã khép vùng: 3 đỉnh.').waitFor();
    await shot(page, 'zone-drawn');

    const name = 'Khu cách ly vẽ tay E2E';
    const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' });
    await zones.fill({ kind: 'Khu cách ly y tế', name, unitCode: '31321', startsOn: today, decisionNumber: '45/QĐ-UBND', decisionDate: today, issuedBy: 'UBND thành phố Vị Thanh' });
    await zones.save();
    await zones.form.waitFor({ state: 'detached' });
    const row = zones.row(name);
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', /45\/QĐ-UBND/);

    const response = await fetch(`${suite.server.baseUrl}/api/v1/open/zones.geojson`);
    const { features } = (await response.json()) as { features: { geometry: { type: string; coordinates: number[][][][] }; properties: Record<string, unknown> }[] };
    const zone = features.find((f) => f.properties.name === name);
    assert.ok(zone, 'the drawn zone is in zones.geojson');
    assert.equal(zone.properties.kind, 'isolation');
    assert.equal(zone.geometry.type, 'MultiPolygon');
    const ring = zone.geometry.coordinates[0]?.[0] ?? [];
    assert.equal(ring.length, 4, `a closed triangle, got ${JSON.stringify(ring)}`);
    for (const corner of [a, b, c]) {
      assert.ok(ring.some(([lon = 0, lat = 0]) => Math.abs(lon - corner[0]) < 0.005 && Math.abs(lat - corner[1]) < 0.005), `corner ${corner.join(',')} in ${JSON.stringify(ring)}`);
    }
    assert.deepEqual(errors, []);
  });

  test('a day\'s figures are entered for a commune', async () => {
    const { page } = await signedIn();
    const figures = new StaffFiguresPage(page);
    await figures.open();
    await figures.enter({ unitCode: '31321', date: '2021-08-05', source: 'Báo cáo CDC Hậu Giang', numbers: { confirmedCommunity: '7', confirmedQuarantine: '2', deaths: '0' } });
    await figures.saved.waitFor();
    await figures.stored.waitFor();
    const response = await fetch(`${suite.server.baseUrl}/api/v1/stats/units/31321?from=2021-08-05&to=2021-08-05`);
    const { items } = (await response.json()) as { items: { date: string; confirmed: number; confirmedCommunity: number; deaths: number; source: string }[] };
    assert.equal(items.length, 1);
    const [day] = items;
    assert.ok(day);
    assert.equal(day.confirmedCommunity, 7);
    assert.equal(day.confirmed, 9);
    assert.equal(day.deaths, 0);
    // the demo's doses of that commune add the figures counted from dose records, with their own source
    assert.match(day.source, /^Báo cáo CDC Hậu Giang(; Vigil dose records)?$/);
  });

  test('an announcement written in Markdown is published and listed publicly, rendered, without the script', async () => {
    const { page, errors } = await signedIn();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const staff = new StaffAnnouncementsPage(page);
    await staff.open();
    await staff.startNew();
    const title = 'Thông báo E2E về giãn cách';
    await staff.fill({
      kind: 'Thông báo',
      title,
      issuingBody: 'Sở Y tế tỉnh Hậu Giang',
      number: '99/TB-SYT',
      date: '2021-08-06',
      body: '## Nội dung chính\n\nNgười dân **hạn chế** ra ngoài.\n\n- Đeo khẩu trang\n- Giữ khoảng cách\n\n<script>window.__pwned = true; alert("xss")</script>\n',
    });
    await staff.save();
    await staff.notice.waitFor();
    await staff.editor.getByRole('button', { name: 'Đăng', exact: true }).waitFor();
    await staff.publish();
    await staff.editor.getByRole('heading', { name: /Đã đăng/ }).waitFor();
    await staff.notice.getByText('Đã đăng.').waitFor(); // the message survives the editor's reload

    await page.goto('/announcements');
    await page.getByRole('link', { name: title }).click();
    const article = page.getByTestId('announcement');
    await article.waitFor();
    const body = article.locator('.announcement-body');
    await body.locator('h2', { hasText: 'Nội dung chính' }).waitFor();
    assert.equal(await body.locator('strong').textContent(), 'hạn chế');
    assert.equal(await body.locator('li').count(), 2);
    assert.equal(await body.locator('script').count(), 0);
    assert.doesNotMatch((await body.textContent()) ?? '', /__pwned|alert/);
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned), undefined);
    assert.deepEqual(dialogs, []);
    assert.deepEqual(errors, []);

    const list = (await (await fetch(`${suite.server.baseUrl}/api/v1/announcements`)).json()) as { items: { title: string; excerpt: string }[] };
    const listed = list.items.find((item) => item.title === title);
    assert.ok(listed, 'listed by the public API');
    assert.doesNotMatch(listed.excerpt, /__pwned|<script/);
  });

  test('the screens fit 360 px without sideways scrolling of the page', async () => {
    const { page } = await signedIn({ width: 360, height: 740 });
    for (const name of ['places', 'zones', 'figures', 'announcements']) {
      const url = `/staff/${name}`;
      await page.goto(url);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.waitForTimeout(300);
      if (name === 'places') await new StaffPlacesPage(page).startNew();
      if (name === 'announcements') await new StaffAnnouncementsPage(page).startNew();
      if (name === 'zones') await new StaffZonesPage(page).startDrawing();
      await shot(page, `${name}-360`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${url} scrolls sideways by ${overflow} px`);
    }
  });
});
