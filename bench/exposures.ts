// Place-and-time tracing at national scale: GET /cases/{id}/exposures's service function
// (caseExposures: permission, scope, the tracing query, the audit row, in one transaction) for
// cases whose person has about 40 check-ins in the last 14 days of the data, with the infectious
// window over those 14 days and the default margin of 30 minutes.
//
// PostgreSQL, on databases loaded by the presence loader (one per size; kept, so load once):
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node --import tsx bench/presence/load.ts --rows 1000000 --database bench_exposures_1m
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node --import tsx bench/presence/load.ts --rows 10000000 --database bench_exposures_10m
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node --import tsx bench/exposures.ts --database bench_exposures_1m --database bench_exposures_10m
// PGlite, loaded in memory by this script (takes a few minutes at 1 M):
//   node --import tsx bench/exposures.ts --engine pglite --rows 1000000
// On PostgreSQL the check-ins are vacuumed first (see prepare). Options: --cases N (default 50), --runs N passes over the cases (default 3; the first is reported
// apart: its pages may still be on disk), --margin M (default 30).
// Prints one JSON document: per database the median and p95 milliseconds per query, the load
// average around each pass, the plan's check (both bounds in the index condition), and the ratio
// between the last and the first database's medians (target: < 100 ms at 10 M and a ratio < 1.5).
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { parseArgs } from 'node:util';
import type { Database, Queryable } from '../server/src/db/database.js';
import { migrate } from '../server/src/db/migrate.js';
import { openPostgres } from '../server/src/db/postgres.js';
import { caseExposures } from '../server/src/modules/cases/exposures.js';
import { exposuresOf } from '../server/src/modules/cases/exposures.repository.js';
import { createCase } from '../server/src/modules/cases/service.js';
import type { Actor } from '../server/src/platform/actor.js';
import { median } from './presence/fixture.js';
import { presenceScale } from './presence/generate.js';
import { databaseUrl, loadPresence } from './presence/load.js';
import { openTemplatePglite } from './presence/pglite.js';

const { values } = parseArgs({
  options: {
    engine: { type: 'string' }, database: { type: 'string', multiple: true }, rows: { type: 'string', default: '1000000' },
    cases: { type: 'string', default: '50' }, runs: { type: 'string', default: '3' }, margin: { type: 'string', default: '30' },
  },
});
const engine = values.engine ?? (process.env.DATABASE_URL ? 'postgres' : 'pglite');
const caseCount = Number(values.cases);
const runs = Math.max(2, Number(values.runs));
const marginMinutes = Number(values.margin);
const DAY_MS = 86_400_000;

const load = () => os.loadavg().map((x) => Number(x.toFixed(2)));
const uptime = () => execFileSync('uptime', { encoding: 'utf8' }).trim();
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
const round = (x: number) => Number(x.toFixed(2));

/** A health officer of the province: may record and trace every case. */
async function officer(db: Database): Promise<Actor> {
  const username = `bench-tracer-${process.pid}-${Date.now()}`;
  const [user] = await db.query<{ id: string }>(`INSERT INTO users (username, password_hash, role, unit_code) VALUES ($1, 'not-a-password-hash', 'health_officer', '93') RETURNING id`, [username]);
  return { userId: user!.id, username, role: 'health_officer', unitCode: '93' };
}

/** People with 36–44 check-ins in the last 14 days of the data, in a fixed pseudo-random order. */
async function pickPeople(db: Queryable, end: Date): Promise<string[]> {
  const rows = await db.query<{ person_id: string }>(
    `SELECT c.person_id FROM checkins c WHERE c.checked_in_at >= $1
       AND NOT EXISTS (SELECT 1 FROM cases k WHERE k.person_id = c.person_id AND k.status = 'active')
     GROUP BY c.person_id HAVING count(*) BETWEEN 36 AND 44 ORDER BY md5(c.person_id::text) LIMIT $2`,
    [new Date(end.getTime() - 14 * DAY_MS), caseCount],
  );
  return rows.map((r) => r.person_id);
}

/** EXPLAIN ANALYZE of the tracing query for one case: its time, and whether both time bounds reach the index. */
async function explain(db: Queryable, personId: string, end: Date) {
  let plan: unknown;
  const explaining: Queryable = {
    query: async <Row>(sql: string, params?: readonly unknown[]) => {
      const [row] = await db.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}`, params);
      plan = typeof row!['QUERY PLAN'] === 'string' ? JSON.parse(row!['QUERY PLAN']) : row!['QUERY PLAN'];
      return [] as Row[];
    },
    exec: (sql) => db.exec(sql),
  };
  await exposuresOf(explaining, { personId, from: new Date(end.getTime() - 14 * DAY_MS), to: end, marginMinutes });
  const text = JSON.stringify(plan);
  // leaf nodes only: no braces between a node's type and its index condition
  const venueScans = [...text.matchAll(/"Node Type":"([^"]+)"[^{}]*?"Index Name":"checkins_venue_time_idx"[^{}]*?"Index Cond":"([^"]*)"/g)].map((m) => ({ node: m[1]!, cond: m[2]! }));
  const top = (plan as [{ 'Execution Time': number; Plan: { 'Shared Hit Blocks'?: number; 'Shared Read Blocks'?: number } }])[0];
  return {
    executionMs: round(top['Execution Time']),
    venueIndexScans: venueScans,
    bothBoundsInIndex: venueScans.length > 0 && venueScans.every(({ cond }) => /checked_in_at >= /.test(cond) && /checked_in_at < /.test(cond)),
    sharedBlocks: { hit: top.Plan['Shared Hit Blocks'] ?? null, read: top.Plan['Shared Read Blocks'] ?? null },
  };
}

interface Pass { loadBefore: number[]; loadAfter: number[]; ms: number[]; visits: number[]; items: number[] }

/** Cases for `caseCount` people of the database, and a health officer to trace them. */
async function prepare(db: Database, label: string) {
  await migrate(db);
  // What autovacuum does soon after a bulk load: marks pages all-visible, so that the covering
  // index answers without the table (index-only scans). PGlite runs no autovacuum: left as loaded.
  if (db.kind === 'postgres') await db.exec('VACUUM (ANALYZE) checkins');
  const [facts] = await db.query<{ checkins: number; end: Date }>('SELECT count(*)::int AS checkins, max(checked_in_at) AS end FROM checkins');
  const end = facts!.end;
  const actor = await officer(db);
  const people = await pickPeople(db, end);
  if (people.length < caseCount) throw new Error(`only ${people.length} people with about 40 check-ins in 14 days`);
  const caseIds: string[] = [];
  for (const personId of people) {
    const created = await createCase(db, actor, {
      personId, source: 'community', confirmedAt: end.toISOString(), infectiousFrom: new Date(end.getTime() - 14 * DAY_MS).toISOString(), infectiousTo: end.toISOString(),
    });
    caseIds.push(created.id);
  }
  return { db, label, checkins: facts!.checkins, end, actor, people, caseIds, passes: [] as Pass[] };
}
type Prepared = Awaited<ReturnType<typeof prepare>>;

/** Every case traced once, one after another. */
async function pass(target: Prepared) {
  const result: Pass = { loadBefore: load(), loadAfter: [], ms: [], visits: [], items: [] };
  for (const id of target.caseIds) {
    const started = performance.now();
    const traced = await caseExposures(target.db, target.actor, id, { marginMinutes, reason: 'benchmark' });
    result.ms.push(performance.now() - started);
    result.visits.push(traced.exposureVisits);
    result.items.push(traced.items.length);
  }
  result.loadAfter = load();
  target.passes.push(result);
}

async function report(target: Prepared) {
  const [first, ...later] = target.passes;
  const warm = later.flatMap((p) => p.ms);
  const perThousandItems = later.flatMap((p) => p.ms.map((ms, i) => (1000 * ms) / Math.max(1, p.items[i]!)));
  return {
    database: target.label, checkins: target.checkins, cases: target.caseIds.length, marginMinutes,
    exposureVisits: { median: median(first!.visits), min: Math.min(...first!.visits), max: Math.max(...first!.visits) },
    exposedItems: { median: median(first!.items), max: Math.max(...first!.items) },
    firstPass: { medianMs: round(median(first!.ms)), p95Ms: round(percentile(first!.ms, 0.95)), loadBefore: first!.loadBefore, loadAfter: first!.loadAfter },
    laterPasses: { medianMs: round(median(warm)), p95Ms: round(percentile(warm, 0.95)), msPerThousandItems: round(median(perThousandItems)), runs: later.length, loadAfter: later.at(-1)!.loadAfter },
    uptime: uptime(),
    plan: await explain(target.db, target.people[Math.floor(target.people.length / 2)]!, target.end),
  };
}

/** Leaves the loaded database as it was, so that the benchmark can run again. */
async function finish(target: Prepared) {
  await target.db.query('DELETE FROM cases WHERE id = ANY ($1::uuid[])', [target.caseIds]);
  await target.db.query('DELETE FROM users WHERE id = $1', [target.actor.userId]);
}

const open: { db: Database; label: string }[] = [];
if (engine === 'postgres') {
  if (!process.env.DATABASE_URL) throw new Error('set DATABASE_URL');
  for (const name of values.database ?? ['vigil_presence']) open.push({ db: openPostgres(databaseUrl(name), 2), label: name });
} else {
  const { pg, db } = await openTemplatePglite();
  const started = performance.now();
  const { result } = await loadPresence({ kind: 'pglite', pg }, db, presenceScale(Number(values.rows)));
  process.stderr.write(`loaded ${result.checkins} check-ins into PGlite in ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
  open.push({ db, label: `pglite (memory), ${result.checkins} check-ins` });
}
const prepared: Prepared[] = [];
const results = [];
try {
  for (const { db, label } of open) prepared.push(await prepare(db, label));
  // The sizes take turns, in alternating order, so that a change of the machine's load hits both.
  for (let run = 0; run < runs; run++) for (const target of run % 2 ? [...prepared].reverse() : prepared) await pass(target);
  for (const target of prepared) results.push(await report(target));
} finally {
  for (const target of prepared) await finish(target);
  for (const { db } of open) await db.close();
}
const ratio = results.length > 1 ? { laterPasses: round(results.at(-1)!.laterPasses.medianMs / results[0]!.laterPasses.medianMs), firstPass: round(results.at(-1)!.firstPass.medianMs / results[0]!.firstPass.medianMs) } : null;
process.stdout.write(`${JSON.stringify({ engine, cpus: os.cpus().length, results, ratioLastToFirst: ratio }, null, 2)}\n`);
