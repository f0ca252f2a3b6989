// The public map's weight and speed: JS+CSS shipped (gzipped) and the time to a drawn map in headless
// Chromium on a throttled network (DevTools' "Slow 4G": 562.5 ms latency, 1.44 Mbit/s down, 675 kbit/s up)
// with a 4× CPU slowdown. Each run is a fresh browser context (cold: no HTTP cache, no service worker).
// Two times per run, from navigation start: the first map drawn (the SVG map with the level colours and
// the places) and the interactive MapLibre map drawn with its data.
//   npm run build -w web && node --import tsx bench/public-map.ts [--runs 3] [--url http://127.0.0.1:8080] [--waterfall] [--boundaries]
// Without --url it starts the real server (VIGIL_DEMO=1, fresh data folder) with 60 places and a
// published level for district 930. VIGIL_WEB_DIST serves and measures another build than web/dist.
// --waterfall prints each request of the first run (start and end, ms) to stderr.
// --boundaries imports Hậu Giang's real district boundaries first (from ../shared/data/haugiang, not
// shipped), so levels.geojson carries their polygons, as in a deployment.
// Prints one JSON document; the target is a drawn map in under 3 s.
import fs from 'node:fs';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { parseArgs, promisify } from 'node:util';
import zlib from 'node:zlib';
import { apiLogin } from '../web/e2e/api.js';
import { launchBrowser } from '../web/e2e/browser.js';
import { buildPlace, publishDistrictLevels } from '../web/e2e/map-api.js';
import { repoRoot, startServer, type RunningServer } from '../web/e2e/server.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, url: { type: 'string' }, waterfall: { type: 'boolean', default: false }, boundaries: { type: 'boolean', default: false } } });
const runs = Math.max(1, Math.min(Number(values.runs), 10));
const dist = process.env.VIGIL_WEB_DIST ? path.resolve(process.env.VIGIL_WEB_DIST) : path.join(repoRoot, 'web/dist');
if (!fs.existsSync(path.join(dist, 'index.html'))) throw new Error('build the web app first: npm run build -w web');

const gzipBytes = (file: string) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
const isCode = (name: string) => /\.(js|mjs|css)$/.test(name);

function distTotals() {
  const files = fs.readdirSync(path.join(dist, 'assets')).filter(isCode);
  const sum = (names: string[]) => names.reduce((total, name) => total + gzipBytes(path.join(dist, 'assets', name)), 0);
  return { files: files.length, gzipBytes: sum(files) };
}

const DISTRICTS = path.resolve(repoRoot, '../shared/data/haugiang/haugiang-districts.geojson');
if (values.boundaries && !fs.existsSync(DISTRICTS)) throw new Error(`--boundaries needs ${DISTRICTS}`);
/** `vigil import boundaries` into the fresh database, before the server opens it. */
const importDistricts = async (env: NodeJS.ProcessEnv) => {
  await promisify(execFile)(process.execPath, ['--import', 'tsx', 'server/src/cli/main.ts', 'import', 'boundaries', DISTRICTS, '--json'], { cwd: repoRoot, env });
};

let server: RunningServer | null = null;
let baseUrl = values.url;
let placesSeeded = 0;
if (!baseUrl) {
  server = await startServer(values.boundaries ? { prepare: importDistricts } : {});
  baseUrl = server.baseUrl;
  const token = await apiLogin(baseUrl, server.adminPassword);
  const kinds = ['testing_site', 'vaccination_site', 'quarantine_facility', 'hospital', 'health_centre', 'checkpoint'];
  for (let i = 0; i < 60; i++) {
    const place = { kind: kinds[i % kinds.length], name: `Điểm ${i}`, lat: 9.6 + (i % 10) * 0.04, lon: 105.35 + Math.floor(i / 10) * 0.1 };
    // with real boundaries a few grid points fall outside the province and are refused: counted, not fatal
    placesSeeded += await buildPlace(baseUrl, token, place).then(() => 1, (error: unknown) => (values.boundaries ? 0 : Promise.reject(error as Error)));
  }
  await publishDistrictLevels(baseUrl, token, '930', ['31321']);
}

const browser = await launchBrowser();
const results: { firstMs: number; drawnMs: number; requests: number; codeGzipBytes: number; transferBytes: number; codeFiles: string[] }[] = [];
try {
  for (let run = 0; run < runs; run++) {
    const context = await browser.newContext({ viewport: { width: 412, height: 823 }, locale: 'vi-VN', serviceWorkers: 'block' });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 562.5, downloadThroughput: (1.6 * 1024 * 1024 * 0.9) / 8, uploadThroughput: (750 * 1024 * 0.9) / 8 });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    let transferBytes = 0;
    cdp.on('Network.loadingFinished', (event: { encodedDataLength: number }) => {
      transferBytes += event.encodedDataLength;
    });
    const urls: string[] = [];
    const bodies = new Map<string, Promise<number>>(); // what the page received, gzipped here (dist may be rebuilt meanwhile)
    page.on('request', (request) => urls.push(new URL(request.url()).pathname));
    page.on('pageerror', (error) => console.error('page error:', error.message));
    page.on('requestfailed', (request) => console.error('request failed:', request.url(), request.failure()?.errorText));
    page.on('response', (response) => {
      if (response.status() >= 400) console.error('HTTP', response.status(), response.url());
    });
    page.on('response', (response) => {
      const url = new URL(response.url()).pathname;
      if (url.startsWith('/assets/') && isCode(url)) bodies.set(url, response.body().then((body) => (body.length ? zlib.gzipSync(body, { level: 9 }).length : 0), () => 0));
    });
    await page.goto(`${baseUrl}/`, { waitUntil: 'commit' });
    await page.locator('[data-testid="map"][data-drawn-at]').waitFor({ timeout: 60_000 });
    const drawnMs = Number(await page.getAttribute('[data-testid="map"]', 'data-drawn-at'));
    // the SVG map is gone once MapLibre has taken over: it left its time on the stage
    // (none in a build from before the SVG map: then it counts as MapLibre's)
    const firstMs = Number((await page.getAttribute('[data-testid="map-stage"]', 'data-first-drawn-at', { timeout: 1_000 }).catch(() => null)) ?? drawnMs);
    if (values.waterfall && run === 0) {
      type Timing = { name: string; startTime: number; responseEnd: number; encodedBodySize: number };
      const entries = await page.evaluate(() => {
        const origin = (globalThis as unknown as { location: { origin: string } }).location.origin;
        return (performance.getEntriesByType('resource') as unknown as Timing[]).map(
          (timing) => `${Math.round(timing.startTime)}\t${Math.round(timing.responseEnd)}\t${timing.encodedBodySize}\t${timing.name.replace(origin, '')}`,
        );
      });
      console.error(['start\tend\tbytes\turl', ...entries, `first map drawn ${firstMs}, MapLibre drawn ${drawnMs}`].join('\n'));
    }
    const codeFiles = [...new Set(urls.filter((url) => url.startsWith('/assets/') && isCode(url)))];
    // a body the page no longer holds (a worker's script, a closed stream) is measured from the build
    const fromDist = (url: string) => (fs.existsSync(path.join(dist, url)) ? gzipBytes(path.join(dist, url)) : 0);
    const sizes = await Promise.all(codeFiles.map(async (url) => (await (bodies.get(url) ?? Promise.resolve(0))) || fromDist(url)));
    const codeGzipBytes = sizes.reduce((a, b) => a + b, 0);
    results.push({ firstMs, drawnMs, requests: urls.length, codeGzipBytes, transferBytes, codeFiles });
    await context.close();
  }
} finally {
  await browser.close();
  await server?.stop();
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const first = results[0];
const firstMedian = median(results.map((r) => r.firstMs));
console.log(JSON.stringify({
  benchmark: 'public-map',
  conditions: { network: 'Slow 4G (562.5 ms RTT, 1.44 Mbit/s down)', cpuSlowdown: 4, viewport: '412x823', cold: true, boundaries: values.boundaries ? 'Hậu Giang districts imported' : 'none (approximate areas)', placesSeeded },
  distAllCode: distTotals(),
  publicPage: { codeFiles: first?.codeFiles.length, codeGzipBytes: first?.codeGzipBytes, transferBytes: first?.transferBytes, requests: first?.requests, files: first?.codeFiles },
  timeToFirstMapMs: { what: 'SVG map with level colours and places', runs: results.map((r) => r.firstMs), median: firstMedian },
  timeToMapLibreMs: { what: 'interactive MapLibre map with its data', runs: results.map((r) => r.drawnMs), median: median(results.map((r) => r.drawnMs)) },
  targetMs: 3000,
  meetsTarget: { firstMap: firstMedian < 3000, mapLibre: median(results.map((r) => r.drawnMs)) < 3000 },
}, null, 2));
