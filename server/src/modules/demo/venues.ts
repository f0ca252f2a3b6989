// Demo QR venues (11,540 at scale 1, as Hậu Giang had in November 2021) and a few days of
// check-ins. Venue positions scatter around approximate district centres: without imported
// boundaries they are only plausible, and the data is labelled as demo data. Check-ins are set
// in the last days before seeding (not in 2021), so that the retention purge keeps them.
import type { Random } from './random.js';
import { STREETS, familyName, personalName } from './names.js';
import type { DemoCommune } from './model.js';

export const VENUES_PER_SCALE = 11_540;
/** About 1,700 scans a day at scale 1, the province's daily figure in November 2021. */
export const SCANS_PER_DAY_PER_SCALE = 1_700;
export const CHECKIN_DAYS = 3;

/** Approximate centres (lat, lon) of the districts' towns. */
const DISTRICT_CENTRES: Record<string, [number, number]> = {
  '930': [9.784, 105.47], '931': [9.818, 105.818], '932': [9.928, 105.637], '933': [9.922, 105.83],
  '934': [9.795, 105.72], '935': [9.802, 105.552], '936': [9.677, 105.546], '937': [9.68, 105.572],
};
const PROVINCE_CENTRE: [number, number] = [9.8, 105.64];

interface KindShape {
  kind: string;
  share: number;
  dwell: number;
  /** relative scans a day */
  busyness: number;
  name: (random: Random, commune: DemoCommune) => string;
}

const owner = (random: Random) => personalName(random, random.chance(0.5) ? 'female' : 'male', 1970);
const KINDS: KindShape[] = [
  { kind: 'shop', share: 0.4, dwell: 15, busyness: 1, name: (r) => `${r.pick(['Tạp hóa', 'Cửa hàng', 'Shop', 'Nhà thuốc', 'Điện máy'])} ${owner(r)}` },
  { kind: 'restaurant', share: 0.16, dwell: 45, busyness: 1.5, name: (r) => `${r.pick(['Quán cơm', 'Quán cà phê', 'Quán hủ tiếu', 'Nhà hàng', 'Quán bún'])} ${owner(r)}` },
  { kind: 'office', share: 0.1, dwell: 240, busyness: 1.2, name: (r) => `${r.pick(['Công ty TNHH', 'Văn phòng', 'Chi nhánh ngân hàng'])} ${familyName(r)} ${owner(r)}` },
  { kind: 'public_office', share: 0.05, dwell: 60, busyness: 2, name: (r, c) => `${r.pick(['UBND', 'Công an', 'Bưu điện', 'Trạm Y tế'])} ${c.name}` },
  { kind: 'school', share: 0.05, dwell: 300, busyness: 3, name: (r, c) => `${r.pick(['Trường Mẫu giáo', 'Trường Tiểu học', 'Trường THCS', 'Trường THPT'])} ${c.shortName ?? c.name}` },
  { kind: 'place_of_worship', share: 0.05, dwell: 90, busyness: 1.5, name: (r) => `${r.pick(['Chùa', 'Nhà thờ', 'Đình', 'Thánh thất', 'Miếu'])} ${owner(r)}` },
  { kind: 'market', share: 0.03, dwell: 60, busyness: 12, name: (r, c) => `Chợ ${r.chance(0.5) ? c.shortName ?? c.name : owner(r)}` },
  { kind: 'factory', share: 0.03, dwell: 480, busyness: 8, name: (r) => `${r.pick(['Nhà máy', 'Xí nghiệp', 'Cơ sở sản xuất'])} ${familyName(r)} ${owner(r)}` },
  { kind: 'hotel', share: 0.02, dwell: 720, busyness: 1, name: (r) => `${r.pick(['Khách sạn', 'Nhà nghỉ'])} ${owner(r)}` },
  { kind: 'hospital', share: 0.005, dwell: 120, busyness: 10, name: (r, c) => `${r.pick(['Bệnh viện Đa khoa', 'Phòng khám Đa khoa'])} ${c.shortName ?? c.name}` },
  { kind: 'bus_station', share: 0.005, dwell: 45, busyness: 10, name: (r, c) => `${r.pick(['Bến xe', 'Bến tàu'])} ${c.shortName ?? c.name}` },
  { kind: 'other', share: 0.1, dwell: 60, busyness: 0.8, name: (r) => `${r.pick(['Tiệm tóc', 'Sân bóng', 'Tiệm sửa xe', 'Vựa trái cây'])} ${owner(r)}` },
];

/** Entry checkpoints on the roads into the province (demo names). */
const CHECKPOINTS: [string, string][] = [
  ['Chốt kiểm soát Cái Tắc (QL1A, giáp Cần Thơ)', '932'],
  ['Chốt kiểm soát Ngã Bảy (QL1A, giáp Sóc Trăng)', '931'],
  ['Chốt kiểm soát Vị Thanh (QL61, giáp Kiên Giang)', '930'],
  ['Chốt kiểm soát Long Mỹ (giáp Bạc Liêu)', '936'],
  ['Chốt kiểm soát Châu Thành (QL Nam Sông Hậu)', '933'],
  ['Chốt kiểm soát Vị Thủy (QL61C)', '935'],
];

export interface DemoVenue {
  id: string;
  name: string;
  address: string;
  kind: string;
  communeCode: string;
  lat: number;
  lon: number;
  ownerName: string | null;
  defaultDwellMinutes: number;
  busyness: number;
}

export interface DemoCheckin {
  id: string;
  venueId: string;
  personId: string;
  checkedInAt: Date;
  checkedOutAt: Date | null;
}

const jitter = (random: Random, spread: number) => (random.next() - 0.5) * 2 * spread;

export function generateVenues(random: Random, communes: readonly DemoCommune[], count: number): DemoVenue[] {
  const venues: DemoVenue[] = [];
  const weights = communes.map((c) => Math.max(c.population ?? 8000, 1000));
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const centreOf = new Map(communes.map((c) => {
    const [lat, lon] = DISTRICT_CENTRES[c.districtCode ?? ''] ?? PROVINCE_CENTRE;
    return [c.code, [lat + jitter(random, 0.035), lon + jitter(random, 0.035)] as const];
  }));
  communes.forEach((commune, i) => {
    const n = Math.round((count * weights[i]!) / totalWeight);
    const [lat, lon] = centreOf.get(commune.code)!;
    for (let k = 0; k < n; k++) {
      let pick = random.next();
      const shape = KINDS.find((s) => (pick -= s.share) < 0) ?? KINDS[0]!;
      venues.push({
        id: random.uuid(), name: shape.name(random, commune), address: `${random.int(1, 400)} ${random.pick(STREETS)}, ${commune.name}`, kind: shape.kind, communeCode: commune.code,
        lat: lat + jitter(random, 0.012), lon: lon + jitter(random, 0.012), ownerName: owner(random),
        defaultDwellMinutes: shape.dwell, busyness: shape.busyness,
      });
    }
  });
  for (const [name, district] of CHECKPOINTS) {
    const commune = communes.find((c) => c.districtCode === district) ?? communes[0]!;
    const [lat, lon] = centreOf.get(commune.code)!;
    venues.push({ id: random.uuid(), name, address: commune.name, kind: 'entry_checkpoint', communeCode: commune.code, lat, lon, ownerName: null, defaultDwellMinutes: 15, busyness: 20 });
  }
  return venues;
}

/** Check-ins of the last `days` days before `now`, by venue busyness and time of day. */
export function generateCheckins(random: Random, venues: readonly DemoVenue[], personIds: readonly string[], perDay: number, days: number, now: Date): DemoCheckin[] {
  if (venues.length === 0 || personIds.length === 0) return [];
  const cumulative: number[] = [];
  let sum = 0;
  for (const venue of venues) cumulative.push((sum += venue.busyness));
  const pickVenue = () => {
    const target = random.next() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < target) lo = mid + 1;
      else hi = mid;
    }
    return venues[lo]!;
  };
  const checkins: DemoCheckin[] = [];
  const dayStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - 7 * 3600_000; // midnight in Vietnam
  for (let d = days - 1; d >= 0; d--) {
    for (let k = 0; k < perDay; k++) {
      // Between 6:00 and 21:00 local time, busier in the morning.
      const hour = random.chance(0.55) ? random.normal(8.5, 1.5, 6, 12) : random.normal(16, 2.5, 12, 21);
      const at = new Date(dayStart - d * 86_400_000 + hour * 3600_000);
      if (at > now) continue;
      const venue = pickVenue();
      const stay = random.chance(0.7) ? Math.round(random.normal(venue.defaultDwellMinutes * 0.8, venue.defaultDwellMinutes * 0.3, 3, 1200)) : null;
      const out = stay === null ? null : new Date(at.getTime() + stay * 60_000);
      checkins.push({ id: random.uuid(), venueId: venue.id, personId: random.pick(personIds), checkedInAt: at, checkedOutAt: out && out <= now ? out : null });
    }
  }
  return checkins;
}
