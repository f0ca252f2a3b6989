// Single check-ins over HTTP on PostgreSQL: Vigil's real server (`vigil serve` in a process of
// its own, on a fresh database from the tests' template holding a generated presence data set)
// against a bare Fastify endpoint (same body schema, TypeBox-validated, answers 201 without a
// database), also in a process of its own. autocannon drives both from this process with the
// same connections and duration; every request carries a new check-in (unique id, a real venue
// and person of the data set, yesterday's time). Runs alternate bare, Vigil, bare, Vigil …
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node --import tsx bench/checkins-http.ts \
//     [--seconds 10] [--connections 20] [--runs 3] [--preload 100000] [--log-level info] [--workers 1] [--bare-workers 1]
// --log-level is Vigil's VIGIL_LOG_LEVEL (default: its own default, info, as deployed; the log
// goes to /dev/null); --workers is its VIGIL_WORKERS and --bare-workers the bare endpoint's processes (server CPU counts a
// primary and its workers); --cpu-prof-dir DIR writes a CPU profile of Vigil's process there. Prints one JSON document: per run and median requests/s and p99 latency
// of both, and the ratio of the medians (target: Vigil ≥ 0.5 × bare).
import { type ChildProcess, spawn } from 'node:child_process';
import cluster from 'node:cluster';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import ajvFormats from 'ajv-formats';
import type { Plugin } from 'ajv';
import { CheckinItem, IngestResult } from '../server/src/modules/checkins/schema.js';
import { createTokenSigner } from '../server/src/platform/tokens.js';
import { median, newCheckins, presenceFixture, staffActor, toItem } from './presence/fixture.js';
import { childrenOf, freePort, procStat } from '../server/src/testing/processes.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' }, connections: { type: 'string', default: '20' }, runs: { type: 'string', default: '3' },
    preload: { type: 'string', default: '100000' }, 'log-level': { type: 'string' }, 'bare-server': { type: 'boolean', default: false },
    workers: { type: 'string', default: '1' }, 'bare-workers': { type: 'string', default: '1' },
    'cpu-prof-dir': { type: 'string' },
  },
});

/** The bare endpoint: Fastify as Vigil configures it (Ajv with formats), the same body and response schemas, no database; with --bare-workers N, N processes sharing the port as Vigil's workers do. */
async function bareServer(workers: number) {
  if (workers > 1 && cluster.isPrimary) {
    for (let i = 0; i < workers; i++) cluster.fork();
    const port = await new Promise<number>((resolve) => cluster.once('listening', (_worker, address) => resolve(address.port)));
    process.stdout.write(`listening http://127.0.0.1:${port}\n`);
    return;
  }
  process.on('disconnect', () => process.exit(0)); // a worker ends with its primary
  const app = Fastify({
    logger: false,
    ajv: { customOptions: { allErrors: true, coerceTypes: true, useDefaults: true, removeAdditional: false }, plugins: [ajvFormats as unknown as Plugin<unknown>] },
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.post('/api/v1/checkins', { schema: { body: CheckinItem, response: { 201: IngestResult } } }, (request, reply) => {
    reply.status(201);
    return { accepted: 1, repeats: 0, checkedOut: 0, ids: [request.body.id] };
  });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  if (cluster.isPrimary) process.stdout.write(`listening ${address}\n`);
}

/** CPU time (user + system, ms) a process has used so far, from /proc (Linux, 100 ticks a second). */
function cpuMsOf(pid: number): number {
  const fields = procStat(pid);
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** CPU time (ms) of a process and its children (Vigil's primary and its workers). */
function treeCpuMs(pid: number): number {
  return childrenOf(pid).reduce((total, child) => {
    try {
      return total + cpuMsOf(child);
    } catch {
      return total; // the process ended meanwhile
    }
  }, cpuMsOf(pid));
}

/** CPU time so far of each PostgreSQL server process on this machine (backends, WAL writer, checkpointer …), by pid. */
function postgresCpuMs(): Map<number, number> {
  const byPid = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres') byPid.set(Number(entry), cpuMsOf(Number(entry)));
    } catch { /* the process ended meanwhile */ }
  }
  return byPid;
}

/** CPU PostgreSQL used between two readings: processes that ended meanwhile are left out (their last figure is unknown). */
function postgresCpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}


async function waitForHealth(url: string, child: ChildProcess) {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    const ok = await fetch(`${url}/api/health`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no answer from ${url}/api/health`);
}

async function startVigil(databaseUrl: string, logLevel: string | undefined, profileDir: string | undefined, workers: number) {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', VIGIL_WORKERS: String(workers) };
  if (logLevel) env.VIGIL_LOG_LEVEL = logLevel;
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profileDir)}`] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', 'server/src/cli/main.ts', 'serve'], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, child);
  return { url, child };
}

async function startBare(workers: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--bare-server', '--bare-workers', String(workers)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text: string) => {
      const match = /listening (\S+)/.exec(text);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the bare server exited with ${code}`)));
  });
  return { url, child };
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

async function main() {
  if (!process.env.DATABASE_URL) throw new Error('set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test): this benchmark runs on PostgreSQL');
  const seconds = Number(values.seconds);
  const connections = Number(values.connections);
  const runs = Number(values.runs);
  const fixture = await presenceFixture('postgres', Number(values.preload));
  const servers: ChildProcess[] = [];
  try {
    const actor = await staffActor(fixture.db);
    const token = await (await createTokenSigner(fixture.db, 24 * 3600)).sign(actor.userId);
    const items = newCheckins(fixture);
    const nextBody = () => JSON.stringify(toItem(items.next().value));
    const vigil = await startVigil(fixture.url!, values['log-level'], values['cpu-prof-dir'], Number(values.workers));
    const bare = await startBare(Number(values['bare-workers']));
    servers.push(vigil.child, bare.child);

    const load = (url: string, duration: number) => autocannon({
      url: `${url}/api/v1/checkins`, connections, duration,
      requests: [{
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        setupRequest: (request) => ({ ...request, body: nextBody() }),
      }],
    });
    const figures = (result: autocannon.Result, cpu: { server: number; postgres: number }) => ({
      requestsPerSecond: Math.round(result.requests.average), p50Ms: result.latency.p50, p99Ms: result.latency.p99,
      requests: result.requests.total, non2xx: result.non2xx, errors: result.errors, timeouts: result.timeouts,
      // CPU per request: where a request's cost goes (the server process, PostgreSQL), whatever the machine's other load
      serverCpuUsPerRequest: Math.round((cpu.server * 1000) / Math.max(1, result.requests.total)),
      postgresCpuUsPerRequest: Math.round((cpu.postgres * 1000) / Math.max(1, result.requests.total)),
    });
    const measured = async (server: { url: string; child: ChildProcess }, duration: number) => {
      const [server0, pg0] = [treeCpuMs(server.child.pid!), postgresCpuMs()];
      const result = await load(server.url, duration);
      return figures(result, { server: treeCpuMs(server.child.pid!) - server0, postgres: postgresCpuBetween(pg0, postgresCpuMs()) });
    };
    // Warm-up: JIT, connection pools, caches.
    await load(bare.url, 2);
    await load(vigil.url, 3);

    const results: { bare: ReturnType<typeof figures>[]; vigil: ReturnType<typeof figures>[]; loadAverage: number[][] } = { bare: [], vigil: [], loadAverage: [] };
    for (let run = 0; run < runs; run++) {
      results.loadAverage.push(os.loadavg().map((x) => Number(x.toFixed(2))));
      results.bare.push(await measured(bare, seconds));
      results.vigil.push(await measured(vigil, seconds));
    }
    const [stored] = await fixture.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM checkins WHERE recorded_by = $1`, [actor.userId]);
    type Key = 'requestsPerSecond' | 'p99Ms' | 'serverCpuUsPerRequest' | 'postgresCpuUsPerRequest';
    const med = (list: ReturnType<typeof figures>[], key: Key) => median(list.map((r) => r[key]));
    const medians = (list: ReturnType<typeof figures>[]) => ({
      requestsPerSecond: med(list, 'requestsPerSecond'), p99Ms: med(list, 'p99Ms'),
      serverCpuUsPerRequest: med(list, 'serverCpuUsPerRequest'), postgresCpuUsPerRequest: med(list, 'postgresCpuUsPerRequest'),
    });
    const summary = { bare: medians(results.bare), vigil: medians(results.vigil) };
    process.stdout.write(`${JSON.stringify({
      engine: 'postgres', seconds, connections, runs, vigilWorkers: Number(values.workers), bareWorkers: Number(values['bare-workers']), vigilLogLevel: values['log-level'] ?? 'info (default)',
      preloaded: { checkins: fixture.load.checkins, venues: fixture.load.venues, people: fixture.load.people },
      median: { ...summary, ratio: Number((summary.vigil.requestsPerSecond / summary.bare.requestsPerSecond).toFixed(3)) },
      checkinsWrittenByVigil: stored?.n,
      runs_: results,
      cpus: os.cpus().length,
    }, null, 2)}\n`);
  } finally {
    for (const child of servers) await stop(child);
    await fixture.drop();
  }
}

if (values['bare-server']) await bareServer(Number(values['bare-workers']));
else await main();
