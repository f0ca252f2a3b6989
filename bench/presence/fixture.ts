// What the check-in benchmarks share: a fresh database from the tests' template holding a
// generated presence data set, a staff account that may write check-ins, and a stream of new
// check-ins in the API's shape (yesterday's, so none is refused as future or too old).
import type { PGlite } from '@electric-sql/pglite';
import type { Database } from '../../server/src/db/database.js';
import type { CheckinItem } from '../../server/src/modules/checkins/schema.js';
import type { Actor } from '../../server/src/platform/actor.js';
import { testDatabase } from '../../server/src/testing/databases.js';
import { localDateDaysAgo } from './common.js';
import type { CopyTarget } from './copy.js';
import { generateCheckins, type GeneratedCheckin, type GeneratedVenue, type PeoplePlan, presenceScale } from './generate.js';
import { databaseUrl, loadPresence, type LoadResult } from './load.js';
import { openTemplatePglite } from './pglite.js';

export interface PresenceFixture {
  db: Database;
  target: CopyTarget;
  /** PostgreSQL: the database's URL. */
  url: string | null;
  pglite: PGlite | null;
  venues: readonly GeneratedVenue[];
  people: PeoplePlan;
  load: LoadResult;
  drop(): Promise<void>;
}

/** A fresh database (PGlite in memory, or PostgreSQL from DATABASE_URL) with `preload` generated check-ins and their venues and people. */
export async function presenceFixture(engine: 'pglite' | 'postgres', preload: number): Promise<PresenceFixture> {
  const scale = presenceScale(preload, { venues: Math.max(2000, Math.round(preload / 200)), people: Math.max(50_000, Math.round(preload / 10)) });
  if (engine === 'pglite') {
    const { pg, db } = await openTemplatePglite();
    const target: CopyTarget = { kind: 'pglite', pg };
    const { result, venues, people } = await loadPresence(target, db, scale);
    return { db, target, url: null, pglite: pg, venues, people, load: result, drop: () => db.close() };
  }
  const database = await testDatabase('postgres');
  const [row] = await database.db.query<{ name: string }>('SELECT current_database() AS name');
  const url = databaseUrl(row!.name);
  const target: CopyTarget = { kind: 'postgres', url };
  const { result, venues, people } = await loadPresence(target, database.db, scale);
  return { db: database.db, target, url, pglite: null, venues, people, load: result, drop: () => database.drop() };
}

/** A checkpoint_staff account scoped to the province (93): may write check-ins at every venue. */
export async function staffActor(db: Database, unitCode = '93'): Promise<Actor> {
  const username = `bench-scanner-${process.pid}-${Date.now()}`;
  const [user] = await db.query<{ id: string }>(
    `INSERT INTO users (username, password_hash, role, unit_code) VALUES ($1, 'not-a-password-hash', 'checkpoint_staff', $2) RETURNING id`,
    [username, unitCode],
  );
  return { userId: user!.id, username, role: 'checkpoint_staff', unitCode };
}

/** The API's item for a generated check-in. */
export function toItem(row: GeneratedCheckin): CheckinItem {
  return {
    id: row.id,
    venueId: row.venueId,
    personId: row.personId,
    checkedInAt: new Date(row.checkedInAt).toISOString(),
    ...(row.checkedOutAt !== null ? { checkedOutAt: new Date(row.checkedOutAt).toISOString() } : {}),
    method: row.method,
  };
}

/**
 * New check-ins at the fixture's venues by its people, all of yesterday (local time; visits
 * still going on have no check-out yet), with ids of their own (other seeds than the preloaded ones). Endless: rounds of `perRound` check-ins,
 * each round a whole day, so that any prefix has the day's mix of venues and hours.
 */
export function* newCheckins(fixture: Pick<PresenceFixture, 'venues' | 'people'>, perRound = 100_000, seed = 2022): Generator<GeneratedCheckin, never> {
  for (let round = 0; ; round++) {
    yield* generateCheckins(seed + round, { venues: fixture.venues, people: fixture.people, start: localDateDaysAgo(1), days: 1, total: perRound, now: Date.now() });
  }
}

/** The median of a few numbers. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
