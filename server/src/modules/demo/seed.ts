// Loads the demo province into the database: one transaction, rows sent in batches of
// unnest() arrays (one statement per ~5,000 rows, on PGlite and PostgreSQL alike).
import type { Database, Queryable } from '../../db/database.js';
import { conflict, unprocessable } from '../../platform/errors.js';
import { foldName } from '../people/fold.js';
import { type DemoCommune, type DemoData, generateDemoProvince } from './generate.js';
import { createRandom } from './random.js';
import { BATCH_ROWS, insertRows } from './rows.js';
import { CHECKIN_DAYS, SCANS_PER_DAY_PER_SCALE, VENUES_PER_SCALE, generateCheckins, generateVenues } from './venues.js';
import { DEMO_STAFF_PASSWORD, demoStaffPasswordHash, insertDemoStaff } from './staff.js';
import { insertDemoVaccination, type VaccinationSeedResult } from './vaccination.seed.js';

export interface SeedDemoOptions {
  seed?: number;
  /** 1 ≈ 20,000 people. */
  scale?: number;
}

export interface SeedDemoResult {
  people: number;
  households: number;
  organisations: number;
  venues: number;
  checkins: number;
  /** Vaccination sites, lots, 2021 doses, and the coming sessions, registrations and bookings. */
  vaccination: VaccinationSeedResult;
  /** Demo staff users created, one per role and unit level; they share staffPassword. */
  staffUsers: string[];
  staffPassword: string;
}

export { BATCH_ROWS };
// Any fixed number (next to the migration lock's): two seeders started at once run one after the other.
const SEED_LOCK = 7_310_002;

async function insertDemo(tx: Queryable, data: DemoData): Promise<void> {
  const demo = { is_demo: 'true' };
  await insertRows(tx, 'people', [
    { name: 'id', type: 'uuid', value: (p) => p.id },
    { name: 'full_name', type: 'text', value: (p) => p.fullName },
    { name: 'name_folded', type: 'text', value: (p) => foldName(p.fullName) },
    { name: 'national_id', type: 'text', value: (p) => p.nationalId },
    { name: 'birth_date', type: 'date', value: (p) => p.birthDate },
    { name: 'birth_year', type: 'int', value: (p) => p.birthYear },
    { name: 'sex', type: 'text', value: (p) => p.sex },
    { name: 'phone', type: 'text', value: (p) => p.phone },
    { name: 'address', type: 'text', value: (p) => p.address },
    { name: 'commune_code', type: 'text', value: (p) => p.communeCode },
  ], data.people, demo);
  await insertRows(tx, 'households', [
    { name: 'id', type: 'uuid', value: (h) => h.id },
    { name: 'head_person_id', type: 'uuid', value: (h) => h.headPersonId },
    { name: 'address', type: 'text', value: (h) => h.address },
    { name: 'commune_code', type: 'text', value: (h) => h.communeCode },
  ], data.households, demo);
  await insertRows(tx, 'household_members', [
    { name: 'person_id', type: 'uuid', value: (m) => m.personId },
    { name: 'household_id', type: 'uuid', value: (m) => m.householdId },
    { name: 'relation', type: 'text', value: (m) => m.relation },
  ], data.householdMembers);
  await insertRows(tx, 'organisations', [
    { name: 'id', type: 'uuid', value: (o) => o.id },
    { name: 'name', type: 'text', value: (o) => o.name },
    { name: 'name_folded', type: 'text', value: (o) => foldName(o.name) },
    { name: 'kind', type: 'text', value: (o) => o.kind },
    { name: 'commune_code', type: 'text', value: (o) => o.communeCode },
    { name: 'address', type: 'text', value: (o) => o.address },
    { name: 'phone', type: 'text', value: (o) => o.phone },
  ], data.organisations, demo);
  await insertRows(tx, 'organisation_members', [
    { name: 'organisation_id', type: 'uuid', value: (m) => m.organisationId },
    { name: 'person_id', type: 'uuid', value: (m) => m.personId },
    { name: 'team', type: 'text', value: (m) => m.team },
  ], data.organisationMembers);
}

/** QR venues and the last days' check-ins; venues need positions, so they are not plain unnest columns. */
async function insertVenuesAndCheckins(tx: Queryable, seed: number, scale: number, communes: readonly DemoCommune[], personIds: readonly string[]) {
  // Its own stream: adding venues leaves the people, households and organisations unchanged.
  const random = createRandom(seed ^ 0x51a7);
  const venues = generateVenues(random, communes, Math.round(VENUES_PER_SCALE * scale));
  for (let start = 0; start < venues.length; start += BATCH_ROWS) {
    const batch = venues.slice(start, start + BATCH_ROWS);
    await tx.query(
      `INSERT INTO venues (id, name, address, kind, commune_code, position, owner_name, default_dwell_minutes, is_demo)
       SELECT v.id, v.name, v.address, v.kind, v.commune_code, ST_SetSRID(ST_MakePoint(v.lon, v.lat), 4326)::geography, v.owner_name, v.dwell, true
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::float8[], $7::float8[], $8::text[], $9::int[])
            AS v(id, name, address, kind, commune_code, lon, lat, owner_name, dwell)`,
      [batch.map((v) => v.id), batch.map((v) => v.name), batch.map((v) => v.address), batch.map((v) => v.kind), batch.map((v) => v.communeCode),
        batch.map((v) => v.lon), batch.map((v) => v.lat), batch.map((v) => v.ownerName), batch.map((v) => v.defaultDwellMinutes)],
    );
  }
  const checkins = generateCheckins(random, venues, personIds, Math.round(SCANS_PER_DAY_PER_SCALE * scale), CHECKIN_DAYS, new Date());
  await insertRows(tx, 'checkins', [
    { name: 'id', type: 'uuid', value: (c) => c.id },
    { name: 'venue_id', type: 'uuid', value: (c) => c.venueId },
    { name: 'person_id', type: 'uuid', value: (c) => c.personId },
    { name: 'checked_in_at', type: 'timestamptz', value: (c) => c.checkedInAt },
    { name: 'checked_out_at', type: 'timestamptz', value: (c) => c.checkedOutAt },
  ], checkins, { method: `'venue_qr'` });
  return { venues: venues.length, checkins: checkins.length };
}

async function readCommunes(tx: Queryable): Promise<DemoCommune[]> {
  const rows = await tx.query<{ code: string; name: string; short_name: string; parent_code: string | null; population: number | null }>(
    `SELECT code, name, short_name, parent_code, population FROM units WHERE level = 'commune' ORDER BY code`,
  );
  return rows.map((row) => ({
    code: row.code,
    name: row.name,
    shortName: row.short_name,
    districtCode: row.parent_code,
    population: row.population,
  }));
}

/**
 * Generates the demo province from the communes in `units` and inserts it, marked is_demo,
 * in one transaction; also sets the setting demo = '1'. Refuses when demo people already exist.
 */
export async function seedDemo(db: Database, options: SeedDemoOptions = {}): Promise<SeedDemoResult> {
  const { seed = 2021, scale = 1 } = options;
  const staffHash = await demoStaffPasswordHash();
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK]);
    const [existing] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM people WHERE is_demo');
    if ((existing?.n ?? 0) > 0) {
      throw conflict(`the demo data is already loaded (${existing!.n} demo people); seeding again would duplicate it`);
    }
    const communes = await readCommunes(tx);
    if (communes.length === 0) throw unprocessable('no communes in the units table: load the unit tree before the demo data');

    const data = generateDemoProvince({ seed, scale, communes });
    await insertDemo(tx, data);
    const adults = data.people.filter((p) => p.birthYear <= 2005).map((p) => p.id);
    const presence = await insertVenuesAndCheckins(tx, seed, scale, communes, adults);
    const staffUsers = await insertDemoStaff(tx, staffHash);
    const duplicates = new Set(data.plantedDuplicates.flatMap((d) => [d.originalId, d.duplicateId]));
    const vaccination = await insertDemoVaccination(tx, seed, communes, data.people, new Date(), duplicates);
    await tx.query(`INSERT INTO settings (key, value) VALUES ('demo', '1') ON CONFLICT (key) DO UPDATE SET value = '1'`);
    return { people: data.people.length, households: data.households.length, organisations: data.organisations.length, ...presence, vaccination, staffUsers, staffPassword: DEMO_STAFF_PASSWORD };
  });
}
