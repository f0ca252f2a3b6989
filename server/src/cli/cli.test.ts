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

describe('vigil command (embedded database)', () => {
  let dataDir: string;
  const vigil = (...args: string[]) =>
    run(process.execPath, ['--import', 'tsx', 'server/src/cli/main.ts', ...args], { cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', VIGIL_ADMIN_PASSWORD: 'cli-admin-password' } })
      .then(({ stdout, stderr }) => ({ code: 0, stdout, stderr }), (error: unknown) => { const failed = error as { code: number; stdout: string; stderr: string }; return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }; });

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-cli-'));
    const db = await openPgliteFromDump(new Blob([fs.readFileSync(await preparePgliteTemplate())]), path.join(dataDir, 'pglite'));
    await db.close();
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
