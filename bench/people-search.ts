// Person search and duplicate review on a seeded province, on PGlite (memory) or on the
// PostgreSQL of DATABASE_URL (a fresh database is created and dropped).
//   node --import tsx bench/people-search.ts --scale 5            PGlite, ~100,000 people
//   DATABASE_URL=postgres://postgres@127.0.0.1/test node --import tsx bench/people-search.ts --scale 5
// Prints one JSON line: latency percentiles (ms) per kind of query, over --queries runs each.
import { parseArgs } from 'node:util';
import type { Database } from '../server/src/db/database.js';
import { testDatabase } from '../server/src/testing/databases.js';
import { seedDemo } from '../server/src/modules/demo/seed.js';
import { listDuplicates } from '../server/src/modules/people/duplicates.js';
import { searchPeople } from '../server/src/modules/people/service.js';
import { SYSTEM_ACTOR, type Actor } from '../server/src/platform/actor.js';

const { values } = parseArgs({ options: { scale: { type: 'string', default: '5' }, queries: { type: 'string', default: '200' } } });
const scale = Number(values.scale);
const queries = Number(values.queries);

/** A fresh database with migrations and units (the tests' template): PGlite, or PostgreSQL when DATABASE_URL is set. */
async function open(): Promise<{ db: Database; engine: string; cleanup: () => Promise<void> }> {
  const engine = process.env.DATABASE_URL ? 'postgres' : 'pglite';
  const database = await testDatabase(engine);
  return { db: database.db, engine, cleanup: () => database.drop() };
}


function percentiles(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => Number(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!.toFixed(2));
  return { p50: at(0.5), p95: at(0.95), max: at(1) };
}

async function timed(fn: () => Promise<unknown>, runs: number) {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return percentiles(samples);
}

const { db, engine, cleanup } = await open();
try {
  const seeded = await seedDemo(db, { scale });
  await db.exec('ANALYZE');
  const sample = await db.query<{ full_name: string; national_id: string | null; phone: string | null }>(
    `SELECT full_name, national_id, phone FROM people WHERE national_id IS NOT NULL AND phone IS NOT NULL ORDER BY id LIMIT $1`, [queries],
  );
  const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gi, 'd').toLowerCase();
  const actor: Actor = { ...SYSTEM_ACTOR, role: 'health_officer', unitCode: '93' };
  let i = 0;
  const next = () => sample[i++ % sample.length]!;
  const result = {
    engine,
    scale,
    people: seeded.people,
    queries,
    byNationalId: await timed(() => searchPeople(db, actor, { q: next().national_id! }), queries),
    byPhone: await timed(() => searchPeople(db, actor, { q: `0${next().phone!.slice(3)}` }), queries),
    byFullNameWithoutDiacritics: await timed(() => searchPeople(db, actor, { q: fold(next().full_name) }), queries),
    byGivenNamePrefix: await timed(() => searchPeople(db, actor, { q: fold(next().full_name).split(' ').slice(-2).join(' '), limit: 20 }), Math.min(queries, 50)),
    duplicatePairsFirstPage: await timed(() => listDuplicates(db, { ...SYSTEM_ACTOR }, 50, 0), 5),
    rssMB: Math.round(process.memoryUsage().rss / 1024 / 1024),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  await cleanup();
}
