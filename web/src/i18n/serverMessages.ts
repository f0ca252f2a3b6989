// The server speaks English; these are Vietnamese renderings of the messages staff meet most.
// Anything not listed is shown as the server wrote it.
import type { Lang } from './index';

type Rule = [RegExp, (...groups: string[]) => string];

const VI: Rule[] = [
  [/^is required$/, () => 'bắt buộc phải nhập'],
  [/^must not be blank$|^must NOT have fewer than 1 characters$/, () => 'không được để trống'],
  [/^must be 12 digits$/, () => 'phải gồm đúng 12 chữ số'],
  [/^does not start with a valid province code$/, () => 'không bắt đầu bằng mã tỉnh hợp lệ (0 + mã tỉnh)'],
  [/^encodes birth year (\d+), not (\d+)$/, (a = '', b = '') => `mã hoá năm sinh ${a}, không phải ${b}`],
  [/^encodes sex male$/, () => 'mã hoá giới tính nam'],
  [/^encodes sex female$/, () => 'mã hoá giới tính nữ'],
  [/^is not a Vietnamese phone number/, () => 'không phải số điện thoại Việt Nam (VD: 0912 345 678 hoặc +84912345678)'],
  [/^is in the future$/, () => 'không được ở tương lai'],
  [/^is before (\d+)$/, (year = '') => `không được trước năm ${year}`],
  [/^does not match birthDate \((\d+)\)$/, (year = '') => `không khớp với ngày sinh (năm ${year})`],
  [/^birthDate or birthYear is required$/, () => 'cần nhập ngày sinh hoặc năm sinh'],
  [/^unknown unit code/, () => 'mã đơn vị không tồn tại'],
  [/is a \w+, not a commune$/, () => 'phải là đơn vị cấp xã'],
  [/^is wrong$/, () => 'không đúng'],
  [/^must differ from the current password$/, () => 'phải khác mật khẩu hiện tại'],
  [/^is outside your scope$/, () => 'nằm ngoài địa bàn bạn quản lý'],
  [/^is already registered$/, () => 'đã được đăng ký'],
  [/^must be >= (\d+)$/, (n = '') => `phải từ ${n} trở lên`],
  [/^must be <= (\d+)$/, (n = '') => `không được lớn hơn ${n}`],
  [/^must be integer$/, () => 'phải là số nguyên'],
  [/^must match format "date"$/, () => 'không phải ngày hợp lệ'],
  [/^wrong user name or password$/, () => 'Sai tên đăng nhập hoặc mật khẩu.'],
  [/^too many attempts; try again in (\d+) s$/, (s = '') => `Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${s} giây.`],
  [/^a person with this national ID is already registered$/, () => 'Số CCCD này đã được đăng ký cho một người khác.'],
  [/^one of these records was already merged$/, () => 'Một trong hai hồ sơ đã được gộp trước đó.'],
  [/^the token is invalid or has expired/, () => 'Phiên đăng nhập không hợp lệ hoặc đã hết hạn.'],
  [/^this account is disabled$/, () => 'Tài khoản này đã bị khoá.'],
  // Positions (places, zones, venues): "position (lat, lon) lies outside …" or "(lat, lon) lies outside …"
  [/^(?:position )?(\([^)]*\) )?lies outside (.+?) \((?:outside|it touches none of) the imported boundaries of its units\)$/, (at = '', name = '') => `vị trí ${at}nằm ngoài ${name} (ngoài ranh giới các đơn vị đã nhập)`],
  [/^(?:position )?(\([^)]*\) )?lies outside (.+?) \((?:outside its|not within its) bounding box .*\)$/, (at = '', name = '') => `vị trí ${at}nằm ngoài ${name} (ngoài khung toạ độ của tỉnh; chưa nhập ranh giới đơn vị)`],
  // QR check-in
  [/^is not a valid venue code/, () => 'mã QR không hợp lệ (bị giả mạo, sửa đổi hoặc nhập sai)'],
  [/^was revoked and replaced by a new code/, () => 'mã QR này đã bị thu hồi và thay bằng mã mới: hãy quét áp phích hiện tại'],
  [/^this venue is closed$/, () => 'địa điểm này đã ngừng hoạt động'],
  [/^belongs to no registered venue$/, () => 'không thuộc địa điểm nào đã đăng ký'],
  [/^is not a valid personal code/, () => 'mã cá nhân không hợp lệ (bị giả mạo, sửa đổi hoặc nhập sai)'],
  [/^no registered person has this national ID/, () => 'chưa có người nào đăng ký với số CCCD này'],
  [/^no such venue$/, () => 'không có địa điểm này'],
  [/^no such person$/, () => 'không có người này'],
  [/^is before checkedInAt$/, () => 'giờ ra trước giờ vào'],
  [/^is more than 24 hours after checkedInAt$/, () => 'giờ ra cách giờ vào hơn 24 giờ'],
  [/^is older than the retention period \((\d+) days\)$/, (n = '') => `cũ hơn thời hạn lưu trữ (${n} ngày)`],
  [/^was already used for a different check-in$/, () => 'mã lượt quét đã dùng cho một lượt khác'],
  [/^is already used by another venue/, () => 'mã này đã dùng cho một địa điểm khác'],
  [/^is too short$/, () => 'quá ngắn'],
  // contacts' bulk review (cases/contacts.actions.ts)
  [/^is candidate: confirm it first$/, () => 'đang chờ xác minh: hãy xác nhận là F1 trước'],
  [/^is rejected: confirm it first$/, () => 'đã bị loại: hãy xác nhận là F1 trước'],
  [/^follow-up has ended$/, () => 'đã kết thúc theo dõi'],
  // a contact's follow-up (cases/contacts.followup.ts)
  [/^a (candidate|rejected) contact is not followed up; confirm it first$/, (status = '') => `${status === 'candidate' ? 'Người tiếp xúc đang chờ xác minh' : 'Người tiếp xúc đã bị loại'}: không theo dõi. Hãy xác nhận là F1 trước.`],
  [/^a (candidate|rejected) contact has no follow-up to end$/, (status = '') => `${status === 'candidate' ? 'Người tiếp xúc đang chờ xác minh' : 'Người tiếp xúc đã bị loại'}: không có việc theo dõi để kết thúc.`],
  [/^follow-up already ended \((\w+)\)$/, (outcome = '') => `Việc theo dõi đã kết thúc trước đó (${({ completed: 'hoàn thành', lost: 'mất liên lạc', became_case: 'đã thành ca bệnh' } as Record<string, string>)[outcome] ?? outcome}).`],
  [/^must not be in the future$/, () => 'không được ở tương lai'],
  [/^required with outcome became_case$/, () => 'bắt buộc khi kết quả là "đã thành ca bệnh"'],
  [/^not a case of this contact's person$/, () => 'không phải ca bệnh của người này'],
  [/^rejected$/, () => 'đã bị loại khỏi danh sách'],
  [/^appears twice$/, () => 'bị chọn hai lần'],
  [/^not a contact of this case$/, () => 'không phải người tiếp xúc của ca bệnh này'],
  [/^name the facility$/, () => 'nhập tên cơ sở cách ly'],
  [/^(\d+) open order\(s\) cancelled$/, (n = '') => `đã huỷ ${n} chỉ định đang mở`],
  [/^no site given: nobody told$/, () => 'chưa nhập nơi lấy mẫu: chưa báo cho ai'],
  [/^not sent: no phone and no subscribed device$/, () => 'chưa gửi: không có số điện thoại và thiết bị nhận thông báo'],
  [/^not sent: no place-and-time exposure to describe/, () => 'chưa gửi: không có địa điểm, thời gian tiếp xúc để báo (tìm thấy qua hộ gia đình hoặc khai báo)'],
  [/^not sent: the outbox has no template for F2 contacts yet$/, () => 'chưa gửi: chưa có mẫu tin nhắn cho F2'],
];

export function localiseServerMessage(message: string, lang: Lang): string {
  if (lang !== 'vi') return message;
  for (const [pattern, render] of VI) {
    const match = pattern.exec(message);
    if (match) return render(...match.slice(1));
  }
  return message;
}
