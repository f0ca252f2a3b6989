// Real databases for tests: every database test runs on PGlite and, when DATABASE_URL is set,
// on PostgreSQL too. Both start from a template that already holds the migrations and the
// Hậu Giang unit tree, because creating PGlite with PostGIS from nothing takes ~10 s.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { Database, EngineKind } from '../db/database.js';
import { listMigrations, migrate } from '../db/migrate.js';
import { dumpPglite, openPglite, openPgliteFromDump } from '../db/pglite.js';
import { openPostgres } from '../db/postgres.js';
import { seedUnits } from '../modules/units/seed.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const CACHE_DIR = path.join(ROOT, '.test-cache');

/** Changes whenever a migration or the unit seed changes, so a stale template is never used. */
function templateHash(): string {
  const hash = createHash('sha256');
  for (const migration of listMigrations()) hash.update(migration.version).update(migration.sql);
  hash.update(fs.readFileSync(new URL('../modules/units/seed/haugiang-units.json', import.meta.url)));
  return hash.digest('hex').slice(0, 12);
}

export function engines(): EngineKind[] {
  return process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

async function prepareContent(db: Database) {
  await migrate(db);
  await seedUnits(db);
}

function pgliteTemplatePath() {
  return path.join(CACHE_DIR, `pglite-template-${templateHash()}.tar`);
}

export async function preparePgliteTemplate(): Promise<string> {
  const file = pgliteTemplatePath();
  if (fs.existsSync(file)) return file;
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const dir = fs.mkdtempSync(path.join(CACHE_DIR, 'build-'));
  try {
    const db = await openPglite(dir);
    await prepareContent(db);
    await db.close();
    const dump = await dumpPglite(dir);
    const tmp = `${file}.${process.pid}`;
    fs.writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
    fs.renameSync(tmp, file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return file;
}

function postgresTemplateName() {
  return `vigil_template_${templateHash()}`;
}

function urlFor(database: string): string {
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${database}`;
  return url.toString();
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function preparePostgresTemplate(): Promise<string> {
  const name = postgresTemplateName();
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  const { rows } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  await client.end();
  if (rows.length > 0) return name;
  const building = `${name}_build_${process.pid}`;
  await adminQuery(`CREATE DATABASE ${building}`);
  const db = openPostgres(urlFor(building), 2);
  try {
    await prepareContent(db);
  } finally {
    await db.close();
  }
  await adminQuery(`ALTER DATABASE ${building} RENAME TO ${name}`).catch(async (error: unknown) => {
    // Another process built it at the same time: keep theirs.
    if ((error as { code?: string }).code !== '42P04') throw error;
    await adminQuery(`DROP DATABASE ${building}`);
  });
  return name;
}

export interface TestDatabase {
  db: Database;
  /** PostgreSQL: the database's URL, for a server process of its own */
  url?: string;
  /** For tests that restart: how to open the same database again. */
  reopen(): Promise<Database>;
  drop(): Promise<void>;
}

/**
 * A fresh database of the given engine with migrations and units in place. PGlite lives in
 * memory unless onDisk, which stores it in a temporary folder (tests of restarts).
 */
export async function testDatabase(engine: EngineKind, options: { onDisk?: boolean } = {}): Promise<TestDatabase> {
  if (engine === 'pglite') {
    const dump = new Blob([fs.readFileSync(await preparePgliteTemplate())]);
    if (!options.onDisk) {
      const db = await openPgliteFromDump(dump);
      return { db, reopen: () => Promise.reject(new Error('an in-memory database cannot be reopened')), drop: () => db.close() };
    }
    const dir = fs.mkdtempSync(path.join(CACHE_DIR, 'disk-'));
    const db = await openPgliteFromDump(dump, dir);
    let current = db;
    return {
      db,
      reopen: async () => (current = await openPglite(dir)),
      drop: async () => {
        await current.close().catch(() => undefined);
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const template = await preparePostgresTemplate();
  const name = `vigil_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  const db = openPostgres(urlFor(name), 5);
  const open = new Set([db]);
  return {
    db,
    url: urlFor(name),
    reopen: () => {
      const again = openPostgres(urlFor(name), 5);
      open.add(again);
      return Promise.resolve(again);
    },
    drop: async () => {
      // Pools the test already closed throw on a second close: that is fine here.
      for (const pool of open) await pool.close().catch(() => undefined);
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
