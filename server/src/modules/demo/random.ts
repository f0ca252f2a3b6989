// A small seeded pseudo-random generator for the demo data: the same seed always gives the
// same sequence, on every machine, so the demo province is reproducible byte for byte.
// The core is sfc32 (Chris Doty-Humphrey's "small fast counting" generator), seeded
// through splitmix32 so that neighbouring seeds (2021, 2022) give unrelated streams.

export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** A whole number from min to max, both included. */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** One element of a non-empty array, each equally likely. */
  pick<T>(items: readonly T[]): T;
  /** Roughly normal (sum of four uniforms), cut to [min, max] when given. */
  normal(mean: number, sd: number, min?: number, max?: number): number;
  /** A copy of items in random order. */
  shuffle<T>(items: readonly T[]): T[];
  /** A string of n random decimal digits. */
  digits(n: number): string;
  /** A random version-4 UUID (version and variant bits set as RFC 9562 requires). */
  uuid(): string;
  /** An independent generator derived from this one (for a part that must not shift the rest). */
  fork(): Random;
}

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

function sfc32(a: number, b: number, c: number, d: number): () => number {
  return () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** A generator seeded with a whole number (only its low 32 bits count). */
export function createRandom(seed: number): Random {
  if (!Number.isFinite(seed)) throw new Error(`random seed must be a finite number, got ${seed}`);
  const mix = splitmix32(Math.trunc(seed) >>> 0);
  const u32 = sfc32(mix(), mix(), mix(), mix());
  // Warm up: the first outputs of sfc32 are still close to its seed words.
  for (let i = 0; i < 12; i++) u32();

  const next = (): number => u32() / 4294967296;
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));

  const random: Random = {
    next,
    int,
    chance: (p) => next() < p,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)] as T;
    },
    normal(mean, sd, min = -Infinity, max = Infinity) {
      // Irwin–Hall with four terms: variance 4/12, so scale by sqrt(3) for unit variance.
      const z = (next() + next() + next() + next() - 2) * Math.sqrt(3);
      return Math.min(max, Math.max(min, mean + z * sd));
    },
    shuffle<T>(items: readonly T[]): T[] {
      const out = items.slice();
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        const held = out[i] as T;
        out[i] = out[j] as T;
        out[j] = held;
      }
      return out;
    },
    digits(n) {
      let out = '';
      for (let i = 0; i < n; i++) out += String(Math.floor(next() * 10));
      return out;
    },
    uuid() {
      const bytes: number[] = [];
      for (let i = 0; i < 4; i++) {
        const word = u32();
        bytes.push(word >>> 24, (word >>> 16) & 0xff, (word >>> 8) & 0xff, word & 0xff);
      }
      bytes[6] = ((bytes[6] as number) & 0x0f) | 0x40;
      bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
      const h = bytes.map((b) => HEX[b] as string).join('');
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    },
    fork: () => createRandom(u32()),
  };
  return random;
}

/**
 * Prepares a weighted choice over fixed entries: weights need not sum to 1.
 * Returns a function that draws one value with the given generator.
 */
export function weighted<T>(entries: ReadonlyArray<readonly [T, number]>): (random: Random) => T {
  if (entries.length === 0) throw new Error('weighted choice needs at least one entry');
  const values = entries.map(([value]) => value);
  const cumulative: number[] = [];
  let total = 0;
  for (const [, weight] of entries) {
    if (!(weight >= 0)) throw new Error(`weights must be non-negative, got ${weight}`);
    total += weight;
    cumulative.push(total);
  }
  if (total <= 0) throw new Error('weighted choice needs a positive total weight');
  return (random) => {
    const target = random.next() * total;
    // Binary search for the first cumulative weight above the target.
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cumulative[mid] as number) > target) hi = mid;
      else lo = mid + 1;
    }
    return values[lo] as T;
  };
}
