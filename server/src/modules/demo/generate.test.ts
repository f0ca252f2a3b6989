import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, test } from 'node:test';
import { foldName } from '../people/fold.js';
import { nationalIdProblem } from '../people/identity.js';
import { DEFAULT_REFERENCE_DATE, type DemoCommune, type DemoData, type DemoPerson, PEOPLE_PER_SCALE, generateDemoProvince } from './generate.js';

interface UnitJson { code: string; name: string; shortName: string; level: string; parentCode: string | null; population?: number | null }

function hauGiangCommunes(): DemoCommune[] {
  const file = new URL('../units/seed/haugiang-units.json', import.meta.url);
  const { units } = JSON.parse(fs.readFileSync(file, 'utf8')) as { units: UnitJson[] };
  return units
    .filter((u) => u.level === 'commune')
    .map((u) => ({ code: u.code, name: u.name, shortName: u.shortName, districtCode: u.parentCode, population: u.population ?? null }));
}

const communes = hauGiangCommunes();
const REFERENCE_YEAR = Number(DEFAULT_REFERENCE_DATE.slice(0, 4));
// Generated once (≈ 0.3 s) and only read by the tests below.
const demo: DemoData = generateDemoProvince({ seed: 2021, scale: 1, communes });
const duplicateIds = new Set(demo.plantedDuplicates.map((d) => d.duplicateId));
const genuine = demo.people.filter((p) => !duplicateIds.has(p.id));
const ageOf = (p: DemoPerson) => REFERENCE_YEAR - p.birthYear; // within a year of the true age
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('determinism', () => {
  test('the same seed and scale give byte-identical output', () => {
    const again = generateDemoProvince({ seed: 2021, scale: 1, communes });
    assert.equal(JSON.stringify(again), JSON.stringify(demo));
  });

  test('another seed gives other people', () => {
    const other = generateDemoProvince({ seed: 2022, scale: 1, communes });
    assert.notEqual(other.people[0]!.id, demo.people[0]!.id);
    assert.notEqual(JSON.stringify(other.people.slice(0, 50)), JSON.stringify(demo.people.slice(0, 50)));
  });

  test('the scale multiplies the number of people', () => {
    assert.equal(genuine.length, PEOPLE_PER_SCALE);
    const small = generateDemoProvince({ seed: 2021, scale: 0.1, communes });
    assert.equal(small.people.length - small.plantedDuplicates.length, PEOPLE_PER_SCALE / 10);
  });

  test('a scale of zero or below is refused', () => {
    assert.throws(() => generateDemoProvince({ seed: 1, scale: 0, communes }), /scale/);
  });
});

describe('identifiers', () => {
  test('every id is a version-4 UUID, unique across all tables', () => {
    const ids = [...demo.people, ...demo.households, ...demo.organisations].map((row) => row.id);
    for (const id of ids) assert.match(id, UUID_V4);
    assert.equal(new Set(ids).size, ids.length);
  });

  test('every national ID is a valid CCCD for its holder', () => {
    for (const p of demo.people) {
      if (p.nationalId === null) continue;
      assert.equal(nationalIdProblem(p.nationalId, p.birthYear, p.sex), null, `${p.nationalId} for ${p.sex} born ${p.birthYear}`);
      const centuryDigit = (Math.floor(p.birthYear / 100) - 19) * 2 + (p.sex === 'female' ? 1 : 0);
      assert.equal(p.nationalId[3], String(centuryDigit));
      assert.equal(p.nationalId.slice(4, 6), String(p.birthYear % 100).padStart(2, '0'));
    }
  });

  test('about 90 % of people aged 14 and over have a national ID, mostly issued in Hậu Giang', () => {
    const eligible = genuine.filter((p) => ageOf(p) >= 15);
    const withId = eligible.filter((p) => p.nationalId !== null);
    assert.ok(Math.abs(withId.length / eligible.length - 0.9) < 0.03, `${withId.length} / ${eligible.length}`);
    const local = withId.filter((p) => p.nationalId!.startsWith('093')).length / withId.length;
    assert.ok(Math.abs(local - 0.85) < 0.03, `093 share ${local}`);
    assert.ok(genuine.filter((p) => ageOf(p) < 13).every((p) => p.nationalId === null));
  });

  test('national IDs and phones are unique except in planted duplicates', () => {
    const ids = genuine.flatMap((p) => (p.nationalId ? [p.nationalId] : []));
    assert.equal(new Set(ids).size, ids.length);
    const phones = [...genuine.flatMap((p) => (p.phone ? [p.phone] : [])), ...demo.organisations.flatMap((o) => (o.phone ? [o.phone] : []))];
    assert.equal(new Set(phones).size, phones.length);
  });

  test('phones are +84 and 9 digits with a mobile prefix, for about 75 % of adults only', () => {
    for (const p of demo.people) if (p.phone !== null) assert.match(p.phone, /^\+84(3[2-9]|5[2689]|7[06-9]|8[1-689]|9[0-46-9])[0-9]{7}$/);
    const adults = genuine.filter((p) => ageOf(p) >= 19);
    const share = adults.filter((p) => p.phone !== null).length / adults.length;
    assert.ok(Math.abs(share - 0.75) < 0.03, `phone share ${share}`);
    assert.ok(genuine.filter((p) => ageOf(p) < 17).every((p) => p.phone === null));
  });
});

describe('people', () => {
  test('birth_year is the year of birth_date, and about 10 % have only a year', () => {
    for (const p of demo.people) {
      if (p.birthDate !== null) {
        assert.match(p.birthDate, /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/);
        assert.equal(Number(p.birthDate.slice(0, 4)), p.birthYear);
        assert.ok(p.birthDate <= DEFAULT_REFERENCE_DATE, `born ${p.birthDate}, after the reference date`);
      }
    }
    const onlyYear = genuine.filter((p) => p.birthDate === null).length / genuine.length;
    assert.ok(onlyYear > 0.07 && onlyYear < 0.13, `only-year share ${onlyYear}`);
  });

  test('names are consistent with sex', () => {
    for (const p of demo.people) {
      const words = foldName(p.fullName).split(' ');
      assert.ok(words.length >= 3 && words.length <= 4, p.fullName);
      if (p.fullName.includes(' Thị ')) assert.equal(p.sex, 'female', p.fullName);
      if (p.fullName.includes(' Văn ')) assert.equal(p.sex, 'male', p.fullName);
    }
    const nguyen = genuine.filter((p) => p.fullName.startsWith('Nguyễn ')).length / genuine.length;
    assert.ok(nguyen > 0.3 && nguyen < 0.46, `Nguyễn share ${nguyen}`);
  });

  test('ages follow a realistic pyramid (median 30–37, about half women, a few above 80)', () => {
    const ages = genuine.map(ageOf).sort((a, b) => a - b);
    const median = ages[ages.length >> 1]!;
    assert.ok(median >= 30 && median <= 37, `median age ${median}`);
    const children = ages.filter((a) => a < 15).length / ages.length;
    assert.ok(children > 0.15 && children < 0.27, `under 15: ${children}`);
    assert.ok(ages.filter((a) => a >= 80).length > 0);
    const women = genuine.filter((p) => p.sex === 'female').length / genuine.length;
    assert.ok(Math.abs(women - 0.5) < 0.03, `women ${women}`);
  });

  test('people per commune follow the known populations, others get an even share', () => {
    const counts = new Map<string, number>();
    for (const p of genuine) counts.set(p.communeCode, (counts.get(p.communeCode) ?? 0) + 1);
    const known = communes.filter((c) => c.population !== null);
    const unknown = communes.filter((c) => c.population === null);
    const meanKnown = known.reduce((sum, c) => sum + c.population!, 0) / known.length;
    const totalWeight = known.reduce((sum, c) => sum + c.population!, 0) + unknown.length * meanKnown;
    for (const c of known) {
      const expected = (PEOPLE_PER_SCALE * c.population!) / totalWeight;
      assert.ok(Math.abs(counts.get(c.code)! - expected) <= 1, `${c.name}: ${counts.get(c.code)} vs ${expected}`);
    }
    const unknownCounts = unknown.map((c) => counts.get(c.code)!);
    assert.ok(Math.max(...unknownCounts) - Math.min(...unknownCounts) <= 1);
  });

  test('everyone lives at an address of their commune', () => {
    const names = new Map(communes.map((c) => [c.code, c]));
    for (const p of demo.people.slice(0, 2000)) {
      const commune = names.get(p.communeCode)!;
      assert.ok(p.address.endsWith(`, ${commune.shortName}`) || p.address.endsWith(`, ${commune.name}`), `${p.address} in ${commune.name}`);
    }
  });
});

describe('households', () => {
  test('the mean size is between 3.2 and 3.9, with sizes from 1 to 8 and more', () => {
    const sizes = new Map<string, number>();
    for (const m of demo.householdMembers) sizes.set(m.householdId, (sizes.get(m.householdId) ?? 0) + 1);
    const mean = demo.householdMembers.length / demo.households.length;
    assert.ok(mean >= 3.2 && mean <= 3.9, `mean ${mean}`);
    const seen = new Set([...sizes.values()].map((s) => Math.min(s, 8)));
    assert.deepEqual([...seen].sort(), [1, 2, 3, 4, 5, 6, 7, 8]);
  });

  test('every household has exactly one head, an adult, who is its head_person_id', () => {
    const people = new Map(demo.people.map((p) => [p.id, p]));
    const heads = new Map<string, string[]>();
    for (const m of demo.householdMembers) if (m.relation === 'head') heads.set(m.householdId, [...(heads.get(m.householdId) ?? []), m.personId]);
    for (const h of demo.households) {
      assert.deepEqual(heads.get(h.id), [h.headPersonId]);
      assert.ok(ageOf(people.get(h.headPersonId)!) >= 18);
    }
  });

  test('everyone but the planted duplicates belongs to exactly one household of their own commune', () => {
    const households = new Map(demo.households.map((h) => [h.id, h]));
    const memberships = new Map(demo.householdMembers.map((m) => [m.personId, m.householdId]));
    assert.equal(memberships.size, demo.householdMembers.length);
    for (const p of genuine) assert.equal(households.get(memberships.get(p.id)!)!.communeCode, p.communeCode);
    for (const id of duplicateIds) assert.equal(memberships.has(id), false);
  });
});

describe('planted duplicates', () => {
  test('about 0.1 % of records, each kind represented', () => {
    assert.equal(demo.plantedDuplicates.length, PEOPLE_PER_SCALE / 1000);
    const kinds = new Set(demo.plantedDuplicates.map((d) => d.kind));
    assert.deepEqual([...kinds].sort(), ['name_birth_date_commune', 'national_id', 'phone_birth_year']);
  });

  test('each copy matches its original by the rule of its kind', () => {
    const people = new Map(demo.people.map((p) => [p.id, p]));
    for (const d of demo.plantedDuplicates) {
      const a = people.get(d.originalId)!;
      const b = people.get(d.duplicateId)!;
      assert.equal(b.communeCode, a.communeCode);
      if (d.kind === 'national_id') assert.equal(b.nationalId, a.nationalId);
      if (d.kind === 'phone_birth_year') {
        assert.ok(a.phone !== null && b.phone === a.phone && b.birthYear === a.birthYear);
        assert.notEqual(b.fullName, a.fullName);
        assert.equal(b.nationalId, null);
      }
      if (d.kind === 'name_birth_date_commune') {
        assert.ok(a.birthDate !== null && b.birthDate === a.birthDate);
        assert.equal(foldName(b.fullName), foldName(a.fullName));
        assert.notEqual(b.fullName, a.fullName);
        assert.equal(b.nationalId, null);
      }
    }
  });
});

describe('organisations', () => {
  test('about one per 150 people, with unique names', () => {
    assert.equal(demo.organisations.length, Math.round(genuine.length / 150));
    assert.equal(new Set(demo.organisations.map((o) => o.name)).size, demo.organisations.length);
    assert.ok(new Set(demo.organisations.map((o) => o.kind)).size >= 8);
  });

  test('members are distinct working-age adults of the same district', () => {
    const people = new Map(demo.people.map((p) => [p.id, p]));
    const district = new Map(communes.map((c) => [c.code, c.districtCode]));
    const organisations = new Map(demo.organisations.map((o) => [o.id, o]));
    const pairs = new Set<string>();
    for (const m of demo.organisationMembers) {
      const person = people.get(m.personId)!;
      const organisation = organisations.get(m.organisationId)!;
      assert.equal(district.get(person.communeCode), district.get(organisation.communeCode));
      assert.ok(ageOf(person) >= 18 && ageOf(person) <= 63, `age ${ageOf(person)}`);
      assert.ok(!duplicateIds.has(m.personId));
      pairs.add(`${m.organisationId} ${m.personId}`);
    }
    assert.equal(pairs.size, demo.organisationMembers.length);
  });
});
