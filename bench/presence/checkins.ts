// A stream of check-ins in time order, in bounded memory (one day's pending follow-up visits
// at most), deterministic from the seed:
// - each day gets its share of the total by the weekly pattern of each kind of venue;
// - within a day, arrivals follow the kinds' hourly curves, minute by minute, in local time;
// - who arrives is drawn from a Zipf–Mandelbrot law over people (a few very active people:
//   traders, drivers, staff; most people a few times in the period);
// - people go mostly to venues in their own commune, less to their district, sometimes anywhere
//   (bus stations, hospitals and checkpoints draw from further away);
// - a visit is followed by another visit of the same person later that day with probability
//   `followShare` (so people visit several venues a day, in a plausible order);
// - stays are log-normal around the kind's dwell time; ~70 % record a check-out.
import type { CheckinMethod } from '../../server/src/modules/checkins/schema.js';
import { apportion } from '../../server/src/modules/demo/model.js';
import { createRandom, type Random } from '../../server/src/modules/demo/random.js';
import { cumulative, drawIndex, hash32, indexedUuid, localMidnight } from './common.js';
import { KIND_PROFILES, KINDS, minuteCurve } from './kinds.js';
import type { PeoplePlan } from './people.js';
import type { GeneratedVenue } from './venues.js';

export interface CheckinOptions {
  venues: readonly GeneratedVenue[];
  people: PeoplePlan;
  /** Local date (YYYY-MM-DD, Asia/Ho_Chi_Minh) of the first day. */
  start: string;
  days: number;
  /** Exactly this many check-ins are produced. */
  total: number;
  /** Share of visits followed by another visit of the same person that day; default 0.3. */
  followShare?: number;
  /** Epoch ms: a visit that would end after this has no check-out yet (it is still going on). Default: none. */
  now?: number;
}

export interface GeneratedCheckin {
  /** 0, 1, 2 … in the order produced (time order). */
  seq: number;
  id: string;
  venueId: string;
  venueIndex: number;
  personId: string;
  personIndex: number;
  /** Milliseconds since the epoch (UTC). */
  checkedInAt: number;
  checkedOutAt: number | null;
  method: CheckinMethod;
  /** When the server got it: seconds later, or hours later for a scanner that was offline. */
  receivedAt: number;
}

const MINUTES = 1440;
const LAST_FOLLOW_MINUTE = 22 * 60 + 30;
/** Zipf–Mandelbrot: weight of the person of rank r ∝ (r + q)^-s, q = Q_SHARE × people. */
const ZIPF_S = 1.05;
const Q_SHARE = 0.01;
/** Chance to go to a venue in one's own commune, else in one's district, else anywhere. */
const LOCAL: Partial<Record<GeneratedVenue['kind'], readonly [number, number]>> = {
  bus_station: [0.3, 0.3], hospital: [0.35, 0.35], entry_checkpoint: [0.2, 0.3], hotel: [0.1, 0.2],
};
const DEFAULT_LOCAL = [0.65, 0.25] as const;

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** Draws person indexes: Zipf–Mandelbrot over ranks, ranks scattered over indexes by a fixed permutation. */
function personSampler(count: number): (u: number) => number {
  const q = Math.max(1, Q_SHARE * count);
  const e = 1 - ZIPF_S;
  const a = Math.pow(q, e);
  const b = Math.pow(count + q, e);
  let step = Math.max(1, Math.floor(count * 0.6180339887));
  while (gcd(step, count) !== 1) step++;
  return (u) => {
    const rank = Math.min(count - 1, Math.max(0, Math.floor(Math.pow(a + u * (b - a), 1 / e) - q)));
    return (rank * step) % count;
  };
}

/** Venues of each kind sorted by district then commune, with range lookups for both. */
function venueIndex(venues: readonly GeneratedVenue[], communes: PeoplePlan['communes']) {
  const districtOf = new Map<string, number>();
  const communeDistrict = communes.map((c) => {
    const key = c.districtCode ?? c.code;
    if (!districtOf.has(key)) districtOf.set(key, districtOf.size);
    return districtOf.get(key)!;
  });
  return KINDS.map((kind) => {
    const list = venues.filter((v) => v.kind === kind)
      .sort((x, y) => communeDistrict[x.commune]! - communeDistrict[y.commune]! || x.commune - y.commune || x.index - y.index);
    const byCommune = new Map<number, [number, number]>();
    const byDistrict = new Map<number, [number, number]>();
    list.forEach((venue, i) => {
      for (const [map, key] of [[byCommune, venue.commune], [byDistrict, communeDistrict[venue.commune]!]] as const) {
        const range = map.get(key);
        if (range) range[1] = i + 1;
        else map.set(key, [i, i + 1]);
      }
    });
    return { list, cum: cumulative(list.map((v) => v.weight)), byCommune, byDistrict, local: LOCAL[kind] ?? DEFAULT_LOCAL, communeDistrict };
  });
}

/** Per day of week (Monday first): cumulative kind weights at each minute, and each minute's total. */
function minuteWeights(venues: readonly GeneratedVenue[]) {
  const kindTotals = KINDS.map((kind) => venues.reduce((sum, v) => (v.kind === kind ? sum + v.weight : sum), 0));
  const curves = KINDS.map((kind) => minuteCurve(KIND_PROFILES[kind].hours));
  const curveSums = curves.map((curve) => curve.reduce((a, b) => a + b, 0));
  return Array.from({ length: 7 }, (_, dow) => {
    // running over the whole day, so that one minute's kinds are the slice [m·K, (m+1)·K)
    const kindCum = new Float64Array(MINUTES * KINDS.length);
    const minuteTotal = new Float64Array(MINUTES);
    let total = 0;
    for (let m = 0; m < MINUTES; m++) {
      const before = total;
      for (let k = 0; k < KINDS.length; k++) {
        // Each kind's curve is normalised so that its day's sum is its venues' daily visits.
        total += (kindTotals[k]! * KIND_PROFILES[KINDS[k]!].week[dow]! * curves[k]![m]!) / (curveSums[k]! || 1);
        kindCum[m * KINDS.length + k] = total;
      }
      minuteTotal[m] = total - before;
    }
    return { kindCum, minuteTotal, dayTotal: minuteTotal.reduce((a, b) => a + b, 0) };
  });
}

function drawMethod(random: Random, kind: GeneratedVenue['kind']): CheckinMethod {
  const u = random.next();
  if (kind === 'entry_checkpoint') return u < 0.45 ? 'venue_qr' : u < 0.75 ? 'personal_qr' : 'national_id';
  if (kind === 'hospital') return u < 0.7 ? 'venue_qr' : u < 0.9 ? 'personal_qr' : 'national_id';
  return u < 0.85 ? 'venue_qr' : u < 0.95 ? 'personal_qr' : u < 0.98 ? 'national_id' : 'api';
}

function receivedDelay(random: Random, method: CheckinMethod): number {
  if (method === 'venue_qr') return random.int(1, 4) * 1000;
  if (method === 'api') return random.int(60, 3600) * 1000;
  // staff scanners: one in seven works offline for a while and syncs later
  return (random.chance(0.15) ? random.int(300, 6 * 3600) : random.int(1, 10)) * 1000;
}

/** Yields `total` check-ins in order of check-in time (ties in production order). */
export function* generateCheckins(seed: number, options: CheckinOptions): Generator<GeneratedCheckin> {
  const { venues, people, days, total, followShare = 0.3, now = Infinity } = options;
  if (venues.length === 0 || people.count === 0 || days < 1) throw new Error('generateCheckins needs venues, people and at least one day');
  const random = createRandom(hash32(seed, 3));
  const index = venueIndex(venues, people.communes);
  const weights = minuteWeights(venues);
  const drawPerson = personSampler(people.count);
  const dayStarts = Array.from({ length: days }, (_, d) => localMidnight(options.start, d));
  const dows = dayStarts.map((start) => (new Date(start + 7 * 3_600_000).getUTCDay() + 6) % 7);
  const quotas = apportion(total, dows.map((dow) => weights[dow]!.dayTotal));
  const K = KINDS.length;
  let seq = 0;

  const pickVenue = (kind: number, person: number): GeneratedVenue => {
    const { list, cum, byCommune, byDistrict, local, communeDistrict } = index[kind]!;
    const home = people.homeOf(person);
    const u = random.next();
    const range = u < local[0] ? byCommune.get(home) : u < local[0] + local[1] ? byDistrict.get(communeDistrict[home]!) : undefined;
    return list[range ? drawIndex(cum, random.next(), range[0], range[1]) : drawIndex(cum, random.next())]!;
  };

  for (let day = 0; day < days; day++) {
    const { kindCum, minuteTotal, dayTotal } = weights[dows[day]!]!;
    const quota = quotas[day]!;
    const dayStart = dayStarts[day]!;
    // follow-up visits waiting for their minute: [time, person] pairs
    const pending: number[][] = Array.from({ length: MINUTES }, () => []);
    let emitted = 0;
    let cumulativeWeight = 0;
    for (let m = 0; m < MINUTES; m++) {
      cumulativeWeight += minuteTotal[m]!;
      const target = m === MINUTES - 1 ? quota : Math.round((quota * cumulativeWeight) / dayTotal);
      const due = pending[m]!;
      const dueCount = Math.min(due.length / 2, quota - emitted);
      const fresh = Math.max(0, target - emitted - dueCount);
      const arrivals: { time: number; person: number }[] = [];
      for (let i = 0; i < dueCount; i++) arrivals.push({ time: due[2 * i]!, person: due[2 * i + 1]! });
      const minuteStart = dayStart + m * 60_000;
      for (let i = 0; i < fresh; i++) arrivals.push({ time: minuteStart + random.int(0, 59) * 1000, person: drawPerson(random.next()) });
      pending[m] = [];
      arrivals.sort((x, y) => x.time - y.time);
      for (const { time, person } of arrivals) {
        const kind = drawIndex(kindCum, random.next(), m * K, (m + 1) * K) - m * K;
        const venue = pickVenue(kind, person);
        const profile = KIND_PROFILES[venue.kind];
        const stayMs = Math.round(Math.min(1435, Math.max(1, profile.dwellMinutes * Math.exp(random.normal(0, 0.6))))) * 60_000;
        const method = drawMethod(random, venue.kind);
        const checkedOut = random.chance(profile.checkout) && time + stayMs <= now;
        yield {
          seq,
          id: indexedUuid(3, seed, seq),
          venueId: venue.id,
          venueIndex: venue.index,
          personId: people.idOf(person),
          personIndex: person,
          checkedInAt: time,
          checkedOutAt: checkedOut ? time + stayMs : null,
          method,
          receivedAt: time + receivedDelay(random, method),
        };
        seq++;
        if (random.chance(followShare)) {
          const next = time + stayMs + random.int(5, 45) * 60_000;
          const minute = Math.floor((next - dayStart) / 60_000);
          if (minute <= LAST_FOLLOW_MINUTE) pending[minute]!.push(next, person);
        }
      }
      emitted += arrivals.length;
    }
  }
}
