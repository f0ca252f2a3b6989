// The demo sessions, registrations and bookings: deterministic, every row allowed by 0017 and by
// the rules of registration and booking (groups the age allows, capacities, no booking in the past).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { addDays, todayInVietnam } from '../open/time.js';
import { CATALOGUE, catalogueByCode } from '../vaccination/catalogue.js';
import { ageOn, groupProblem, priorityGroup } from '../vaccination/registration.groups.js';
import { createRandom } from './random.js';
import { type BookingPerson, NEARLY_FULL, REGISTRATIONS, SESSION_DAYS, generateBookings } from './vaccination.booking.js';
import { generateVaccination } from './vaccination.js';

const catalogue = catalogueByCode(CATALOGUE);
const communes = [
  { code: '31321', name: 'Phường III', districtCode: '930', population: 10_000 },
  { code: '31324', name: 'Phường IV', districtCode: '930', population: 8_000 },
  { code: '31340', name: 'Phường Ngã Bảy', districtCode: '931', population: 9_000 },
];
const seedRandom = createRandom(3);
const people: BookingPerson[] = Array.from({ length: 3_000 }, (_, i) => {
  const birthYear = 1940 + (i % 80);
  return {
    id: seedRandom.uuid(), birthYear, communeCode: communes[i % 3]!.code, sex: i % 2 === 0 ? 'female' : 'male',
    birthDate: i % 7 === 0 ? null : `${birthYear}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
    phone: i % 4 === 0 ? null : `09${String(i).padStart(8, '0')}`,
  };
});
// 20:00 UTC is already the next day in Vietnam: the sessions start the day after that
const NOW = new Date('2026-11-26T20:00:00Z');
const TODAY = todayInVietnam(NOW);
const vaccination = generateVaccination({ random: createRandom(7), provinceCode: '93', communes, people, catalogue, now: NOW });
// e.g. the planted duplicates, which the seed leaves out
const excluded = new Set(people.slice(0, 300).map((p) => p.id));
const make = () => generateBookings({ random: createRandom(11), people, vaccination, catalogue, now: NOW, excluded });
const demo = make();
const personOf = new Map(people.map((p) => [p.id, p]));
const siteOf = new Map(vaccination.sites.map((s) => [s.id, s]));
const sessionOf = new Map(demo.sessions.map((s) => [s.id, s]));
const slotOf = new Map(demo.slots.map((s) => [s.id, s]));

describe('demo registrations and bookings', () => {
  test('the same seed gives the same data', () => {
    assert.equal(JSON.stringify(make()), JSON.stringify(demo));
  });

  test('sessions over the next two weeks (Vietnam days), at sites holding an unexpired lot of the product, three slots each', () => {
    assert.equal(TODAY, '2026-11-27');
    assert.ok(demo.sessions.length >= 3, `${demo.sessions.length} sessions`);
    const onHand = new Map<string, number>();
    for (const m of vaccination.movements) if (m.siteId) onHand.set(`${m.siteId}|${m.lotId}`, (onHand.get(`${m.siteId}|${m.lotId}`) ?? 0) + m.doses);
    for (const session of demo.sessions) {
      assert.ok(session.sessionDate > TODAY && session.sessionDate <= addDays(TODAY, SESSION_DAYS), session.sessionDate);
      assert.ok(vaccination.lots.some((lot) => lot.productCode === session.productCode && lot.expiresOn >= session.sessionDate && (onHand.get(`${session.siteId}|${lot.id}`) ?? 0) > 0), JSON.stringify(session));
      assert.ok(session.createdAt < NOW);
      const slots = demo.slots.filter((slot) => slot.sessionId === session.id);
      assert.equal(slots.length, 3);
      for (const slot of slots) {
        assert.ok(slot.startsAt > NOW && slot.endsAt > slot.startsAt && slot.capacity >= 1 && slot.capacity <= 10_000);
        assert.equal(todayInVietnam(slot.startsAt), session.sessionDate);
      }
    }
    // two sessions of one site never fall on the same day
    assert.equal(new Set(demo.sessions.map((s) => `${s.siteId}|${s.sessionDate}`)).size, demo.sessions.length);
  });

  test('registrations: adults not yet fully vaccinated, one each, in a group their age allows, preferring a site of their commune', () => {
    assert.equal(demo.registrations.length, REGISTRATIONS);
    assert.equal(new Set(demo.registrations.map((r) => r.personId)).size, REGISTRATIONS);
    assert.ok(demo.registrations.every((r) => !excluded.has(r.personId)));
    const primaries = new Map<string, number>();
    const first = new Map<string, string>();
    for (const dose of vaccination.doses) {
      if (dose.doseNumber === 1) first.set(dose.personId, dose.productCode);
      if (dose.kind === 'primary') primaries.set(dose.personId, (primaries.get(dose.personId) ?? 0) + 1);
    }
    for (const r of demo.registrations) {
      const person = personOf.get(r.personId)!;
      const age = ageOn(TODAY, person.birthDate, person.birthYear);
      assert.ok(age >= 18, `age ${age}`);
      if (first.has(person.id)) assert.ok(primaries.get(person.id)! < catalogue.get(first.get(person.id)!)!.primaryDoses, `${person.id} is fully vaccinated`);
      assert.equal(groupProblem(r.priorityGroup, person, TODAY), null, `${r.priorityGroup} at ${age}`);
      if (r.priorityGroup === 'elderly_65') assert.ok(age >= 65);
      assert.equal(r.priorityRank, priorityGroup(r.priorityGroup)!.order);
      assert.equal(r.communeCode, person.communeCode);
      if (r.preferredSiteId) assert.equal(siteOf.get(r.preferredSiteId)!.communeCode, person.communeCode);
      if (r.channel === 'self') assert.ok(person.phone, 'a citizen registers with a phone');
      assert.ok(r.preferredDates.length <= 7 && r.preferredDates.every((d) => d > TODAY && d <= addDays(TODAY, SESSION_DAYS)));
      assert.ok(r.createdAt < NOW && r.updatedAt >= r.createdAt && r.updatedAt <= NOW);
    }
    assert.deepEqual(new Set(demo.registrations.map((r) => r.channel)), new Set(['self', 'staff']));
    assert.ok(demo.registrations.some((r) => r.priorityGroup === 'elderly_65'));
    assert.ok(new Set(demo.registrations.map((r) => r.priorityGroup)).size >= 6);
  });

  test('bookings: never beyond a slot\'s capacity, one per person and session, in the person\'s district, none in the past', () => {
    assert.ok(demo.bookings.length >= 60, `${demo.bookings.length} bookings`);
    const taken = new Map<string, number>();
    const perSession = new Set<string>();
    for (const b of demo.bookings) {
      const slot = slotOf.get(b.slotId)!;
      const session = sessionOf.get(b.sessionId)!;
      assert.equal(slot.sessionId, session.id);
      assert.ok(slot.startsAt > NOW, 'no booking in the past');
      const registration = demo.registrations.find((r) => r.id === b.registrationId)!;
      assert.equal(registration.personId, b.personId);
      assert.equal(registration.status, 'booked');
      assert.ok(b.bookedAt >= registration.createdAt && b.bookedAt >= session.createdAt && b.bookedAt <= NOW);
      const district = (communeCode: string) => communes.find((c) => c.code === communeCode)!.districtCode;
      assert.equal(district(siteOf.get(session.siteId)!.communeCode), district(personOf.get(b.personId)!.communeCode));
      assert.ok(!perSession.has(`${b.personId}|${b.sessionId}`), 'one active booking per person and session');
      perSession.add(`${b.personId}|${b.sessionId}`);
      taken.set(b.slotId, (taken.get(b.slotId) ?? 0) + 1);
    }
    for (const slot of demo.slots) assert.ok((taken.get(slot.id) ?? 0) <= slot.capacity, `slot ${slot.id}: ${taken.get(slot.id)} of ${slot.capacity}`);
    const booked = new Set(demo.bookings.map((b) => b.registrationId));
    for (const r of demo.registrations) assert.equal(r.status, booked.has(r.id) ? 'booked' : 'waiting');
    assert.ok(demo.registrations.some((r) => r.status === 'waiting'));
  });

  test('one slot is nearly full', () => {
    const slot = slotOf.get(demo.nearlyFullSlotId!)!;
    const taken = demo.bookings.filter((b) => b.slotId === slot.id).length;
    assert.equal(taken, NEARLY_FULL);
    assert.ok(slot.capacity - taken > 0 && slot.capacity - taken <= 5, `${taken} of ${slot.capacity}`);
  });
});
