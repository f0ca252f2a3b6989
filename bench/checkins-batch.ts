// Batch sync of check-ins: Vigil's ingest path (ingestCheckins, what POST /api/v1/checkins/batch
// calls after Fastify has validated the body: every item checked, then one INSERT … unnest … ON
// CONFLICT and one audit row in a transaction) with 1,000-item batches one after another, against
// a raw bulk load of the same rows into a scratch copy of the checkins table (same columns,
// checks, indexes and foreign keys, holding the same preloaded rows). Runs alternate which goes
// first. The same raw load into a scratch table without the foreign keys is reported beside it.
// On PostgreSQL the raw load is COPY FROM STDIN; PGlite has no client COPY stream, so both
// of its fastest raw ways are measured (COPY FROM a blob, INSERT … SELECT FROM unnest in 5,000-row
// statements) and the faster is the reference.
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node --import tsx bench/checkins-batch.ts [--rows 100000] [--runs 3] [--preload 1000000]
//   node --import tsx bench/checkins-batch.ts --engine pglite [--rows 50000] [--preload 200000]
// The same ingest is also measured end to end: POST /api/v1/checkins/batch (JSON, schema
// validation, authentication) to the real app listening on loopback in this process.
// Prints one JSON document: rows/s per run and the medians, and the ratio ingest / raw (target ≥ 0.5).
import os from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { buildApp } from '../server/src/app.js';
import { loadConfig } from '../server/src/config.js';
import type { Queryable } from '../server/src/db/database.js';
import { ingestCheckins } from '../server/src/modules/checkins/ingest.js';
import { MAX_BATCH } from '../server/src/modules/checkins/schema.js';
import type { Actor } from '../server/src/platform/actor.js';
import { createTokenSigner } from '../server/src/platform/tokens.js';
import { CHECKIN_COLUMNS, copyRows, type CopyTarget } from './presence/copy.js';
import { median, newCheckins, presenceFixture, type PresenceFixture, staffActor, toItem } from './presence/fixture.js';
import type { GeneratedCheckin } from './presence/generate.js';

const { values } = parseArgs({
  options: {
    engine: { type: 'string' }, rows: { type: 'string' }, runs: { type: 'string', default: '3' }, preload: { type: 'string' },
  },
});
const engineName = values.engine ?? (process.env.DATABASE_URL ? 'postgres' : 'pglite');
if (engineName !== 'postgres' && engineName !== 'pglite') throw new Error('--engine is postgres or pglite');
const engine: 'postgres' | 'pglite' = engineName;
if (engine === 'postgres' && !process.env.DATABASE_URL) throw new Error('set DATABASE_URL for --engine postgres');
const rowsPerRun = Number(values.rows ?? (engine === 'postgres' ? 100_000 : 50_000));
const runs = Number(values.runs);
const preload = Number(values.preload ?? (engine === 'postgres' ? 1_000_000 : 200_000));
const SCRATCH = 'checkins_copy';
/** The same without foreign keys: how much of COPY's time goes to checking venue, person and user per row. */
const SCRATCH_NO_FK = 'checkins_copy_nofk';
const UNNEST_ROWS = 5_000;

/** The scratch table: like checkins in every column, check, index and foreign key, with the same rows. */
async function createScratch(db: Queryable) {
  await db.exec(`
    CREATE TABLE ${SCRATCH} (LIKE checkins INCLUDING ALL);
    ALTER TABLE ${SCRATCH} ADD FOREIGN KEY (venue_id) REFERENCES venues (id), ADD FOREIGN KEY (person_id) REFERENCES people (id),
      ADD FOREIGN KEY (recorded_by) REFERENCES users (id);
    INSERT INTO ${SCRATCH} SELECT * FROM checkins;
    ANALYZE ${SCRATCH};
    CREATE TABLE ${SCRATCH_NO_FK} (LIKE checkins INCLUDING ALL);
    INSERT INTO ${SCRATCH_NO_FK} SELECT * FROM checkins;
    ANALYZE ${SCRATCH_NO_FK};`);
}

async function ingest(fixture: PresenceFixture, actor: Actor, rows: readonly GeneratedCheckin[]) {
  const items = rows.map(toItem);
  const started = performance.now();
  let accepted = 0;
  for (let i = 0; i < items.length; i += MAX_BATCH) {
    accepted += (await ingestCheckins(fixture.db, actor, items.slice(i, i + MAX_BATCH), { retentionDays: 21 })).accepted;
  }
  if (accepted !== rows.length) throw new Error(`ingest accepted ${accepted} of ${rows.length}`);
  return rows.length / ((performance.now() - started) / 1000);
}

/** POST /api/v1/checkins/batch over loopback to the real app in this process, one batch after another. */
async function ingestOverHttp(url: string, token: string, rows: readonly GeneratedCheckin[]) {
  const started = performance.now();
  for (let i = 0; i < rows.length; i += MAX_BATCH) {
    const response = await fetch(`${url}/api/v1/checkins/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ items: rows.slice(i, i + MAX_BATCH).map(toItem) }),
    });
    const result = (await response.json()) as { accepted?: number };
    if (response.status !== 200 || result.accepted !== Math.min(MAX_BATCH, rows.length - i)) throw new Error(`batch answered ${response.status}: ${JSON.stringify(result).slice(0, 300)}`);
  }
  return rows.length / ((performance.now() - started) / 1000);
}

const iso = (ms: number | null) => (ms === null ? '\\N' : new Date(ms).toISOString());

/** COPY (PostgreSQL from STDIN, PGlite from a blob) of the rows, with recorded_by as the ingest writes it. */
async function copy(target: CopyTarget, client: pg.Client | undefined, actor: Actor, rows: readonly GeneratedCheckin[], table = SCRATCH) {
  const columns = [...CHECKIN_COLUMNS.filter((c) => c !== 'received_at'), 'recorded_by'];
  const line = (c: GeneratedCheckin) => `${c.id}\t${c.venueId}\t${c.personId}\t${iso(c.checkedInAt)}\t${iso(c.checkedOutAt)}\t${c.method}\t${actor.userId}\n`;
  const started = performance.now();
  await copyRows(target, table, columns, rows, line, client);
  return rows.length / ((performance.now() - started) / 1000);
}

/** INSERT … SELECT FROM unnest, UNNEST_ROWS rows per statement, in one transaction. */
async function unnestInsert(fixture: PresenceFixture, actor: Actor, rows: readonly GeneratedCheckin[]) {
  const started = performance.now();
  await fixture.db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += UNNEST_ROWS) {
      const part = rows.slice(i, i + UNNEST_ROWS);
      await tx.query(
        `INSERT INTO ${SCRATCH} (id, venue_id, person_id, checked_in_at, checked_out_at, method, recorded_by)
         SELECT *, $7::uuid FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::timestamptz[], $5::timestamptz[], $6::text[])`,
        [part.map((c) => c.id), part.map((c) => c.venueId), part.map((c) => c.personId), part.map((c) => new Date(c.checkedInAt)),
          part.map((c) => (c.checkedOutAt === null ? null : new Date(c.checkedOutAt))), part.map((c) => c.method), actor.userId],
      );
    }
  });
  return rows.length / ((performance.now() - started) / 1000);
}

const fixture = await presenceFixture(engine, preload);
const client = fixture.url ? new pg.Client({ connectionString: fixture.url }) : undefined;
let closeApp = () => Promise.resolve();
try {
  await client?.connect();
  const actor = await staffActor(fixture.db);
  await createScratch(fixture.db);
  const token = await (await createTokenSigner(fixture.db, 24 * 3600)).sign(actor.userId);
  const app = await buildApp(fixture.db, loadConfig({ VIGIL_LOG_LEVEL: 'warn', VIGIL_WEB_DIST: '/nonexistent' }));
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  closeApp = () => app.close();
  const fresh = newCheckins(fixture, 200_000);
  const take = (n: number) => Array.from({ length: n }, () => fresh.next().value);
  // Warm-up: JIT and caches, 5 batches each way.
  await ingest(fixture, actor, take(5 * MAX_BATCH));
  await ingestOverHttp(url, token, take(5 * MAX_BATCH));
  await copy(fixture.target, client, actor, take(5 * MAX_BATCH));
  if (engine === 'pglite') await unnestInsert(fixture, actor, take(5 * MAX_BATCH));

  const perRun: { loadAverage: number[]; ingest: number; http: number; copy: number; copyWithoutForeignKeys: number; unnest?: number }[] = [];
  for (let run = 0; run < runs; run++) {
    const loadAverage = os.loadavg().map((x) => Number(x.toFixed(2)));
    // The same rows go through the ingest into checkins and by COPY into the scratch tables; PGlite's
    // second raw way needs other ids (same shape) as it writes into the same scratch table.
    const rows = take(rowsPerRun);
    const raw = rows;
    const rawAgain = engine === 'pglite' ? take(rowsPerRun) : [];
    const overHttp = take(rowsPerRun);
    const figures: (typeof perRun)[number] = { loadAverage, ingest: 0, http: 0, copy: 0, copyWithoutForeignKeys: 0 };
    const steps: (() => Promise<void>)[] = [
      async () => { figures.ingest = Math.round(await ingest(fixture, actor, rows)); },
      async () => { figures.http = Math.round(await ingestOverHttp(url, token, overHttp)); },
      async () => { figures.copy = Math.round(await copy(fixture.target, client, actor, raw)); },
      async () => { figures.copyWithoutForeignKeys = Math.round(await copy(fixture.target, client, actor, raw, SCRATCH_NO_FK)); },
    ];
    if (engine === 'pglite') steps.push(async () => { figures.unnest = Math.round(await unnestInsert(fixture, actor, rawAgain)); });
    for (const step of run % 2 ? steps.reverse() : steps) await step();
    perRun.push(figures);
  }
  const ingestRate = median(perRun.map((r) => r.ingest));
  const httpRate = median(perRun.map((r) => r.http));
  const copyRate = median(perRun.map((r) => r.copy));
  const copyNoFkRate = median(perRun.map((r) => r.copyWithoutForeignKeys));
  const unnestRate = engine === 'pglite' ? median(perRun.map((r) => r.unnest!)) : null;
  const reference = unnestRate !== null && unnestRate > copyRate ? { method: 'INSERT … SELECT FROM unnest (5,000 rows per statement)', rate: unnestRate } : { method: engine === 'postgres' ? 'COPY FROM STDIN' : "COPY FROM '/dev/blob'", rate: copyRate };
  const [counts] = await fixture.db.query<{ checkins: number; scratch: number; scratchWithoutForeignKeys: number }>(
    `SELECT (SELECT count(*)::int FROM checkins) AS checkins, (SELECT count(*)::int FROM ${SCRATCH}) AS scratch, (SELECT count(*)::int FROM ${SCRATCH_NO_FK}) AS "scratchWithoutForeignKeys"`,
  );
  process.stdout.write(`${JSON.stringify({
    engine, rowsPerRun, batch: MAX_BATCH, runs, preloaded: fixture.load.checkins, cpus: os.cpus().length,
    median: {
      ingestRowsPerSecond: ingestRate, copyRowsPerSecond: copyRate, unnestRowsPerSecond: unnestRate, reference: reference.method,
      ratio: Number((ingestRate / reference.rate).toFixed(3)),
      httpRowsPerSecond: httpRate, httpRatio: Number((httpRate / reference.rate).toFixed(3)),
      copyWithoutForeignKeysRowsPerSecond: copyNoFkRate, ratioToCopyWithoutForeignKeys: Number((ingestRate / copyNoFkRate).toFixed(3)),
    },
    tableRowsAfter: counts,
    perRun,
  }, null, 2)}\n`);
} finally {
  await closeApp();
  await client?.end();
  await fixture.drop();
}
