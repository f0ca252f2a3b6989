import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Database } from '../db/database.js';
import { engines } from '../testing/databases.js';
import { type TestDatabase, testDatabase } from '../testing/databases.js';
import { createSharedEventBus, type LiveEvent, type SharedEventBus } from './events.js';

/** Resolves once check() holds, polling; fails after `ms`. */
async function eventually(check: () => boolean, what: string, ms = 5000) {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function heard(bus: SharedEventBus) {
  const events: LiveEvent[] = [];
  bus.subscribe((event) => events.push(event));
  return events;
}

for (const engine of engines()) {
  describe(`live events shared through the database (${engine})`, () => {
    let database: TestDatabase;
    /** A second connection to the same database: another process, as far as the bus can tell. */
    let other: Database;
    const buses: SharedEventBus[] = [];
    const errors: unknown[] = [];
    const bus = async (db: Database) => {
      const created = await createSharedEventBus(db, { onError: (error) => errors.push(error) });
      buses.push(created);
      return created;
    };

    before(async () => {
      database = await testDatabase(engine);
      other = engine === 'postgres' ? await database.reopen() : database.db;
    });
    after(async () => {
      for (const b of buses) await b.close();
      await database.drop();
    });

    test('an event published by one process reaches the subscribers of every process, numbered alike and in order', async () => {
      const [a, b] = [await bus(database.db), await bus(other)];
      const [onA, onB] = [heard(a), heard(b)];
      a.publish('levels.published', { week: '2021-W45' });
      b.publish('announcements.published', { ids: ['x'] });
      a.publish('levels.published', { week: '2021-W46' });
      await eventually(() => onA.length === 3 && onB.length === 3, 'three events on both buses');
      assert.deepEqual(onA, onB, 'the same events, ids and order everywhere');
      assert.ok(onA[0]!.id < onA[1]!.id && onA[1]!.id < onA[2]!.id, 'delivered in id order');
      // one process's events keep the order it published them in; the other's fall where its turn came
      assert.deepEqual(onA.filter((e) => e.type === 'levels.published').map((e) => e.data), [{ week: '2021-W45' }, { week: '2021-W46' }]);
      assert.deepEqual(onA.find((e) => e.type === 'announcements.published')?.data, { ids: ['x'] });
      assert.ok(!Number.isNaN(Date.parse(onA[0]!.at)));
      // a client reconnecting to the other process replays from the same id
      assert.deepEqual(b.since(onA[0]!.id), onA.slice(1));
      assert.deepEqual(errors, []);
    });

    test('change listeners hear a process\'s own change at once and another\'s on arrival, each once', async () => {
      const [a, b] = [await bus(database.db), await bus(other)];
      const [changesOnA, changesOnB] = [[] as string[], [] as string[]];
      a.onChange((type) => changesOnA.push(type));
      b.onChange((type) => changesOnB.push(type));
      const numbered = heard(b);
      a.publish('places.changed', { action: 'created' });
      assert.deepEqual(changesOnA, ['places.changed'], 'at once, before any round trip');
      assert.deepEqual(changesOnB, []);
      await eventually(() => numbered.length === 1 && a.since(0).some((e) => e.type === 'places.changed'), 'the event on both buses');
      assert.deepEqual(changesOnA, ['places.changed'], 'not again when it comes back');
      assert.deepEqual(changesOnB, ['places.changed']);
    });

    test('a process started later hears only what is published after it started', async () => {
      const a = await bus(database.db);
      a.publish('zones.changed', { action: 'before' });
      await eventually(() => a.since(0).some((e) => e.type === 'zones.changed'), 'the first event');
      const late = await bus(other);
      const onLate = heard(late);
      a.publish('zones.changed', { action: 'after' });
      await eventually(() => onLate.length === 1, 'the second event');
      assert.deepEqual(onLate[0]!.data, { action: 'after' });
    });

    test('events older than an hour are deleted when the next one is published', async () => {
      const a = await bus(database.db);
      await database.db.query(`INSERT INTO live_events (type, at, data, origin) VALUES ('old', now() - interval '2 hours', '{}', gen_random_uuid())`);
      a.publish('stats.changed', { action: 'x' });
      await eventually(() => a.since(0).some((e) => e.type === 'stats.changed'), 'the event');
      const rows = await database.db.query<{ type: string }>(`SELECT type FROM live_events WHERE type = 'old'`);
      assert.equal(rows.length, 0);
    });

    if (engine === 'postgres') {
      test('a process whose listening connection was cut reconnects and delivers what was published meanwhile', async () => {
        const [a, b] = [await bus(database.db), await bus(other)];
        const onB = heard(b);
        const cut = await database.db.query<{ n: number }>(
          `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN "vigil_events"' AND pid <> pg_backend_pid()`,
        );
        assert.ok(cut[0]!.n >= 2, 'both listening connections were cut');
        a.publish('places.changed', { action: 'while cut' });
        await eventually(() => onB.some((e) => e.type === 'places.changed'), 'the event published while cut', 8000);
        assert.deepEqual(onB.filter((e) => e.type === 'places.changed').map((e) => e.data), [{ action: 'while cut' }], 'once');
      });
    }
  });
}
