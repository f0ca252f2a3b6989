// Vietnamese personal names and address parts for the demo province, flavoured for the
// Mekong delta (Hậu Giang): southern spellings (Huỳnh, Võ), a Khmer and a Hoa minority,
// and hamlets named after canals and creeks. Frequencies are approximate.
import { type Random, weighted } from './random.js';

export type Sex = 'male' | 'female';

// Share of the population, in percent. The south has Huỳnh and Võ where the north has Hoàng and Vũ.
const FAMILY_NAMES: ReadonlyArray<readonly [string, number]> = [
  ['Nguyễn', 38],
  ['Trần', 11],
  ['Lê', 9.5],
  ['Phạm', 7],
  ['Huỳnh', 4.2],
  ['Hoàng', 0.8],
  ['Phan', 4.5],
  ['Võ', 3.4],
  ['Vũ', 0.6],
  ['Đặng', 2.1],
  ['Bùi', 2],
  ['Đỗ', 1.4],
  ['Hồ', 1.3],
  ['Ngô', 1.3],
  ['Dương', 1],
  ['Lý', 0.6],
  ['Trương', 1.2],
  ['Đoàn', 0.8],
  ['Lâm', 0.8],
  ['Mai', 0.6],
  ['Châu', 0.6],
  ['Tô', 0.4],
  ['Thái', 0.4],
  ['Đinh', 0.4],
  ['Lưu', 0.4],
  ['Cao', 0.5],
  ['Quách', 0.3],
  ['Tạ', 0.3],
  ['La', 0.3],
  ['Hà', 0.3],
  // Khmer and Hoa families of the delta
  ['Thạch', 0.4],
  ['Sơn', 0.3],
  ['Danh', 0.3],
  ['Kim', 0.2],
  ['Tăng', 0.2],
  ['Diệp', 0.15],
];

// Middle names changed with the generations: Văn and Thị dominate among people born before 1990.
const MIDDLE_OLDER: Record<Sex, ReadonlyArray<readonly [string, number]>> = {
  male: [['Văn', 62], ['Hữu', 6], ['Minh', 6], ['Thanh', 5], ['Quốc', 3], ['Công', 3], ['Tấn', 4], ['Hoàng', 2], ['Phước', 3], ['Ngọc', 2], ['Trung', 2], ['Thành', 2]],
  female: [['Thị', 78], ['Ngọc', 5], ['Thu', 3], ['Kim', 4], ['Mỹ', 3], ['Hồng', 2], ['Bích', 2], ['Thanh', 2], ['Thúy', 1]],
};
const MIDDLE_YOUNGER: Record<Sex, ReadonlyArray<readonly [string, number]>> = {
  male: [['Văn', 20], ['Minh', 14], ['Hoàng', 9], ['Quốc', 9], ['Gia', 9], ['Thanh', 6], ['Hữu', 5], ['Tấn', 5], ['Anh', 5], ['Bảo', 6], ['Nhật', 5], ['Đức', 4], ['Trọng', 3]],
  female: [['Thị', 30], ['Ngọc', 16], ['Bảo', 7], ['Thu', 5], ['Kim', 6], ['Mỹ', 6], ['Khánh', 5], ['Thảo', 4], ['Gia', 4], ['Yến', 4], ['Quỳnh', 4], ['Minh', 5]],
};

const GIVEN_OLDER: Record<Sex, readonly string[]> = {
  male: [
    'An', 'Bình', 'Cường', 'Dũng', 'Đạt', 'Đông', 'Hải', 'Hậu', 'Hiền', 'Hiếu', 'Hòa', 'Hùng', 'Hưng', 'Khải', 'Lâm',
    'Lợi', 'Lộc', 'Long', 'Lực', 'Mến', 'Minh', 'Nam', 'Nghĩa', 'Nhân', 'Phong', 'Phúc', 'Phước', 'Quang', 'Sang',
    'Sơn', 'Tài', 'Tâm', 'Tân', 'Thanh', 'Thành', 'Thắng', 'Thiện', 'Thịnh', 'Tiến', 'Toàn', 'Trí', 'Trung', 'Tuấn',
    'Tùng', 'Út', 'Vinh', 'Vũ', 'Xuân', 'Chiến', 'Dương', 'Em', 'Hoàng', 'Kiên', 'Lành', 'Nhựt', 'Tư', 'Bé',
  ],
  female: [
    'An', 'Bé', 'Cúc', 'Diễm', 'Dung', 'Duyên', 'Đào', 'Giang', 'Hà', 'Hạnh', 'Hằng', 'Hiền', 'Hoa', 'Hồng', 'Hương',
    'Huyền', 'Lài', 'Lan', 'Lệ', 'Liên', 'Linh', 'Loan', 'Mai', 'Mến', 'My', 'Nga', 'Ngọc', 'Nhung', 'Nương', 'Oanh',
    'Phượng', 'Quyên', 'Sương', 'Tâm', 'Thảo', 'Thu', 'Thủy', 'Thúy', 'Trang', 'Trinh', 'Tuyết', 'Tươi', 'Út', 'Vân',
    'Xuân', 'Yến', 'Hòa', 'Lý', 'Nguyệt', 'Phấn', 'Ri', 'Thắm',
  ],
};
const GIVEN_YOUNGER: Record<Sex, readonly string[]> = {
  male: [
    'An', 'Bảo', 'Duy', 'Đăng', 'Đạt', 'Hải', 'Hào', 'Hiếu', 'Hòa', 'Huy', 'Hưng', 'Khang', 'Khải', 'Khoa', 'Khôi',
    'Kiệt', 'Lộc', 'Long', 'Minh', 'Nam', 'Nguyên', 'Nhân', 'Phát', 'Phong', 'Phúc', 'Quân', 'Sang', 'Tài', 'Thiện',
    'Thịnh', 'Tín', 'Toàn', 'Trí', 'Trọng', 'Tuấn', 'Vinh', 'Vỹ', 'Thuận', 'Khánh', 'Nhật',
  ],
  female: [
    'Anh', 'Châu', 'Diễm', 'Giang', 'Hà', 'Hân', 'Hằng', 'Hiền', 'Hương', 'Huyền', 'Linh', 'Mai', 'My', 'Ngân', 'Ngọc',
    'Nhi', 'Như', 'Oanh', 'Phương', 'Quyên', 'Quỳnh', 'Tâm', 'Thảo', 'Thư', 'Thy', 'Tiên', 'Trâm', 'Trang', 'Trinh',
    'Tú', 'Uyên', 'Vân', 'Vy', 'Xuân', 'Yến', 'Hòa', 'Thủy', 'Kiều', 'Hạnh', 'Duyên',
  ],
};

// A second middle name makes a four-word name ("Nguyễn Thị Ngọc Hân"), more common among the young.
const SECOND_MIDDLE: Record<Sex, readonly string[]> = {
  male: ['Minh', 'Hoàng', 'Gia', 'Anh', 'Quốc', 'Thanh', 'Bảo', 'Đăng'],
  female: ['Ngọc', 'Thanh', 'Bảo', 'Mỹ', 'Kim', 'Thu', 'Huỳnh', 'Khánh', 'Như'],
};

// Before this birth year the older name pools apply.
const GENERATION_YEAR = 1990;

const drawFamily = weighted(FAMILY_NAMES);
const drawMiddle = {
  older: { male: weighted(MIDDLE_OLDER.male), female: weighted(MIDDLE_OLDER.female) },
  younger: { male: weighted(MIDDLE_YOUNGER.male), female: weighted(MIDDLE_YOUNGER.female) },
};

export function familyName(random: Random): string {
  return drawFamily(random);
}

/** The part after the family name: middle name(s) and given name, consistent with sex and era. */
export function personalName(random: Random, sex: Sex, birthYear: number): string {
  const era = birthYear < GENERATION_YEAR ? 'older' : 'younger';
  const middle = drawMiddle[era][sex](random);
  const givenNames = era === 'older' ? GIVEN_OLDER[sex] : GIVEN_YOUNGER[sex];
  let given = random.pick(givenNames);
  // "Nguyễn Minh Minh" does not happen: draw again (the lists hold dozens of names).
  while (given === middle) given = random.pick(givenNames);
  const fourWords = random.chance(era === 'older' ? 0.05 : 0.18);
  if (fourWords) {
    const second = random.pick(SECOND_MIDDLE[sex]);
    if (second !== middle && second !== given) return `${middle} ${second} ${given}`;
  }
  return `${middle} ${given}`;
}

// ── Addresses ──────────────────────────────────────────────────────────────

// Rural hamlets (ấp) are often named after the canal, creek or junction they grew along.
const HAMLET_FEATURES = ['Kinh', 'Rạch', 'Xẻo', 'Vàm', 'Cái', 'Bưng', 'Láng', 'Mương', 'Ngã', 'Cầu', 'Bờ'];
const HAMLET_WORDS = [
  'Tân', 'Long', 'Thạnh', 'Phú', 'Hòa', 'Mỹ', 'Bình', 'Hưng', 'An', 'Lợi', 'Thuận', 'Đông', 'Tây', 'Trung', 'Phước',
  'Khánh', 'Vĩnh', 'Hiệp', 'Nhơn', 'Xuân', 'Định', 'Thới', 'Lộc', 'Quới', 'Điền',
];
const HAMLET_NATURE = ['Sen', 'Tràm', 'Dừa', 'Sậy', 'Chanh', 'Gừa', 'Đước', 'Bần', 'Môn', 'Xáng', 'Giữa', 'Lớn', 'Nhỏ', 'Cùng', 'Sao'];

/** Names of the hamlets (or urban wards' khu vực) of one commune, fixed for the commune. */
export function hamletsFor(random: Random, urban: boolean): string[] {
  const count = urban ? random.int(4, 8) : random.int(6, 12);
  const names = new Set<string>();
  let guard = 0;
  while (names.size < count && guard++ < 200) {
    if (urban) {
      names.add(`Khu vực ${names.size + 1}`);
      continue;
    }
    const style = random.next();
    if (style < 0.25) names.add(`Ấp ${random.int(1, 9)}${random.chance(0.3) ? random.pick(['A', 'B']) : ''}`);
    else if (style < 0.6) {
      const a = random.pick(HAMLET_WORDS);
      const b = random.pick(HAMLET_WORDS);
      if (a !== b) names.add(`Ấp ${a} ${b}${random.chance(0.15) ? ' A' : ''}`);
    } else if (style < 0.85) names.add(`Ấp ${random.pick(HAMLET_FEATURES)} ${random.pick(HAMLET_NATURE)}`);
    else names.add(`Ấp ${random.pick(HAMLET_FEATURES)} ${random.pick(HAMLET_WORDS)}`);
  }
  return [...names];
}

export const STREETS = [
  'Trần Hưng Đạo', 'Nguyễn Trãi', 'Hùng Vương', '30 Tháng 4', '3 Tháng 2', 'Lê Lợi', 'Nguyễn Huệ', 'Võ Văn Kiệt',
  'Điện Biên Phủ', 'Trần Quốc Toản', 'Lê Hồng Phong', 'Nguyễn Việt Hồng', 'Châu Văn Liêm', 'Lý Thường Kiệt', 'Hòa Bình',
];

/** Street address inside an urban khu vực, sometimes only the khu vực. */
export function streetPart(random: Random): string {
  if (random.chance(0.45)) return '';
  const number = random.int(1, 320);
  const slash = random.chance(0.25) ? `/${random.int(1, 40)}` : '';
  return `Số ${number}${slash} đường ${random.pick(STREETS)}, `;
}
