// Workplaces, schools, markets and other organisations of the demo province, about one per
// 150 people, each with members drawn from the working-age adults of its district.
import { apportion, type CommuneContext, type DemoOrganisation, type DemoOrganisationMember, type DemoPerson, type OrganisationKind } from './model.js';
import { landline, mobilePhone } from './identity.js';
import { streetPart } from './names.js';
import { type Random, weighted } from './random.js';

export const PEOPLE_PER_ORGANISATION = 150;
const WORKING_AGE: Record<DemoPerson['sex'], readonly [number, number]> = { male: [18, 62], female: [18, 60] };

const BRANDS = [
  'Phú Lợi', 'Minh Phát', 'Thành Đạt', 'Hưng Thịnh', 'Tân Phát', 'Sông Hậu', 'Cửu Long', 'Phát Tài', 'Kim Long', 'An Phú',
  'Vạn Phát', 'Hậu Giang Xanh', 'Mekong', 'Tấn Lợi', 'Hoàng Long', 'Thuận Phát', 'Đại Thành', 'Quốc Việt', 'Nam Sông Hậu', 'Phước Thành',
];
// Small businesses are named after their owner, the southern way: birth-order nicknames or given names.
const OWNERS = [
  'Cô Ba', 'Chị Hai', 'Út Mập', 'Thanh Tâm', 'Kim Liên', 'Minh Châu', 'Phương Thảo', 'Ngọc Hân', 'Hồng Phúc', 'Bảy Tươi',
  'Tư Hùng', 'Năm Lợi', 'Sáu Mến', 'Út Em', 'Hai Lúa', 'Thu Hà', 'Mỹ Duyên', 'Tám Sang', 'Chín Lành', 'Bé Ngoan',
];
const FAMOUS = ['Lê Quý Đôn', 'Nguyễn Trãi', 'Trần Hưng Đạo', 'Võ Thị Sáu', 'Nguyễn Du', 'Chu Văn An', 'Lý Tự Trọng', 'Nguyễn Đình Chiểu', 'Ngô Quyền', 'Lương Thế Vinh'];
const KINDERGARTENS = ['Hoa Sen', 'Họa Mi', 'Sơn Ca', 'Vàng Anh', 'Hoa Mai', 'Búp Măng'];
const PAGODAS = ['Phước Hưng', 'Long Phước', 'Bửu Sơn', 'Thiên Phước', 'Vĩnh Hòa', 'Phổ Minh', 'Linh Sơn', 'Giác Nguyên'];

type Namer = (random: Random, commune: CommuneContext) => string;
const hamletName = (random: Random, commune: CommuneContext) => random.pick(commune.hamlets).replace(/^Ấp /, 'ấp ').replace(/^Khu vực /, 'khu vực ');
// A second market: named after its hamlet without the word ấp ('Chợ Bưng Xáng'), or 'Chợ đêm Ngã Bảy' in town.
const secondMarket = (random: Random, commune: CommuneContext) => {
  const hamlet = random.pick(commune.hamlets);
  if (commune.urban || /\d/.test(hamlet)) return `Chợ ${random.pick(['đêm', 'mới', 'cá'])} ${commune.standaloneName}`;
  return `Chợ ${hamlet.replace(/^Ấp /, '')}`;
};

const NAMES: Record<OrganisationKind, readonly Namer[]> = {
  factory: [
    (r) => `Công ty TNHH Thủy sản ${r.pick(BRANDS)}`,
    (r) => `Công ty Cổ phần Chế biến Nông sản ${r.pick(BRANDS)}`,
    (r) => `Công ty TNHH May mặc ${r.pick(BRANDS)}`,
    (r) => `Nhà máy Xay xát Lúa gạo ${r.pick(BRANDS)}`,
    (r) => `Xí nghiệp Gạch ngói ${r.pick(BRANDS)}`,
    (r) => `Công ty TNHH Thức ăn Chăn nuôi ${r.pick(BRANDS)}`,
    (r, c) => `Cơ sở Sản xuất Nước đá ${c.standaloneName}`,
  ],
  office: [
    (_, c) => `UBND ${c.label}`,
    (_, c) => `Công an ${c.label}`,
    (_, c) => `Bưu điện ${c.label}`,
    (_, c) => `Quỹ Tín dụng Nhân dân ${c.standaloneName}`,
    (_, c) => `Ngân hàng Nông nghiệp – Phòng giao dịch ${c.standaloneName}`,
    (r) => `Công ty TNHH Tư vấn Xây dựng ${r.pick(BRANDS)}`,
  ],
  school: [
    (r) => `Trường Mầm non ${r.pick(KINDERGARTENS)}`,
    (_, c) => `Trường Tiểu học ${c.standaloneName}`,
    (r, c) => `Trường Tiểu học ${c.standaloneName} ${r.int(1, 3)}`,
    (_, c) => `Trường THCS ${c.standaloneName}`,
    (r) => `Trường THCS ${r.pick(FAMOUS)}`,
    (r) => `Trường THPT ${r.pick(FAMOUS)}`,
  ],
  market: [(_, c) => `Chợ ${c.standaloneName}`, secondMarket],
  hospital: [
    (_, c) => `Trạm Y tế ${c.label}`,
    (r) => `Phòng khám Đa khoa ${r.pick(BRANDS)}`,
    (r) => `Phòng khám Nha khoa ${r.pick(BRANDS)}`,
    (r) => `Nhà thuốc ${r.pick(OWNERS)}`,
  ],
  shop: [
    (r) => `Tạp hóa ${r.pick(OWNERS)}`,
    (r) => `Cửa hàng Vật tư Nông nghiệp ${r.pick(BRANDS)}`,
    (r) => `Tiệm vàng ${r.pick(BRANDS)}`,
    (r) => `Cửa hàng Điện thoại ${r.pick(BRANDS)}`,
    (r) => `Cửa hàng Xe máy ${r.pick(BRANDS)}`,
    (r) => `Đại lý Gas ${r.pick(OWNERS)}`,
    (r) => `Tiệm may ${r.pick(OWNERS)}`,
    (r) => `Tiệm tóc ${r.pick(OWNERS)}`,
  ],
  restaurant: [
    (r) => `Quán cơm ${r.pick(OWNERS)}`,
    (r) => `Quán cà phê ${r.pick(OWNERS)}`,
    (r) => `Quán lẩu mắm ${r.pick(OWNERS)}`,
    (r) => `Quán hủ tiếu ${r.pick(OWNERS)}`,
    (r) => `Quán bánh xèo ${r.pick(OWNERS)}`,
    (r) => `Nhà hàng ${r.pick(BRANDS)}`,
  ],
  farm: [
    (_, c) => `Hợp tác xã Nông nghiệp ${c.standaloneName}`,
    (r) => `Trang trại Khóm ${r.pick(BRANDS)}`,
    (r, c) => `Tổ hợp tác Nuôi cá ${hamletName(r, c)}`,
    (r) => `Vườn bưởi ${r.pick(OWNERS)}`,
    (r) => `Trại gà ${r.pick(OWNERS)}`,
    (_, c) => `Hợp tác xã Mía đường ${c.standaloneName}`,
  ],
  religious: [
    (r) => `Chùa ${r.pick(PAGODAS)}`,
    (_, c) => `Nhà thờ Giáo xứ ${c.standaloneName}`,
    (_, c) => `Thánh thất Cao Đài ${c.standaloneName}`,
    (_, c) => `Đình ${c.standaloneName}`,
  ],
  transport: [
    (_, c) => `Bến xe ${c.standaloneName}`,
    (r, c) => `Bến đò ${hamletName(r, c)}`,
    (_, c) => `Hợp tác xã Vận tải ${c.standaloneName}`,
    (r) => `Công ty TNHH Vận tải ${r.pick(BRANDS)}`,
  ],
  other: [
    (r, c) => `Nhà văn hóa ${hamletName(r, c)}`,
    (r) => `Cơ sở Đan lát ${r.pick(OWNERS)}`,
    (r) => `Lò bánh tráng ${r.pick(OWNERS)}`,
    (r) => `Tiệm sửa xe ${r.pick(OWNERS)}`,
  ],
};

const drawKind = weighted<OrganisationKind>([
  ['shop', 30], ['restaurant', 12], ['farm', 12], ['school', 10], ['office', 8], ['factory', 8],
  ['market', 5], ['religious', 4], ['hospital', 3], ['transport', 3], ['other', 5],
]);

// Members per organisation (from, to) and the teams they are put in (none for small places).
const STAFF: Record<OrganisationKind, { size: readonly [number, number]; teams: readonly string[] }> = {
  factory: { size: [20, 120], teams: ['Phân xưởng A', 'Phân xưởng B', 'Phân xưởng C', 'Tổ Đóng gói', 'Tổ Kho vận', 'Văn phòng'] },
  office: { size: [8, 30], teams: ['Bộ phận Một cửa', 'Phòng Hành chính', 'Tổ 1', 'Tổ 2'] },
  school: { size: [15, 50], teams: ['Ban Giám hiệu', 'Tổ Toán – Tin', 'Tổ Ngữ văn', 'Tổ Ngoại ngữ', 'Tổ Khoa học tự nhiên', 'Tổ Văn phòng'] },
  market: { size: [10, 40], teams: ['Dãy A', 'Dãy B', 'Dãy C', 'Khu cá', 'Khu rau'] },
  hospital: { size: [5, 40], teams: ['Khoa Khám bệnh', 'Khoa Xét nghiệm', 'Tổ Tiêm chủng', 'Phòng Hành chính'] },
  shop: { size: [1, 4], teams: [] },
  restaurant: { size: [2, 8], teams: [] },
  farm: { size: [3, 20], teams: ['Tổ 1', 'Tổ 2', 'Tổ 3'] },
  religious: { size: [2, 10], teams: [] },
  transport: { size: [3, 15], teams: ['Tổ lái xe', 'Tổ bán vé'] },
  other: { size: [2, 10], teams: [] },
};

/** Working-age adults by district, each list in random order, handed out one after the other. */
class Workforce {
  private readonly pools = new Map<string, { ids: string[]; next: number }>();

  constructor(random: Random, communes: readonly CommuneContext[], people: readonly DemoPerson[], referenceYear: number) {
    const districtOf = new Map(communes.map((c) => [c.code, c.districtCode]));
    const byDistrict = new Map<string, string[]>();
    for (const person of people) {
      const age = referenceYear - person.birthYear;
      const [from, to] = WORKING_AGE[person.sex];
      if (age < from || age > to) continue;
      const district = districtOf.get(person.communeCode)!;
      const ids = byDistrict.get(district) ?? [];
      ids.push(person.id);
      byDistrict.set(district, ids);
    }
    for (const [district, ids] of byDistrict) this.pools.set(district, { ids: random.shuffle(ids), next: 0 });
  }

  /** Up to count distinct people of the district; people join a second workplace only once everyone has one. */
  take(district: string, count: number): string[] {
    const pool = this.pools.get(district);
    if (!pool || pool.ids.length === 0) return [];
    const chosen = new Set<string>();
    const wanted = Math.min(count, pool.ids.length);
    while (chosen.size < wanted) {
      chosen.add(pool.ids[pool.next % pool.ids.length]!);
      pool.next++;
    }
    return [...chosen];
  }
}

export function generateOrganisations(
  random: Random,
  communes: readonly CommuneContext[],
  people: readonly DemoPerson[],
  referenceYear: number,
  phones: Set<string>,
): { organisations: DemoOrganisation[]; members: DemoOrganisationMember[] } {
  const peopleByCommune = new Map<string, number>();
  for (const person of people) peopleByCommune.set(person.communeCode, (peopleByCommune.get(person.communeCode) ?? 0) + 1);
  const counts = apportion(
    Math.round(people.length / PEOPLE_PER_ORGANISATION),
    communes.map((c) => peopleByCommune.get(c.code) ?? 0),
  );
  const workforce = new Workforce(random, communes, people, referenceYear);
  const usedNames = new Set<string>();
  const organisations: DemoOrganisation[] = [];
  const members: DemoOrganisationMember[] = [];

  communes.forEach((commune, i) => {
    for (let n = 0; n < counts[i]!; n++) {
      const kind = drawKind(random);
      let name = '';
      for (let attempt = 0; attempt < 8 && (name === '' || usedNames.has(name)); attempt++) name = random.pick(NAMES[kind])(random, commune);
      if (usedNames.has(name)) name = `${name} ${commune.standaloneName}`;
      for (let branch = 2; usedNames.has(name); branch++) name = `${name.replace(/ – cơ sở \d+$/, '')} – cơ sở ${branch}`;
      usedNames.add(name);

      const phoneRoll = random.next();
      const organisation: DemoOrganisation = {
        id: random.uuid(),
        name,
        kind,
        communeCode: commune.code,
        address: `${commune.urban ? streetPart(random) : ''}${random.pick(commune.hamlets)}, ${commune.standaloneName}`,
        phone: phoneRoll < 0.35 ? landline(random, phones) : phoneRoll < 0.65 ? mobilePhone(random, phones) : null,
      };
      organisations.push(organisation);

      const staff = STAFF[kind];
      const size = Math.round(random.normal((staff.size[0] + staff.size[1]) / 2, (staff.size[1] - staff.size[0]) / 4, staff.size[0], staff.size[1]));
      for (const personId of workforce.take(commune.districtCode, size)) {
        const team = staff.teams.length > 0 ? random.pick(staff.teams) : null;
        members.push({ organisationId: organisation.id, personId, team });
      }
    }
  });
  return { organisations, members };
}
