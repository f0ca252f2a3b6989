import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Database } from '../../db/database.js';
import { AppError } from '../../platform/errors.js';
import { type TestDatabase, engines, testDatabase } from '../../testing/databases.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { foldName } from '../people/fold.js';
import { reconciliation, stockOnHand } from '../vaccination/reports.js';
import { openSessions } from '../vaccination/schedule.js';
import { REGISTRATIONS } from './vaccination.booking.js';
import { type SeedDemoResult, seedDemo } from './seed.js';

// 0.3 ≈ 6,000 people: more than one insert batch, still quick.
const SCALE = 0.3;

async function count(db: Database, sql: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(sql);
  return row!.n;
}

for (const engine of engines()) {
  describe(`seedDemo (${engine})`, () => {
    let handle: TestDatabase;
    let db: Database;
    let result: SeedDemoResult;

    before(async () => {
      handle = await testDatabase(engine);
      db = handle.db;
      result = await seedDemo(db, { seed: 2021, scale: SCALE });
    });
    after(() => handle.drop());

    test('inserts every generated row, marked as demo data', async () => {
      assert.equal(result.people, 6006);
      assert.equal(await count(db, 'SELECT count(*)::int AS n FROM people WHERE is_demo'), result.people);
      assert.equal(await count(db, 'SELECT count(*)::int AS n FROM households WHERE is_demo'), result.households);
      assert.equal(await count(db, 'SELECT count(*)::int AS n FROM organisations WHERE is_demo'), result.organisations);
      assert.equal(await count(db, 'SELECT count(*)::int AS n FROM people WHERE NOT is_demo'), 0);
      assert.ok((await count(db, 'SELECT count(*)::int AS n FROM household_members')) >= result.people - 10);
      assert.ok((await count(db, 'SELECT count(*)::int AS n FROM organisation_members')) > result.organisations);
    });

    test('QR venues (11,540 per scale step, plus the entry checkpoints) inside the province, and recent check-ins', async () => {
      assert.ok(Math.abs(result.venues - 11_540 * SCALE) < 100, `${result.venues} venues`);
      assert.equal(await count(db, 'SELECT count(*)::int AS n FROM venues WHERE is_demo'), result.venues);
      assert.ok((await count(db, `SELECT count(*)::int AS n FROM venues WHERE kind = 'entry_checkpoint'`)) >= 6);
      assert.equal(await count(db, 'SELECT count(*)::int AS n FROM venues WHERE NOT ST_Covers(ST_MakeEnvelope(105.2, 9.5, 106.1, 10.1, 4326)::geography, position)'), 0);
      assert.equal(await count(db, 'SELECT count(*)::int AS n FROM checkins'), result.checkins);
      // within the last three days, so that the retention purge keeps them
      assert.equal(await count(db, `SELECT count(*)::int AS n FROM checkins WHERE checked_in_at < now() - interval '4 days' OR checked_in_at > now()`), 0);
    });

    test('name_folded is foldName of the name, for people and organisations', async () => {
      const rows = await db.query<{ full_name: string; name_folded: string }>(
        `SELECT full_name, name_folded FROM people UNION ALL SELECT name, name_folded FROM organisations`,
      );
      for (const row of rows) assert.equal(row.name_folded, foldName(row.full_name));
    });

    test('dates come back as the generated strings and agree with birth_year', async () => {
      const rows = await db.query<{ birth_date: string | null; birth_year: number }>('SELECT birth_date, birth_year FROM people LIMIT 200');
      for (const row of rows) if (row.birth_date !== null) assert.equal(Number(row.birth_date.slice(0, 4)), row.birth_year);
      assert.ok(rows.some((row) => row.birth_date === null));
    });

    test('marks the database as a demo', async () => {
      const [row] = await db.query<{ value: string }>(`SELECT value FROM settings WHERE key = 'demo'`);
      assert.equal(row?.value, '1');
    });

    test('the duplicate rules find the planted pairs', async () => {
      const sameId = await count(db, 'SELECT count(*)::int AS n FROM people a JOIN people b ON a.national_id = b.national_id AND a.id < b.id');
      const samePhone = await count(db, 'SELECT count(*)::int AS n FROM people a JOIN people b ON a.phone = b.phone AND a.birth_year = b.birth_year AND a.id < b.id');
      const sameName = await count(db, `SELECT count(*)::int AS n FROM people a JOIN people b
        ON a.name_folded = b.name_folded AND a.birth_date = b.birth_date AND a.commune_code = b.commune_code AND a.id < b.id`);
      assert.equal(sameId, 2);
      assert.ok(samePhone >= 2, `phone pairs ${samePhone}`);
      assert.ok(sameName >= 2, `name pairs ${sameName}`);
    });

    test('vaccination: a site per commune, 2021 doses of demo people, books that balance, current stock with warnings', async () => {
      const communes = await count(db, `SELECT count(*)::int AS n FROM units WHERE level = 'commune'`);
      assert.equal(result.vaccination.sites, communes);
      assert.equal(await count(db, 'SELECT count(*)::int AS n FROM dose_records d JOIN people p ON p.id = d.person_id WHERE p.is_demo'), result.vaccination.doses);
      assert.ok(result.vaccination.doses > result.people * 0.3, `${result.vaccination.doses} doses`);
      assert.equal(await count(db, `SELECT count(*)::int AS n FROM dose_records WHERE administered_at < '2021-01-01' OR administered_at >= '2022-01-01'`), 0);
      const books = await reconciliation(db, SYSTEM_ACTOR, undefined);
      assert.equal(books.balanced, true, JSON.stringify(books.items.filter((line) => line.gap !== 0)));
      assert.equal(books.items.length, result.vaccination.lots);
      const stock = await stockOnHand(db, SYSTEM_ACTOR, {});
      assert.ok(stock.items.every((line) => line.onHand >= 0));
      const warnings = new Set(stock.items.flatMap((line) => line.warnings));
      for (const warning of ['expired', 'expiring', 'low']) assert.ok(warnings.has(warning as never), `a ${warning} warning`);
    });

    test('vaccination booking: coming sessions with slots, registrations, bookings within capacity, one slot nearly full', async () => {
      const { sessions, slots, registrations, bookings } = result.vaccination;
      assert.ok(sessions >= 3 && slots === sessions * 3, `${sessions} sessions, ${slots} slots`);
      assert.equal(await count(db, 'SELECT count(*)::int AS n FROM vaccination_sessions'), sessions);
      assert.equal(await count(db, 'SELECT count(*)::int AS n FROM vaccination_slots'), slots);
      assert.equal(await count(db, 'SELECT count(*)::int AS n FROM vaccination_registrations r JOIN people p ON p.id = r.person_id WHERE p.is_demo'), REGISTRATIONS);
      assert.equal(registrations, REGISTRATIONS);
      assert.equal(await count(db, `SELECT count(*)::int AS n FROM vaccination_bookings WHERE status = 'booked'`), bookings);
      assert.ok(bookings >= 60, `${bookings} bookings`);
      assert.equal(await count(db, `SELECT count(*)::int AS n FROM vaccination_slots WHERE starts_at <= now()`), 0);
      assert.equal(await count(db, `SELECT count(*)::int AS n FROM vaccination_slots sl
        WHERE sl.capacity < (SELECT count(*) FROM vaccination_bookings b WHERE b.slot_id = sl.id AND b.status IN ('booked', 'attended'))`), 0);
      // status follows the bookings: booked with an active booking, waiting without
      assert.equal(await count(db, `SELECT count(*)::int AS n FROM vaccination_registrations r
        WHERE (r.status = 'booked') <> EXISTS (SELECT 1 FROM vaccination_bookings b WHERE b.registration_id = r.id AND b.status = 'booked')`), 0);
      assert.ok(await count(db, `SELECT count(*)::int AS n FROM vaccination_registrations WHERE status = 'waiting'`) > 0);
      // arrays and objects stored as such, not as text
      assert.ok(await count(db, 'SELECT count(*)::int AS n FROM vaccination_registrations WHERE cardinality(preferred_dates) > 0') > 0);
      assert.equal(await count(db, `SELECT count(*)::int AS n FROM vaccination_registrations WHERE jsonb_typeof(screening) <> 'object'`), 0);
      assert.ok(await count(db, `SELECT count(*)::int AS n FROM vaccination_registrations WHERE screening ? 'severe_allergy'`) > 0);
      // the planted duplicates register for nothing: merging them is not refused for two open registrations
      assert.equal(await count(db, `SELECT count(*)::int AS n FROM vaccination_registrations r JOIN people a ON a.id = r.person_id
        JOIN people b ON b.national_id = a.national_id AND b.id <> a.id`), 0);
      // what the public booking screen of the demo commune users' commune shows
      const [commune] = await db.query<{ code: string }>(`SELECT code FROM units WHERE parent_code = '930' ORDER BY code LIMIT 1`);
      const open = await openSessions(db, { communeCode: commune!.code });
      assert.ok(open.items.length > 0);
      assert.ok(open.items.flatMap((session) => session.slots).some((slot) => slot.remaining > 0 && slot.remaining <= 5), 'a nearly full slot');
    });

    test('a second run is refused and adds nothing', async () => {
      await assert.rejects(seedDemo(db, { seed: 7, scale: SCALE }), (error: unknown) => {
        assert.ok(error instanceof AppError);
        assert.equal(error.code, 'conflict');
        assert.match(error.message, /already loaded/);
        return true;
      });
      assert.equal(await count(db, 'SELECT count(*)::int AS n FROM people'), result.people);
    });
  });
}
