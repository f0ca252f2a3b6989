// Citizen identity numbers (CCCD) and phone numbers for demo people and organisations.
// people/identity.ts validates what these produce (nationalIdProblem, normalisePhone).
import { type Random, weighted } from './random.js';
import type { Sex } from './names.js';

export const HAU_GIANG_PREFIX = '093';

// Where the ~15 % born elsewhere come from: mostly the neighbouring delta provinces and Saigon.
const drawOtherProvince = weighted<string>([
  ['092', 30], // Cần Thơ
  ['094', 14], // Sóc Trăng
  ['091', 10], // Kiên Giang
  ['086', 8], // Vĩnh Long
  ['079', 8], // Hồ Chí Minh City
  ['089', 6], // An Giang
  ['095', 5], // Bạc Liêu
  ['096', 4], // Cà Mau
  ['087', 3], // Đồng Tháp
  ['084', 3], // Trà Vinh
  ['082', 2], // Tiền Giang
  ['083', 2], // Bến Tre
  ['080', 1], // Long An
  ['074', 1], // Bình Dương
  ['075', 1], // Đồng Nai
  ['001', 1], // Hà Nội
  ['040', 1], // Nghệ An
]);

/** The 4th digit of a CCCD: sex and century of birth. */
export function centurySexDigit(sex: Sex, birthYear: number): string {
  const century = Math.floor(birthYear / 100) - 19; // 1900s → 0, 2000s → 1, …
  if (century < 0 || century > 4) throw new Error(`no CCCD century digit for birth year ${birthYear}`);
  return String(century * 2 + (sex === 'female' ? 1 : 0));
}

/** A CCCD number not yet in `taken` (which it is added to). */
export function nationalId(random: Random, sex: Sex, birthYear: number, taken: Set<string>): string {
  const province = random.chance(0.85) ? HAU_GIANG_PREFIX : drawOtherProvince(random);
  const head = province + centurySexDigit(sex, birthYear) + String(birthYear % 100).padStart(2, '0');
  for (;;) {
    const id = head + random.digits(6);
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}

// Mobile prefixes after +84, weighted roughly by network share (Viettel, Vinaphone, MobiFone, others).
const drawMobilePrefix = weighted<string>([
  ...['32', '33', '34', '35', '36', '37', '38', '39', '86', '96', '97', '98'].map((p) => [p, 4.2] as const),
  ...['81', '82', '83', '84', '85', '88', '91', '94'].map((p) => [p, 3.1] as const),
  ...['70', '76', '77', '78', '79', '89', '90', '93'].map((p) => [p, 2.8] as const),
  ...['52', '56', '58', '59', '99'].map((p) => [p, 0.6] as const),
]);

/** A mobile number '+84' + 9 digits not yet in `taken` (which it is added to). */
export function mobilePhone(random: Random, taken: Set<string>): string {
  for (;;) {
    const phone = `+84${drawMobilePrefix(random)}${random.digits(7)}`;
    if (!taken.has(phone)) {
      taken.add(phone);
      return phone;
    }
  }
}

/** A landline of Hậu Giang (area code 293), for organisations. */
export function landline(random: Random, taken: Set<string>): string {
  for (;;) {
    const phone = `+84293${random.chance(0.5) ? '3' : '6'}${random.digits(6)}`;
    if (!taken.has(phone)) {
      taken.add(phone);
      return phone;
    }
  }
}
