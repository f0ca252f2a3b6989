// Browser tests of the transmission chain in the staff app (issue #6): the graph (nodes by kind, edges
// labelled, the cluster marked, each node opening its record by mouse and by keyboard) and the same chain
// on the map (venues, nodes and lines through the venues). Commune 31321 gets a boundary before the
// server starts, so that cases have a place on the map as in a province with imported boundaries.
//   node scripts/run-tests.mjs web/e2e/tracing-chain.test.ts   (VIGIL_SHOTS=/tmp keeps screenshots)
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, afterEach, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { apiLogin, buildPerson, type ApiPerson, staffApi } from './api';
import { launchBrowser, newPage } from './browser';
import { CasePage } from './pages/CasePage';
import { LoginPage } from './pages/LoginPage';
import { repoRoot, startServer, type RunningServer } from './server';

const SHOTS = process.env.VIGIL_SHOTS;
const MINUTE = 60_000;
const REASON = 'e2e: xem chuỗi lây nhiễm';
const run = promisify(execFile);
/** The import opens a fresh database (its migrations); startServer then waits up to 120 s for the server. */
const IMPORT_TIMEOUT_MS = 150_000;
const ago = (minutes: number) => new Date(Date.now() - minutes * MINUTE).toISOString();
/** Phường III (Vị Thanh): a boundary around the venues below, its inside point away from them. */
const COMMUNE = '31321';
const BOUNDARY = { type: 'Polygon', coordinates: [[[105.40, 9.70], [105.50, 9.70], [105.50, 9.80], [105.40, 9.80], [105.40, 9.70]]] };

/** `vigil import boundaries` into the server's fresh database, before it starts. */
async function importBoundary(env: NodeJS.ProcessEnv): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'vigil-boundary-'));
  try {
    const file = path.join(dir, 'boundary.geojson');
    writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: COMMUNE }, geometry: BOUNDARY }] }));
    await run(process.execPath, ['--import', 'tsx', 'server/src/cli/main.ts', 'import', 'boundaries', file], { cwd: repoRoot, env, timeout: IMPORT_TIMEOUT_MS });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('transmission chain: graph and map', () => {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let token = '';
  const contexts: BrowserContext[] = [];
  const baseUrl = () => server!.baseUrl;
  const api = staffApi(() => ({ baseUrl: baseUrl(), token }));

  before(async () => {
    assert.ok(existsSync(path.join(repoRoot, 'web/dist/index.html')), 'build the web app first: npm run build -w web');
    server = await startServer({ prepare: importBoundary });
    browser = await launchBrowser();
    token = await apiLogin(server.baseUrl, server.adminPassword);
  }, { timeout: IMPORT_TIMEOUT_MS + 180_000 }); // longer than the import and startServer's own limits: nothing is left running
  afterEach(async () => {
    await Promise.allSettled(contexts.splice(0).map((context) => context.close()));
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  const person = (fullName: string) => buildPerson(baseUrl(), token, { fullName, communeCode: COMMUNE });
  const venue = async (name: string, lat: number, lon: number) =>
    (await api<{ id: string }>('POST', '/api/v1/venues', { name, kind: 'market', communeCode: COMMUNE, location: { lat, lon } })).id;
  const checkIn = (p: ApiPerson, venueId: string, minutesAgo: number) =>
    api('POST', '/api/v1/checkins', { id: randomUUID(), venueId, personId: p.id, checkedInAt: ago(minutesAgo) });
  const recordCase = async (p: ApiPerson) => (await api<{ id: string }>('POST', '/api/v1/cases', { personId: p.id, confirmedAt: ago(1), source: 'community' })).id;
  const contactOf = async (caseId: string, personId: string) =>
    (await api<{ items: { id: string; personId: string }[] }>('GET', `/api/v1/cases/${caseId}/contacts?reason=e2e`)).items.find((c) => c.personId === personId)!.id;

  /**
   * A → B: A met x at a market (place and time) and named b, who became case B. The chain page of A
   * opened with a reading reason.
   */
  async function chainOfTwo(names: { a: string; x: string; b: string; market: string }) {
    const market = await venue(names.market, 9.79, 105.48);
    const [a, x, b] = [await person(names.a), await person(names.x), await person(names.b)];
    await checkIn(a, market, 60);
    await checkIn(x, market, 45);
    const A = await recordCase(a);
    await api('POST', `/api/v1/cases/${A}/contacts/propose`, { reason: REASON });
    const named = await api<{ id: string }>('POST', `/api/v1/cases/${A}/contacts`, { personId: b.id, foundBy: 'named', lastExposureAt: ago(30) });
    await api('POST', `/api/v1/cases/${A}/contacts/actions`, { contactIds: [named.id], action: 'confirm' });
    const B = await recordCase(b);
    await api('POST', `/api/v1/contacts/${named.id}/end-follow-up`, { outcome: 'became_case', caseId: B });
    return { A, B, xContact: await contactOf(A, x.id), market };
  }

  async function chainPage(caseId: string, viewport?: { width: number; height: number }): Promise<Page> {
    const { context, page } = await newPage(browser!, baseUrl(), viewport);
    contexts.push(context);
    await new LoginPage(page).signIn('admin', server!.adminPassword);
    const casePage = new CasePage(page);
    await casePage.open(caseId);
    await casePage.giveReadReason(REASON);
    await page.getByTestId('chain-open').click();
    await page.getByTestId('chain-graph-node').first().waitFor();
    return page;
  }

  const shot = async (page: Page, name: string) => {
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `tracing-chain-${name}.png`), fullPage: true });
  };
  const xOf = async (page: Page, id: string) => {
    const transform = await page.locator(`[data-testid="chain-graph-node"][data-id="${id}"]`).getAttribute('transform');
    return Number(/translate\(([-\d.]+)/.exec(transform ?? '')?.[1]);
  };

  test('the graph: nodes by kind, edges labelled by how and where, the cluster marked, time running left to right', async () => {
    const { A, B, xContact } = await chainOfTwo({ a: 'Phùng Văn Đầu', x: 'Khúc Thị Gặp', b: 'Âu Văn Sau', market: 'Chợ Long Mỹ' });
    const page = await chainPage(A);
    const nodes = page.getByTestId('chain-graph-node');
    assert.equal(await nodes.count(), 3);
    const look = (id: string) => page.locator(`[data-testid="chain-graph-node"][data-id="${id}"]`).getAttribute('data-look');
    assert.deepEqual([await look(A), await look(B), await look(xContact)], ['case', 'case', 'F1']);
    assert.match(await page.locator(`[data-id="${A}"]`).getAttribute('aria-label') ?? '', /^Phùng Văn Đầu, Ca bệnh, Đang điều trị, \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    assert.equal(await page.locator(`[data-id="${A}"]`).getAttribute('aria-current'), 'true', 'this case is marked');
    const edge = (to: string) => page.locator(`[data-testid="chain-graph-edge"][data-to="${to}"]`);
    assert.equal(await edge(B).getAttribute('data-how'), 'named');
    assert.match(await edge(B).textContent() ?? '', /^Ca bệnh khai báo · \d{2}\/\d{2} \d{2}:\d{2}$/);
    assert.equal(await edge(xContact).getAttribute('data-how'), 'place_time');
    assert.match(await edge(xContact).textContent() ?? '', /^Chợ Long Mỹ · \d{2}\/\d{2} \d{2}:\d{2}$/);
    const clusters = page.getByTestId('chain-cluster');
    assert.equal(await clusters.count(), 1);
    assert.equal(await clusters.first().getAttribute('data-cluster'), A, 'the cluster is named by its earliest case');
    assert.match(await clusters.first().textContent() ?? '', /Cụm lây nhiễm 1 · 2 ca bệnh/);
    assert.ok((await xOf(page, B)) > (await xOf(page, A)), 'B, infected by A, is drawn to its right');
    assert.match(await page.locator('.chain-legend').innerText(), /Ca bệnh[\s\S]*F1[\s\S]*F2[\s\S]*Cùng địa điểm, thời gian[\s\S]*Cùng hộ gia đình/);
    await shot(page, '01-graph');
  });

  test('a graph node opens its record: a contact by click, a case by Tab and Enter', async () => {
    const { A, B, xContact } = await chainOfTwo({ a: 'Lạc Văn Một', x: 'Nông Thị Hai', b: 'Mạnh Văn Ba', market: 'Chợ Hỏa Tiến' });
    const page = await chainPage(A);
    await page.locator(`[data-testid="chain-graph-node"][data-id="${xContact}"]`).click();
    await page.getByRole('heading', { level: 1, name: 'Người tiếp xúc F1: Nông Thị Hai' }).waitFor();
    assert.ok(page.url().endsWith(`/staff/cases/${A}?contact=${xContact}`));

    await page.goBack();
    await page.getByTestId('chain-open').click();
    const caseB = page.getByRole('link', { name: /^Mạnh Văn Ba, Ca bệnh/ });
    await caseB.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Ca bệnh: Mạnh Văn Ba' }).waitFor();
    assert.ok(page.url().endsWith(`/staff/cases/${B}`));
  });

  test('the chain on the map draws the venues, the people at them and the lines through them', async () => {
    const { A, xContact, market } = await chainOfTwo({ a: 'Mẫn Văn Bản', x: 'Tòng Thị Đồ', b: 'Sầm Văn Đường', market: 'Chợ Vị Tân' });
    const page = await chainPage(A);
    await page.getByTestId('chain-map-open').click();
    await page.locator('[data-testid="chain-map"][data-drawn]').waitFor();
    assert.equal(await page.getByTestId('map-svg').count(), 1, 'on the staff map\'s SVG map');
    const venues = page.getByTestId('chain-map-venue');
    assert.equal(await venues.count(), 1);
    assert.equal(await venues.first().getAttribute('data-venue'), market);
    assert.equal(await venues.first().getAttribute('aria-label'), 'Địa điểm tiếp xúc: Chợ Vị Tân');
    const node = (id: string) => page.locator(`[data-testid="chain-map-node"][data-id="${id}"]`);
    assert.equal(await page.getByTestId('chain-map-node').count(), 3, 'both cases at their commune, the contact at the venue');
    // positions in the overlay's pixels, as drawn
    const at = async (locator: Locator) => {
      const [x, y] = /translate\(([-\d.]+) ([-\d.]+)\)/.exec((await locator.getAttribute('transform')) ?? '')!.slice(1).map(Number);
      return { x: x!, y: y! };
    };
    const apart = (a: { x: number; y: number }, b: { x: number; y: number }) => Math.hypot(a.x - b.x, a.y - b.y);
    const venueAt = await at(venues.first());
    assert.ok(apart(await at(node(xContact)), venueAt) <= 16, 'the contact is drawn at its venue');
    // the case sits at its commune's inside point, the contact at the venue: the line runs from one to the other
    // (the named edge A → B joins two cases of one commune: one point, nothing to draw)
    const line = page.locator('[data-testid="chain-map-edge"][data-how="place_time"]');
    assert.equal(await line.count(), 1);
    const [start, ...rest] = ((await line.getAttribute('points')) ?? '').split(' ').map((p) => p.split(',').map(Number)).map(([x, y]) => ({ x: x!, y: y! }));
    assert.ok(apart(rest.at(-1)!, venueAt) < 1, 'the line ends at the venue');
    assert.ok(apart(start!, await at(node(A))) <= 16, 'and starts at the case');
    assert.ok(apart(start!, venueAt) > 50, 'the commune\'s point is away from the venue');
    assert.equal(await page.getByTestId('chain-map-unplaced').count(), 0, 'every node has a place');
    await shot(page, '02-map');
    await node(xContact).click();
    await page.getByRole('heading', { level: 1, name: 'Người tiếp xúc F1: Tòng Thị Đồ' }).waitFor();
  });

  test('on a 360 px phone the graph and the map scroll inside their frames, not the page', async () => {
    const { A } = await chainOfTwo({ a: 'Lữ Văn Nhỏ', x: 'Kiều Thị Gọn', b: 'Tăng Văn Vừa', market: 'Chợ Cầu Đúc' });
    const page = await chainPage(A, { width: 360, height: 740 });
    await page.getByTestId('chain-map-open').click();
    await page.locator('[data-testid="chain-map"][data-drawn]').waitFor();
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360), 'nothing wider than the screen');
    const frame = await page.getByTestId('chain-graph').evaluate((element) => ({ scroll: element.scrollWidth, width: element.clientWidth }));
    assert.ok(frame.scroll > frame.width, 'the graph is wider than the phone: its frame scrolls');
    await shot(page, '03-phone');
  });
});
