// Venues with a QR code: kinds in realistic proportions, spread over communes by population,
// each with its own popularity (log-normal around its kind's, so a few are very busy).
import type { VenueKind } from '../../server/src/modules/checkins/schema.js';
import { createRandom } from '../../server/src/modules/demo/random.js';
import { communeWeights, cumulative, drawIndex, hash32, indexedUuid, type PresenceCommune } from './common.js';
import { KIND_PROFILES, KINDS } from './kinds.js';

export interface GeneratedVenue {
  index: number;
  id: string;
  code: string;
  name: string;
  kind: VenueKind;
  communeCode: string;
  /** Index into the communes the venues were generated for. */
  commune: number;
  lat: number;
  lon: number;
  address: string;
  defaultDwellMinutes: number;
  /** Relative busyness: expected check-ins on an ordinary day, before scaling to the requested total. */
  weight: number;
}

const NAME_WORDS = [
  'Phúc', 'Lộc', 'Thành', 'Hưng', 'Minh', 'Phát', 'Thịnh', 'An', 'Tâm', 'Hòa', 'Ngọc', 'Kim', 'Bảo', 'Tài', 'Đức',
  'Hạnh', 'Hồng', 'Thảo', 'Nam', 'Việt', 'Tín', 'Nghĩa', 'Thuận', 'Hiệp', 'Mỹ',
];
const STREETS = ['Trần Hưng Đạo', '3 Tháng 2', 'Nguyễn Trãi', 'Hùng Vương', 'Lê Lợi', 'Quốc lộ 61', 'Quốc lộ 1A', 'Đường 30/4', 'Võ Văn Kiệt', 'Ngô Quyền'];

// Hậu Giang's extent, for communes without a known centre.
const BOX = { south: 9.55, north: 10.05, west: 105.3, east: 105.9 };

function centreOf(commune: PresenceCommune): { lat: number; lon: number } {
  if (commune.centre) return commune.centre;
  let code = 0;
  for (const ch of commune.code) code = code * 10 + ch.charCodeAt(0) - 48;
  const h = hash32(code, 17);
  return { lat: BOX.south + ((h & 0xffff) / 0xffff) * (BOX.north - BOX.south), lon: BOX.west + ((h >>> 16) / 0xffff) * (BOX.east - BOX.west) };
}

/**
 * `count` venues over `communes` (weighted by population), deterministic from `seed`.
 * Held as an array: a national registry of a few hundred thousand venues fits easily.
 */
export function generateVenues(seed: number, count: number, communes: readonly PresenceCommune[]): GeneratedVenue[] {
  if (communes.length === 0) throw new Error('generateVenues needs at least one commune');
  const random = createRandom(hash32(seed, 1));
  const communeCum = cumulative(communeWeights(communes));
  const kindCum = cumulative(KINDS.map((kind) => KIND_PROFILES[kind].share));
  const centres = communes.map(centreOf);
  const venues: GeneratedVenue[] = [];
  for (let index = 0; index < count; index++) {
    const kind = KINDS[drawIndex(kindCum, random.next())]!;
    const profile = KIND_PROFILES[kind];
    const commune = drawIndex(communeCum, random.next());
    const place = communes[commune]!;
    const centre = centres[commune]!;
    // A log-normal popularity with sigma 0.9: the busiest of a kind are ~10× its median.
    const weight = profile.dailyVisits * Math.exp(random.normal(0, 0.9));
    venues.push({
      index,
      id: indexedUuid(1, seed, index),
      code: `bench-${seed}-${index}`,
      name: `${random.pick(profile.names)} ${random.chance(0.5) && place.shortName && !/^[IVXLC0-9]+$/.test(place.shortName) ? place.shortName : random.pick(NAME_WORDS)}`,
      kind,
      communeCode: place.code,
      commune,
      lat: Number((centre.lat + random.normal(0, 0.012)).toFixed(6)),
      lon: Number((centre.lon + random.normal(0, 0.012)).toFixed(6)),
      address: `${random.int(1, 400)} ${random.pick(STREETS)}`,
      defaultDwellMinutes: Math.max(5, Math.min(1440, profile.dwellMinutes)),
      weight,
    });
  }
  return venues;
}
