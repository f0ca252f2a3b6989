// How each kind of venue is used: how many there are, how busy one is, when people come
// (hour of the day, day of the week, local time) and how long they stay. Shapes are
// approximate, drawn from how QR check-in was used in Vietnam in 2021: markets and bus
// stations busy from dawn, offices and schools at the start of the working day, restaurants
// at lunch and dinner, churches on Sunday mornings and evenings.
import type { VenueKind } from '../../server/src/modules/checkins/schema.js';

export interface KindProfile {
  /** Share of all venues, in percent. */
  share: number;
  /** Check-ins a median venue of this kind sees on an ordinary day. */
  dailyVisits: number;
  /** Relative arrivals per local hour 0..23 (any scale; interpolated between hours). */
  hours: readonly number[];
  /** Factor per day of week, Monday first. */
  week: readonly [number, number, number, number, number, number, number];
  /** Median stay in minutes (visits last a log-normal time around it); also the venue's default dwell. */
  dwellMinutes: number;
  /** Share of visits that record a check-out. */
  checkout: number;
  /** Vietnamese names: prefix + a place or family word. */
  names: readonly string[];
}

const WEEKDAYS = [1, 1, 1, 1, 1, 0.25, 0.05] as const;
const EVERY_DAY = [1, 1, 1, 1, 1, 1, 1] as const;

// hour:             0    1    2    3    4    5    6    7    8    9   10   11   12   13   14   15   16   17   18   19   20   21   22   23
export const KIND_PROFILES: Record<VenueKind, KindProfile> = {
  market: {
    share: 3, dailyVisits: 180, dwellMinutes: 40, checkout: 0.65, week: [1, 1, 1, 1, 1.05, 1.15, 1.25],
    hours: [0, 0, 0.1, 0.5, 3, 8, 10, 9, 6, 4, 3, 2, 1, 0.8, 1, 2, 3, 3, 2, 1, 0.4, 0.1, 0, 0],
    names: ['Chợ', 'Chợ nổi', 'Chợ đầu mối'],
  },
  bus_station: {
    share: 0.4, dailyVisits: 450, dwellMinutes: 35, checkout: 0.6, week: [1.1, 0.9, 0.9, 0.95, 1.25, 1.15, 1.3],
    hours: [0.1, 0, 0, 0.5, 3, 7, 8, 7, 5, 4, 4, 4, 4, 5, 5, 5, 4, 3, 2, 1, 0.5, 0.2, 0.1, 0.1],
    names: ['Bến xe', 'Bến tàu', 'Bến phà'],
  },
  entry_checkpoint: {
    share: 0.2, dailyVisits: 600, dwellMinutes: 8, checkout: 0.5, week: [1.1, 0.95, 0.95, 1, 1.2, 1.1, 1.2],
    hours: [1, 0.8, 0.7, 1, 2, 4, 6, 6, 5, 4, 4, 4, 3, 3, 4, 4, 5, 6, 5, 4, 3, 2, 1.5, 1.2],
    names: ['Chốt kiểm soát', 'Trạm kiểm soát dịch'],
  },
  hospital: {
    share: 1.2, dailyVisits: 220, dwellMinutes: 110, checkout: 0.75, week: [1.2, 1.05, 1, 1, 1, 0.6, 0.35],
    hours: [0.3, 0.2, 0.2, 0.2, 0.5, 2, 7, 9, 8, 6, 4, 2, 1, 4, 5, 4, 3, 2, 1, 0.8, 0.6, 0.5, 0.4, 0.3],
    names: ['Bệnh viện đa khoa', 'Trung tâm y tế', 'Trạm y tế', 'Phòng khám'],
  },
  factory: {
    share: 3, dailyVisits: 160, dwellMinutes: 470, checkout: 0.8, week: [1, 1, 1, 1, 1, 0.9, 0.3],
    // shifts start at 6, 14 and 22
    hours: [0.1, 0, 0, 0, 0.2, 5, 10, 2, 0.5, 0.3, 0.3, 0.5, 0.8, 5, 9, 1, 0.3, 0.3, 0.3, 0.3, 1, 5, 7, 0.5],
    names: ['Công ty TNHH', 'Nhà máy', 'Xí nghiệp', 'Công ty cổ phần'],
  },
  school: {
    share: 6, dailyVisits: 70, dwellMinutes: 280, checkout: 0.8, week: [1, 1, 1, 1, 1, 0.3, 0.03],
    hours: [0, 0, 0, 0, 0, 0.5, 8, 10, 1, 0.3, 0.3, 0.5, 3, 6, 1, 0.3, 0.5, 1, 1, 0.5, 0.1, 0, 0, 0],
    names: ['Trường Tiểu học', 'Trường THCS', 'Trường THPT', 'Trường Mầm non'],
  },
  office: {
    share: 9, dailyVisits: 25, dwellMinutes: 460, checkout: 0.75, week: WEEKDAYS,
    hours: [0, 0, 0, 0, 0, 0, 0.5, 8, 6, 2, 1, 0.8, 0.8, 4, 2, 1, 0.7, 0.4, 0.2, 0.1, 0, 0, 0, 0],
    names: ['Văn phòng', 'Chi nhánh', 'Ngân hàng', 'Bưu điện'],
  },
  public_office: {
    share: 4, dailyVisits: 45, dwellMinutes: 40, checkout: 0.7, week: [1.1, 1, 1, 1, 1, 0.35, 0.02],
    hours: [0, 0, 0, 0, 0, 0, 0.3, 4, 8, 8, 6, 3, 0.5, 3, 6, 6, 4, 1, 0.2, 0, 0, 0, 0, 0],
    names: ['UBND', 'Công an', 'Bộ phận một cửa', 'Hội trường'],
  },
  shop: {
    share: 33, dailyVisits: 14, dwellMinutes: 12, checkout: 0.7, week: [0.95, 0.95, 0.95, 0.95, 1, 1.15, 1.2],
    hours: [0, 0, 0, 0, 0, 0.5, 2, 3, 3.5, 3.5, 3, 2.5, 2, 2, 2.5, 3, 4, 5, 5.5, 5, 3.5, 1.5, 0.3, 0],
    names: ['Tiệm tạp hóa', 'Cửa hàng', 'Nhà thuốc', 'Siêu thị mini', 'Cửa hàng điện thoại', 'Tiệm vàng'],
  },
  restaurant: {
    share: 18, dailyVisits: 28, dwellMinutes: 40, checkout: 0.7, week: [0.9, 0.9, 0.95, 0.95, 1.05, 1.2, 1.25],
    hours: [0.1, 0, 0, 0, 0.2, 2, 5, 5, 2, 1, 3, 9, 9, 3, 1, 1, 2, 6, 9, 8, 5, 2, 0.8, 0.3],
    names: ['Quán cơm', 'Quán hủ tiếu', 'Quán cà phê', 'Nhà hàng', 'Quán bún', 'Quán lẩu'],
  },
  place_of_worship: {
    share: 5, dailyVisits: 18, dwellMinutes: 70, checkout: 0.6, week: [0.5, 0.5, 0.5, 0.5, 0.6, 0.9, 4.5],
    hours: [0, 0, 0, 0, 2, 8, 4, 2, 3, 3, 1, 0.3, 0.2, 0.2, 0.3, 0.5, 1.5, 5, 6, 3, 0.8, 0.2, 0, 0],
    names: ['Chùa', 'Nhà thờ', 'Thánh thất', 'Đình', 'Miếu'],
  },
  hotel: {
    share: 3, dailyVisits: 10, dwellMinutes: 700, checkout: 0.75, week: [0.8, 0.8, 0.85, 0.9, 1.2, 1.4, 1],
    hours: [1, 0.5, 0.3, 0.2, 0.2, 0.3, 0.5, 0.8, 1, 1.2, 1.5, 2, 3, 4, 5, 5, 5, 5, 5, 5, 4, 3, 2, 1.5],
    names: ['Khách sạn', 'Nhà nghỉ', 'Nhà trọ'],
  },
  other: {
    share: 14.2, dailyVisits: 9, dwellMinutes: 25, checkout: 0.7, week: EVERY_DAY,
    hours: [0, 0, 0, 0, 0, 0.5, 2, 3, 3.5, 3.5, 3, 2.5, 2, 2, 2.5, 3, 3.5, 4, 4, 3, 2, 1, 0.3, 0],
    names: ['Tiệm cắt tóc', 'Sân bóng', 'Tiệm sửa xe', 'Cây xăng', 'Điểm bán vé số'],
  },
};

export const KINDS = Object.keys(KIND_PROFILES) as VenueKind[];

/** Arrivals at each minute of a local day (1440 values, any scale), interpolated between hours. */
export function minuteCurve(hours: readonly number[]): Float64Array {
  const curve = new Float64Array(1440);
  for (let minute = 0; minute < 1440; minute++) {
    const hour = Math.floor(minute / 60);
    const from = hours[hour]!;
    const to = hours[(hour + 1) % 24]!;
    curve[minute] = from + ((to - from) * (minute % 60)) / 60;
  }
  return curve;
}
