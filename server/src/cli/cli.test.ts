// The `vigil` command as a user runs it: a child process on an embedded database folder.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { openPgliteFromDump } from '../db/pglite.js';
import { preparePgliteTemplate } from '../testing/databases.js';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../../..');
const REAL_DISTRICTS = path.resolve(ROOT, '../shared/data/haugiang/haugiang-districts.geojson');

/** Runs `vigil` as a user would, on the embedded database in `dataDir`; never throws. */
function vigilIn(dataDir: string, env: Record<string, string> = {}) {
  return (...args: string[]) =>
    run(process.execPath, ['--import', 'tsx', 'server/src/cli/main.ts', ...args], { cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', VIGIL_ADMIN_PASSWORD: 'cli-admin-password', ...env } })
      .then(({ stdout, stderr }) => ({ code: 0, stdout, stderr }), (error: unknown) => { const failed = error as { code: number; stdout: string; stderr: string }; return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }; });
}

/** A fresh data folder holding the migrated template database (the unit tree, no other data). */
async function freshDataDir(prefix: string): Promise<string> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const db = await openPgliteFromDump(new Blob([fs.readFileSync(await preparePgliteTemplate())]), path.join(dataDir, 'pglite'));
  await db.close();
  return dataDir;
}

describe('vigil command (embedded database)', () => {
  let dataDir: string;
  const vigil = (...args: string[]) => vigilIn(dataDir)(...args);

  before(async () => {
    dataDir = await freshDataDir('vigil-cli-');
  });
  after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  test('migrate --json reports that the database is up to date', async () => {
    const { code, stdout } = await vigil('migrate', '--json');
    assert.equal(code, 0);
    assert.deepEqual(JSON.parse(stdout), { applied: [] });
  });

  test('import boundaries --json loads the real district boundaries', { skip: fs.existsSync(REAL_DISTRICTS) ? false : 'no ../shared/data/haugiang here' }, async () => {
    const { code, stdout } = await vigil('import', 'boundaries', REAL_DISTRICTS, '--json');
    assert.equal(code, 0);
    const result = JSON.parse(stdout);
    assert.equal(result.imported.length, 8);
    assert.deepEqual(result.unmatchedFeatures, []);
    assert.ok(result.unitsWithoutBoundary.length > 0);
  });

  test('a file that is not JSON fails with a clear message and exit code 2', async () => {
    const bad = path.join(dataDir, 'bad.geojson');
    fs.writeFileSync(bad, '{ not json');
    const result = await vigil('import', 'boundaries', bad, '--json');
    assert.equal(result.code, 2);
    assert.equal(JSON.parse(result.stdout).error.code, 'unprocessable');
    assert.match(result.stderr, /not valid JSON/);
  });

  test('an unknown command prints the usage and fails', async () => {
    const result = await vigil('frobnicate');
    assert.equal(result.code, 2);
    assert.match(result.stderr, /unknown command/);
  });
});

// The public map's data from files (cli/mapData.ts): the same checks as the staff import endpoints.
describe('vigil import places|zones|figures (embedded database)', () => {
  let dataDir: string;
  const vigil = (env: Record<string, string>, ...args: string[]) => vigilIn(dataDir, env)(...args);
  const file = (name: string, text: string) => {
    const target = path.join(dataDir, name);
    fs.writeFileSync(target, text);
    return target;
  };
  const PLACES_HEADER = 'code,kind,name,address,commune_code,lat,lon,opening_hours';
  const square = (lon: number, lat: number, size: number) => ({ type: 'Polygon', coordinates: [[[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]] });
  const zoneFeature = (properties: Record<string, unknown>, geometry: unknown = square(105.46, 9.77, 0.02)) => ({ type: 'Feature', properties: { kind: 'lockdown', name: 'Khu phong tỏa ấp 3', unitCode: '31321', startsOn: '2021-08-01', ...properties }, geometry });

  before(async () => {
    dataDir = await freshDataDir('vigil-cli-map-');
  });
  after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  test('import places --json writes every row; the same codes again update them', async () => {
    const csv = file('places.csv', `${PLACES_HEADER}\nCLI-P1,testing_site,Điểm xét nghiệm Phường III,1 Trần Hưng Đạo,31321,9.78,105.47,7:00–11:00\nCLI-P2,hospital,Bệnh viện Vị Thanh,,31318,9.79,105.455,\n`);
    const first = await vigil({}, 'import', 'places', csv, '--json');
    assert.equal(first.code, 0, first.stderr);
    assert.deepEqual({ ...JSON.parse(first.stdout), ids: undefined }, { status: 'done', created: 2, updated: 0, ids: undefined });
    const again = await vigil({}, 'import', 'places', csv);
    assert.equal(again.code, 0);
    assert.equal(again.stdout.trim(), 'places: 0 added, 2 updated');
  });

  test('import places with a bad row writes nothing and names each problem with its line and field (exit 2)', async () => {
    const csv = file('bad-places.csv', `${PLACES_HEADER}\nCLI-P3,testing_site,Điểm tốt,,31321,9.78,105.47,\nCLI-P4,spaceport,Sai loại,,31321,9.78,105.47,\nCLI-P5,hospital,Hà Nội,,31321,21.03,105.85,\n`);
    const failed = await vigil({}, 'import', 'places', csv, '--json');
    assert.equal(failed.code, 2);
    const result = JSON.parse(failed.stdout);
    assert.equal(result.status, 'failed');
    assert.deepEqual(Object.keys(result.problems).sort(), ['lines[3].kind', 'lines[4].lat', 'lines[4].lon']);
    assert.match(result.problems['lines[4].lat'], /lies outside Tỉnh Hậu Giang \(outside its bounding box lon 105\.2–106\.1/);
    const text = await vigil({}, 'import', 'places', csv);
    assert.equal(text.code, 2);
    assert.match(text.stdout, /nothing was imported: 3 problem\(s\)\n {2}lines\[3\]\.kind: /);
    // the good row of the failed file was not written: importing it alone creates it
    const alone = await vigil({}, 'import', 'places', file('good-place.csv', `${PLACES_HEADER}\nCLI-P3,testing_site,Điểm tốt,,31321,9.78,105.47,\n`), '--json');
    assert.equal(JSON.parse(alone.stdout).created, 1);
  });

  test('VIGIL_PROVINCE_BBOX is the box positions are checked against while no boundary is imported', async () => {
    const csv = file('north.csv', `${PLACES_HEADER}\nCLI-P6,checkpoint,Chốt phía bắc,,31321,10.3,105.5,\n`);
    assert.equal((await vigil({}, 'import', 'places', csv, '--json')).code, 2);
    const wider = await vigil({ VIGIL_PROVINCE_BBOX: '105.2,9.5,106.1,10.5' }, 'import', 'places', csv, '--json');
    assert.equal(wider.code, 0, wider.stdout);
    const bad = await vigil({ VIGIL_PROVINCE_BBOX: '106.1,9.5,105.2,10.1' }, 'import', 'places', csv);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /VIGIL_PROVINCE_BBOX must be west less than east/);
  });

  test('import zones --json creates a zone per feature; a bad feature names its field and nothing is written', async () => {
    const good = file('zones.geojson', JSON.stringify({ type: 'FeatureCollection', features: [zoneFeature({ decision: { number: '12/QĐ-UBND', date: '2021-07-31', issuedBy: 'UBND thành phố Vị Thanh' } })] }));
    const created = await vigil({}, 'import', 'zones', good, '--json');
    assert.equal(created.code, 0, created.stdout);
    assert.equal(JSON.parse(created.stdout).created, 1);
    const bowtie = { type: 'Polygon', coordinates: [[[105.46, 9.77], [105.48, 9.79], [105.48, 9.77], [105.46, 9.79], [105.46, 9.77]]] };
    const bad = file('bad-zones.geojson', JSON.stringify({ type: 'FeatureCollection', features: [zoneFeature({ name: 'Khu tốt' }), zoneFeature({ startsOn: '2021-08-10', endsOn: '2021-08-01' }, bowtie)] }));
    const failed = await vigil({}, 'import', 'zones', bad, '--json');
    assert.equal(failed.code, 2);
    const { problems } = JSON.parse(failed.stdout);
    assert.match(problems['features[1].properties.endsOn'], /is before startsOn/);
    assert.match(problems['features[1].geometry'], /not a valid Polygon/);
    assert.deepEqual(Object.keys(problems).filter((field) => field.startsWith('features[0]')), []);
  });

  test('import zones of a file that is not a FeatureCollection fails with the fields it lacks', async () => {
    const failed = await vigil({}, 'import', 'zones', file('feature.geojson', JSON.stringify(zoneFeature({}))), '--json');
    assert.equal(failed.code, 2);
    assert.equal(JSON.parse(failed.stdout).problems.features, 'is required');
  });

  test('import figures saves every row or, with an unknown unit, none (the line and field named)', async () => {
    const header = 'unit_code,date,confirmed_community,confirmed_quarantine,deaths,source,as_of';
    const good = file('figures.csv', `${header}\n31321,2021-08-01,3,1,0,Báo cáo Sở Y tế,2021-08-01T17:00:00+07:00\n31321,2021-08-02,5,0,1,Báo cáo Sở Y tế,2021-08-02T17:00:00+07:00\n`);
    const saved = await vigil({}, 'import', 'figures', good);
    assert.equal(saved.code, 0, saved.stderr);
    assert.equal(saved.stdout.trim(), 'figures: 2 saved for 1 unit(s) (2021-08-01 to 2021-08-02)');
    const bad = file('bad-figures.csv', `${header}\n31321,2021-08-03,2,0,0,Báo cáo,2021-08-03T17:00:00+07:00\n99999,2021-08-03,1,0,0,Báo cáo,2021-08-03T17:00:00+07:00\n`);
    const failed = await vigil({}, 'import', 'figures', bad, '--json');
    assert.equal(failed.code, 2);
    assert.deepEqual(JSON.parse(failed.stdout).problems, { 'lines[3].unitCode': 'unknown unit code 99999' });
  });
});
