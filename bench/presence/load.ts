// Loads a generated presence data set (venues, the people who check in, check-ins) into a
// database as fast as the engine takes it: COPY on PostgreSQL, COPY from a blob on PGlite.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node --import tsx bench/presence/load.ts --rows 10000000
//     creates the database vigil_presence from the tests' template (migrations, Hậu Giang's
//     units), loads it and keeps it for the tracing benchmarks (--database NAME, --replace to
//     recreate it, --drop to drop it afterwards);
//   node --import tsx bench/presence/load.ts --rows 100000
//     the same into an in-memory PGlite (measured, then discarded).
// Other options: --venues N --people N --days N --seed N (defaults: presenceScale in generate.ts);
// --keep-indexes keeps PostgreSQL's indexes and foreign keys during COPY (default: rebuilt after).
// Prints one JSON document: sizes, seconds per table and check-ins per second.
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { Queryable } from '../../server/src/db/database.js';
import { openPostgres } from '../../server/src/db/postgres.js';
import { preparePostgresTemplate } from '../../server/src/testing/databases.js';
import type { PresenceCommune } from './common.js';
import { CHECKIN_COLUMNS, checkinLine, copyRows, type CopyTarget, PERSON_COLUMNS, personLine, VENUE_COLUMNS, venueLine } from './copy.js';
import { generateCheckins, generatePeople, generateVenues, type GeneratedVenue, planPeople, type PresenceScale, presenceScale } from './generate.js';
import { dropIndexes, restoreIndexes } from './indexes.js';
import { openTemplatePglite } from './pglite.js';

export interface LoadResult {
  engine: CopyTarget['kind'];
  scale: PresenceScale;
  venues: number;
  people: number;
  checkins: number;
  /** PostgreSQL: indexes and foreign keys of people and checkins were dropped for the COPY and rebuilt after. */
  indexesRebuiltAfterLoad: boolean;
  seconds: { venues: number; people: number; checkins: number; indexes: number; analyze: number };
  /** COPY of the check-ins alone. */
  checkinsPerSecond: number;
  /** COPY plus rebuilding the indexes and foreign keys of people and checkins. */
  checkinsPerSecondWithIndexes: number;
}

export interface LoadOptions {
  /** Progress lines on stderr every million rows. */
  progress?: boolean;
  /** PostgreSQL: false keeps indexes and foreign keys in place during COPY (default: drop and rebuild). */
  deferIndexes?: boolean;
}

/** The communes of the database's unit tree, as the generators take them. */
export async function readCommunes(db: Queryable): Promise<PresenceCommune[]> {
  const rows = await db.query<{ code: string; parent_code: string | null; population: number | null; short_name: string }>(
    `SELECT code, parent_code, population, short_name FROM units WHERE level = 'commune' ORDER BY code`,
  );
  if (rows.length === 0) throw new Error('no communes in units: load the unit tree first');
  return rows.map((r) => ({ code: r.code, districtCode: r.parent_code, population: r.population, shortName: r.short_name }));
}

function* reporting<T>(rows: Iterable<T>, label: string, every: number): Generator<T> {
  let n = 0;
  const started = performance.now();
  for (const row of rows) {
    yield row;
    if (++n % every === 0) process.stderr.write(`${label}: ${n.toLocaleString('en')} rows, ${Math.round(n / ((performance.now() - started) / 1000)).toLocaleString('en')}/s\n`);
  }
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await fn();
  return [value, Number(((performance.now() - started) / 1000).toFixed(2))];
}

/**
 * Generates and loads venues, people and check-ins for `scale` into target (db is the same
 * database, for reading communes and ANALYZE). Returns the figures and what the tracing
 * benchmarks need to address the data again (venues, people plan). Meant for a fresh database.
 */
export async function loadPresence(target: CopyTarget, db: Queryable, scale: PresenceScale, options: LoadOptions = {}) {
  const communes = await readCommunes(db);
  const venues = generateVenues(scale.seed, scale.venues, communes);
  const people = planPeople(scale.seed, scale.people, communes);
  const every = options.progress ? 1_000_000 : Infinity;
  const client = target.kind === 'postgres' && options.deferIndexes !== false ? new pg.Client({ connectionString: target.url }) : undefined;
  await client?.connect();
  try {
    const saved = client ? [await dropIndexes(client, 'checkins'), await dropIndexes(client, 'people')] : [];
    const [, venueSeconds] = await timed(() => copyRows(target, 'venues', VENUE_COLUMNS, venues, venueLine));
    const [, peopleSeconds] = await timed(() => copyRows(target, 'people', PERSON_COLUMNS, reporting(generatePeople(people), 'people', every), personLine));
    // visits still going on when the data is loaded have no check-out yet
    const checkins = generateCheckins(scale.seed, { venues, people, start: scale.start, days: scale.days, total: scale.rows, now: Date.now() });
    const [loaded, checkinSeconds] = await timed(() => copyRows(target, 'checkins', CHECKIN_COLUMNS, reporting(checkins, 'checkins', every), checkinLine));
    const [, indexSeconds] = await timed(async () => {
      for (const each of saved.reverse()) await restoreIndexes(client!, each);
    });
    const [, analyzeSeconds] = await timed(() => db.exec('ANALYZE venues; ANALYZE people; ANALYZE checkins'));
    const result: LoadResult = {
      engine: target.kind,
      scale,
      venues: venues.length,
      people: people.count,
      checkins: loaded,
      indexesRebuiltAfterLoad: saved.length > 0,
      seconds: { venues: venueSeconds, people: peopleSeconds, checkins: checkinSeconds, indexes: indexSeconds, analyze: analyzeSeconds },
      checkinsPerSecond: Math.round(loaded / Math.max(checkinSeconds, 0.001)),
      checkinsPerSecondWithIndexes: Math.round(loaded / Math.max(checkinSeconds + indexSeconds, 0.001)),
    };
    return { result, venues: venues as readonly GeneratedVenue[], people };
  } finally {
    await client?.end();
  }
}

/** The URL of database `name` on the server of DATABASE_URL. */
export function databaseUrl(name: string): string {
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      rows: { type: 'string', default: '1000000' }, venues: { type: 'string' }, people: { type: 'string' }, days: { type: 'string' }, seed: { type: 'string' },
      database: { type: 'string', default: 'vigil_presence' }, replace: { type: 'boolean', default: false }, drop: { type: 'boolean', default: false },
      'keep-indexes': { type: 'boolean', default: false },
    },
  });
  const number = (value: string | undefined) => (value === undefined ? undefined : Number(value));
  const overrides = Object.fromEntries(Object.entries({ venues: number(values.venues), people: number(values.people), days: number(values.days), seed: number(values.seed) }).filter(([, v]) => v !== undefined));
  const scale = presenceScale(Number(values.rows), overrides);

  if (!process.env.DATABASE_URL) {
    const { pg: pglite, db } = await openTemplatePglite();
    try {
      const { result } = await loadPresence({ kind: 'pglite', pg: pglite }, db, scale, { progress: true });
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    } finally {
      await db.close();
    }
    return;
  }

  const name = values.database;
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error('--database must be a plain lower-case identifier');
  const template = await preparePostgresTemplate();
  await admin(async (client) => {
    const { rows } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rows.length > 0 && !values.replace) throw new Error(`database ${name} exists: give --replace to recreate it, or another --database`);
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  });
  const url = databaseUrl(name);
  const db = openPostgres(url, 2);
  try {
    const { result } = await loadPresence({ kind: 'postgres', url }, db, scale, { progress: true, deferIndexes: !values['keep-indexes'] });
    const [size] = await db.query<{ table: string; total: string }>(`SELECT pg_size_pretty(pg_total_relation_size('checkins')) AS total`);
    process.stdout.write(`${JSON.stringify({ ...result, database: values.drop ? null : name, checkinsTableWithIndexes: size?.total }, null, 2)}\n`);
  } finally {
    await db.close();
    if (values.drop) await admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
