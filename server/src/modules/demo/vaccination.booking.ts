// Demo registration and booking (issue #8, 0017): sessions over the next two weeks at the sites
// that hold a current lot, about 200 registrations of adults not yet fully vaccinated (groups their
// age allows), most of those near a session booked into its slots, and one slot nearly full.
// Pure and deterministic for a seed; the days count from `now` in Vietnam, like the current lots.
import type { Catalogue } from '../vaccination/catalogue.js';
import { addDays, todayInVietnam } from '../open/time.js';
import { ageOn, groupProblem, priorityGroup } from '../vaccination/registration.groups.js';
import type { DemoVaccination, VaccinationPerson } from './vaccination.js';
import { type Random, weighted } from './random.js';

const HOUR_MS = 3_600_000;
export const REGISTRATIONS = 200;
/** Doses a site should hold of a lot to plan a session with it (when it holds such a lot). */
const MIN_SESSION_STOCK = 20;
export const SESSION_DAYS = 14;
const SLOT_TIMES = [['07:30', '09:30'], ['09:30', '11:30'], ['13:30', '16:00']] as const;
export const SLOT_CAPACITY = 50;
/** Places taken in the nearly full slot (of SLOT_CAPACITY). */
export const NEARLY_FULL = 47;
/** Share of the registrations near a session that have booked a place. */
const BOOKED_SHARE = 0.55;

const ADULT_GROUPS = weighted<string>([
  ['others', 35], ['chronic_disease', 12], ['epidemic_area', 10], ['teachers', 8], ['essential_services', 8], ['poor_social_policy', 8],
  ['frontline_forces', 6], ['health_workers', 5], ['military_police', 4], ['diplomats_travel', 2], ['international_workers', 2],
]);
const ELDERLY_GROUPS = weighted<string>([['elderly_65', 70], ['chronic_disease', 20], ['poor_social_policy', 10]]);
const SCREENING_QUESTIONS = ['allergy_previous_dose', 'severe_allergy', 'acute_illness', 'immunosuppressed', 'covid_last_90_days', 'bleeding_disorder'] as const;

export interface BookingPerson extends VaccinationPerson { birthDate: string | null; sex: string; phone: string | null }
export interface DemoSession { id: string; siteId: string; sessionDate: string; productCode: string; createdAt: Date }
export interface DemoSlot { id: string; sessionId: string; startsAt: Date; endsAt: Date; capacity: number }
export interface DemoRegistration {
  id: string; personId: string; priorityGroup: string; priorityRank: number; preferredSiteId: string | null; preferredDates: string[];
  communeCode: string; screening: Record<string, boolean>; channel: 'self' | 'staff'; status: 'waiting' | 'booked'; createdAt: Date; updatedAt: Date;
}
export interface DemoBooking { id: string; sessionId: string; slotId: string; personId: string; registrationId: string; channel: 'self' | 'staff'; bookedAt: Date }
export interface DemoBookings { sessions: DemoSession[]; slots: DemoSlot[]; registrations: DemoRegistration[]; bookings: DemoBooking[]; nearlyFullSlotId: string | null }

export interface BookingDemoInput {
  random: Random;
  people: readonly BookingPerson[];
  vaccination: DemoVaccination;
  catalogue: Catalogue;
  now: Date;
  /** People left out (the planted duplicates: a merge of two open registrations is refused). */
  excluded?: ReadonlySet<string>;
}

/** People whose 2021 primary series is complete (the number of doses of their first product). */
function fullyVaccinated(vaccination: DemoVaccination, catalogue: Catalogue): Set<string> {
  const first = new Map<string, string>();
  const primary = new Map<string, number>();
  for (const dose of vaccination.doses) {
    if (dose.doseNumber === 1) first.set(dose.personId, dose.productCode);
    if (dose.kind === 'primary') primary.set(dose.personId, (primary.get(dose.personId) ?? 0) + 1);
  }
  return new Set([...first].filter(([personId, code]) => (primary.get(personId) ?? 0) >= (catalogue.get(code)?.primaryDoses ?? Infinity)).map(([id]) => id));
}

/** A day from today+from to today+to (Vietnam), not a Sunday: health stations vaccinate from Monday to Saturday. */
function workingDay(random: Random, today: string, from: number, to: number): string {
  const days = Array.from({ length: to - from + 1 }, (_, i) => addDays(today, from + i));
  const working = days.filter((day) => new Date(`${day}T00:00:00Z`).getUTCDay() !== 0);
  // only when from = to falls on a Sunday: the Monday after
  return working.length > 0 ? random.pick(working) : addDays(days.at(-1)!, 1);
}

/** Sessions at the sites holding a lot not expired on the session day, with that lot's product. */
function planSessions(random: Random, vaccination: DemoVaccination, today: string, now: Date): Pick<DemoBookings, 'sessions' | 'slots'> {
  const onHand = new Map<string, number>();
  for (const m of vaccination.movements) if (m.siteId) onHand.set(`${m.siteId}|${m.lotId}`, (onHand.get(`${m.siteId}|${m.lotId}`) ?? 0) + m.doses);
  const sessions: DemoSession[] = [];
  const slots: DemoSlot[] = [];
  for (const site of vaccination.sites) {
    const held = vaccination.lots.filter((lot) => (onHand.get(`${site.id}|${lot.id}`) ?? 0) > 0 && lot.expiresOn > addDays(today, 1));
    if (held.length === 0) continue;
    // a session each week; the first site's first one on the next working day, so that the
    // reminders for tomorrow and the nearly full slot are close at hand
    const first = sessions.length === 0;
    for (const sessionDate of [workingDay(random, today, 1, first ? 1 : 7), workingDay(random, today, 8, SESSION_DAYS)]) {
      const fresh = held.filter((lot) => lot.expiresOn >= sessionDate);
      // a lot with a few vials left is not enough for a day of vaccination
      const usable = fresh.some((l) => onHand.get(`${site.id}|${l.id}`)! >= MIN_SESSION_STOCK) ? fresh.filter((l) => onHand.get(`${site.id}|${l.id}`)! >= MIN_SESSION_STOCK) : fresh;
      if (usable.length === 0) continue;
      // the product of a lot the site holds, the larger its stock the likelier
      const lot = weighted(usable.map((l) => [l, onHand.get(`${site.id}|${l.id}`)!] as const))(random);
      const session = { id: random.uuid(), siteId: site.id, sessionDate, productCode: lot.productCode, createdAt: new Date(now.getTime() - random.int(24, 96) * HOUR_MS) };
      sessions.push(session);
      for (const [start, end] of SLOT_TIMES) {
        slots.push({ id: random.uuid(), sessionId: session.id, startsAt: new Date(`${sessionDate}T${start}:00+07:00`), endsAt: new Date(`${sessionDate}T${end}:00+07:00`), capacity: SLOT_CAPACITY });
      }
    }
  }
  sessions.sort((a, b) => a.sessionDate.localeCompare(b.sessionDate));
  return { sessions, slots };
}

function chooseGroup(random: Random, person: BookingPerson, today: string): string {
  const age = ageOn(today, person.birthDate, person.birthYear);
  const code = (age >= 65 ? ELDERLY_GROUPS : ADULT_GROUPS)(random);
  return groupProblem(code, person, today) === null ? code : 'others';
}

function screeningAnswers(random: Random): Record<string, boolean> {
  if (!random.chance(0.4)) return {};
  return Object.fromEntries(SCREENING_QUESTIONS.map((question) => [question, question === 'immunosuppressed' && random.chance(0.05)]));
}

export function generateBookings(input: BookingDemoInput): DemoBookings {
  const { random, vaccination, now } = input;
  const today = todayInVietnam(now);
  const { sessions, slots } = planSessions(random, vaccination, today, now);
  const siteOf = new Map(vaccination.sites.map((site) => [site.communeCode, site]));
  const siteById = new Map(vaccination.sites.map((site) => [site.id, site]));
  const sessionDistricts = new Set(sessions.map((s) => siteById.get(s.siteId)!.districtCode));
  const done = fullyVaccinated(vaccination, input.catalogue);
  const eligible = input.people.filter((p) => siteOf.has(p.communeCode) && !done.has(p.id) && !input.excluded?.has(p.id) && ageOn(today, p.birthDate, p.birthYear) >= 18);
  // most registrations near a session (they can book), the rest elsewhere (they wait for an invitation)
  const near = random.shuffle(eligible.filter((p) => sessionDistricts.has(siteOf.get(p.communeCode)!.districtCode)));
  const far = random.shuffle(eligible.filter((p) => !sessionDistricts.has(siteOf.get(p.communeCode)!.districtCode)));
  const nearCount = Math.min(near.length, Math.max(Math.round(REGISTRATIONS * 0.75), REGISTRATIONS - far.length));
  const chosen = [...near.slice(0, nearCount), ...far.slice(0, REGISTRATIONS - nearCount)];

  const registrations = chosen.map((person): DemoRegistration => {
    const group = chooseGroup(random, person, today);
    const createdAt = new Date(now.getTime() - random.int(2 * 24, 30 * 24) * HOUR_MS - random.int(0, 59) * 60_000);
    const preferredDates = random.chance(0.3) ? [...new Set(Array.from({ length: random.int(1, 3) }, () => addDays(today, random.int(1, SESSION_DAYS))))].sort() : [];
    return {
      id: random.uuid(), personId: person.id, priorityGroup: group, priorityRank: priorityGroup(group)!.order,
      preferredSiteId: random.chance(0.8) ? siteOf.get(person.communeCode)!.id : null, preferredDates, communeCode: person.communeCode,
      screening: screeningAnswers(random), channel: person.phone && random.chance(0.65) ? 'self' : 'staff', status: 'waiting', createdAt, updatedAt: createdAt,
    };
  }).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());

  const taken = new Map(slots.map((slot) => [slot.id, 0]));
  const bookings: DemoBooking[] = [];
  const districtOf = (r: DemoRegistration) => siteOf.get(r.communeCode)!.districtCode;
  const book = (registration: DemoRegistration, slot: DemoSlot) => {
    const session = sessions.find((s) => s.id === slot.sessionId)!;
    const from = Math.max(registration.createdAt.getTime(), session.createdAt.getTime());
    const bookedAt = new Date(from + Math.floor(random.next() * (now.getTime() - from)));
    const channel: DemoBooking['channel'] = registration.channel === 'self' && random.chance(0.85) ? 'self' : 'staff';
    bookings.push({ id: random.uuid(), sessionId: session.id, slotId: slot.id, personId: registration.personId, registrationId: registration.id, channel, bookedAt });
    taken.set(slot.id, taken.get(slot.id)! + 1);
    registration.status = 'booked';
    registration.updatedAt = bookedAt;
  };

  // the nearly full slot: the first slot of the first site's earliest session (the demo commune users' site)
  const firstSession = sessions.find((s) => s.siteId === vaccination.sites[0]?.id) ?? sessions[0];
  const nearlyFull = firstSession ? slots.find((slot) => slot.sessionId === firstSession.id)! : undefined;
  if (nearlyFull && firstSession) {
    const district = siteById.get(firstSession.siteId)!.districtCode;
    const pool = registrations.filter((r) => districtOf(r) === district);
    const ordered = [...pool.filter((r) => r.preferredSiteId === firstSession.siteId), ...pool.filter((r) => r.preferredSiteId !== firstSession.siteId)];
    for (const registration of ordered.slice(0, NEARLY_FULL)) book(registration, nearlyFull);
    // a small district: shrink the slot so that it is still nearly full
    if (taken.get(nearlyFull.id)! < NEARLY_FULL) nearlyFull.capacity = taken.get(nearlyFull.id)! + SLOT_CAPACITY - NEARLY_FULL;
  }
  for (const registration of registrations) {
    if (registration.status !== 'waiting' || !random.chance(BOOKED_SHARE)) continue;
    const inDistrict = sessions.filter((s) => siteById.get(s.siteId)!.districtCode === districtOf(registration));
    const preferred = inDistrict.filter((s) => s.siteId === registration.preferredSiteId);
    const open = (list: DemoSession[]) => slots.filter((slot) => slot !== nearlyFull && list.some((s) => s.id === slot.sessionId) && taken.get(slot.id)! < slot.capacity);
    const choices = open(preferred).length > 0 ? open(preferred) : open(inDistrict);
    if (choices.length > 0) book(registration, random.pick(choices));
  }
  return { sessions, slots, registrations, bookings, nearlyFullSlotId: nearlyFull?.id ?? null };
}
