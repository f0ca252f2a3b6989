// Pieces the presence generators share: the commune input, stable ids derived from an index,
// a stateless hash, and weighted choice over cumulative weights.

/** A commune as the generators need it (from `units`: code, parent_code, population). */
export interface PresenceCommune {
  code: string;
  districtCode: string | null;
  population: number | null;
  /** "Vị Thanh", used in venue names; defaults to the code. */
  shortName?: string;
  /** Where its venues cluster; derived from the code when absent. */
  centre?: { lat: number; lon: number };
}

/** 32-bit mix of a few words (splitmix32's finaliser): the same words always give the same value. */
export function hash32(...words: number[]): number {
  let h = 0x9e3779b9;
  for (const word of words) {
    h = (h + (word >>> 0) + 0x7f4a7c15) >>> 0;
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
    h = (h ^ (h >>> 16)) >>> 0;
  }
  return h;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const hex8 = (w: number) => HEX[w >>> 24]! + HEX[(w >>> 16) & 0xff]! + HEX[(w >>> 8) & 0xff]! + HEX[w & 0xff]!;
const hex4 = (w: number) => HEX[(w >>> 8) & 0xff]! + HEX[w & 0xff]!;

/**
 * A version-4-shaped UUID that is unique for each (tag, index) and looks random at the front:
 * the index is written in the last 12 hex digits, so no two indexes collide (up to 2^48).
 * Tags: 1 venues, 2 people, 3 check-ins.
 */
export function indexedUuid(tag: number, seed: number, index: number): string {
  const noise = hash32(tag, seed, index);
  const second = hash32(noise, index);
  const high = Math.floor(index / 0x1000000);
  const low = index % 0x1000000;
  const version = 0x4000 | (second & 0x0fff);
  const variant = ((0x8 | (tag & 0x3)) << 12) | (hash32(seed, tag) & 0x0fff);
  return `${hex8(noise)}-${hex4(second >>> 16)}-${hex4(version)}-${hex4(variant)}-${hex4(high >>> 8)}${HEX[high & 0xff]!}${hex4(low >>> 8)}${HEX[low & 0xff]!}`;
}

/** Running totals of weights, for drawing with `drawIndex`. */
export function cumulative(weights: ArrayLike<number>): Float64Array {
  const out = new Float64Array(weights.length);
  let total = 0;
  for (let i = 0; i < weights.length; i++) {
    total += weights[i]!;
    out[i] = total;
  }
  return out;
}

/** The index whose slot of the cumulative weights holds u × total (u in [0, 1)). */
export function drawIndex(cum: Float64Array, u: number, from = 0, to = cum.length): number {
  const base = from > 0 ? cum[from - 1]! : 0;
  const target = base + u * (cum[to - 1]! - base);
  let lo = from;
  let hi = to - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cum[mid]! > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Population weights of communes: a missing population counts as the mean of the known ones. */
export function communeWeights(communes: readonly PresenceCommune[]): number[] {
  const known = communes.map((c) => c.population).filter((p): p is number => p !== null && p > 0);
  const fallback = known.length > 0 ? known.reduce((a, b) => a + b, 0) / known.length : 1;
  return communes.map((c) => (c.population !== null && c.population > 0 ? c.population : fallback));
}

/** UTC instant of local (Asia/Ho_Chi_Minh, UTC+7, no daylight saving) midnight of `date` plus `days`. */
export function localMidnight(date: string, days = 0): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new Error(`expected a date YYYY-MM-DD, got ${date}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + days) - 7 * 3_600_000;
}

/** Today's local date minus `days`, as YYYY-MM-DD. */
export function localDateDaysAgo(days: number, now = Date.now()): string {
  return new Date(now + 7 * 3_600_000 - days * 86_400_000).toISOString().slice(0, 10);
}
