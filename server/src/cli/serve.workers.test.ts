// `vigil serve` with VIGIL_WORKERS=2 on PostgreSQL, as an operator runs it: a primary and two
// workers sharing the port; an event published through one worker reaches the streams of both;
// a worker that dies is forked again; SIGTERM stops them all.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ConfigError, loadConfig } from '../config.js';
import { engines, type TestDatabase, testDatabase } from '../testing/databases.js';
import { childrenOf, freePort } from '../testing/processes.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const ADMIN_PASSWORD = 'workers-admin-password';



async function eventually<T>(get: () => Promise<T | undefined> | T | undefined, what: string, ms = 30_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await get();
    if (value !== undefined) return value;
    if (Date.now() > until) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** An open event stream and everything it received so far. */
async function openStream(url: string) {
  const abort = new AbortController();
  const response = await fetch(`${url}/api/v1/events`, { signal: abort.signal });
  const stream = { text: '', close: () => abort.abort() };
  const reader = response.body!.getReader();
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      stream.text += new TextDecoder().decode(value);
    }
  })();
  await eventually(() => (stream.text.includes(': connected') ? true : undefined), 'the stream to open');
  return stream;
}

const postgres = engines().includes('postgres');

describe('VIGIL_WORKERS', () => {
  test('one process by default; more than one needs PostgreSQL; a bad count is refused by name', () => {
    assert.equal(loadConfig({}).workers, 1);
    assert.equal(loadConfig({ VIGIL_WORKERS: '4', DATABASE_URL: 'postgres://localhost/vigil' }).workers, 4);
    assert.throws(() => loadConfig({ VIGIL_WORKERS: '2' }), (error: unknown) => error instanceof ConfigError && /VIGIL_WORKERS.*DATABASE_URL/.test(error.message));
    for (const bad of ['0', 'two', '65']) assert.throws(() => loadConfig({ VIGIL_WORKERS: bad, DATABASE_URL: 'postgres://localhost/vigil' }), /VIGIL_WORKERS/);
  });
});

describe('vigil serve with two workers (postgres)', { skip: postgres ? false : 'needs DATABASE_URL (PostgreSQL)' }, () => {
  let database: TestDatabase;
  let primary: ChildProcess;
  let url: string;
  let output = '';

  before(async () => {
    database = await testDatabase('postgres');
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    primary = spawn(process.execPath, ['--import', 'tsx', 'server/src/cli/main.ts', 'serve'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: database.url, VIGIL_WORKERS: '2', PORT: String(port), HOST: '127.0.0.1', VIGIL_ADMIN_PASSWORD: ADMIN_PASSWORD, VIGIL_LOG_LEVEL: 'warn', VIGIL_WEB_DIST: '/nonexistent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    primary.stdout!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    primary.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    await eventually(() => (output.includes('2 workers') ? true : undefined), `the primary to report its workers (output: ${output})`, 60_000);
  });
  after(async () => {
    if (primary.exitCode === null) primary.kill('SIGKILL');
    await database.drop();
  });

  test('two workers serve the port; an event published through either reaches every stream', async () => {
    assert.equal(childrenOf(primary.pid!).length, 2);
    // Connections go round the workers: four streams are spread over both.
    const streams = [];
    for (let i = 0; i < 4; i++) streams.push(await openStream(url));
    const login = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }) });
    const { token } = await login.json() as { token: string };
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const draft = await (await fetch(`${url}/api/v1/announcements`, { method: 'POST', headers, body: JSON.stringify({ kind: 'notice', title: 'Thông báo thử', bodyMarkdown: 'Nội dung', issuingBody: 'Sở Y tế Hậu Giang', unitCode: '93' }) })).json() as { id: string };
    assert.equal((await fetch(`${url}/api/v1/announcements/${draft.id}/publish`, { method: 'POST', headers: { authorization: headers.authorization } })).status, 200);
    for (const stream of streams) {
      await eventually(() => (stream.text.includes(draft.id) ? true : undefined), 'the event on every stream', 10_000);
      stream.close();
    }
    const ids = streams.map((stream) => /id: (\d+)\nevent: announcements.published/.exec(stream.text)?.[1]);
    assert.equal(new Set(ids).size, 1, `one id everywhere: ${ids.join(', ')}`);
  });

  test('a worker that dies is forked again and the port keeps answering', async () => {
    const [victim] = childrenOf(primary.pid!);
    process.kill(victim!, 'SIGKILL');
    await eventually(() => {
      const now = childrenOf(primary.pid!);
      return now.length === 2 && !now.includes(victim!) ? now : undefined;
    }, 'a new worker');
    for (let i = 0; i < 4; i++) assert.equal((await fetch(`${url}/api/health`)).status, 200);
    assert.match(output, /worker \d stopped .*SIGKILL.*starting it again/);
  });

  test('SIGTERM to the primary stops every worker and exits 0', async () => {
    const workers = childrenOf(primary.pid!);
    const exited = new Promise<number | null>((resolve) => primary.once('exit', (code) => resolve(code)));
    primary.kill('SIGTERM');
    assert.equal(await exited, 0);
    for (const pid of workers) assert.throws(() => process.kill(pid, 0), 'the worker is gone');
  });
});
