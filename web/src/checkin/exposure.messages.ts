// Messages of the exposure check and of push notifications on /me (ExposureCheck.tsx, PushOptIn.tsx), Vietnamese first; spread into checkinVi.
export const exposureVi = {
  'checkin.exposure.title': 'Đối chiếu với địa điểm có ca bệnh',
  'checkin.exposure.checking': 'Đang đối chiếu với danh sách địa điểm có ca bệnh…',
  'checkin.exposure.none': 'Không trùng: các lượt khai báo trên máy này không trùng thời gian với địa điểm nào có ca bệnh ({notices} thông báo trong {days} ngày qua). Cập nhật lúc {time}.',
  'checkin.exposure.nothingToCompare': 'Máy này chưa có lượt khai báo nào để đối chiếu. Danh sách địa điểm có ca bệnh cập nhật lúc {time}.',
  'checkin.exposure.private': 'Việc đối chiếu diễn ra ngay trên điện thoại này: lịch sử nơi bạn đến không được gửi đi đâu cả.',
  'checkin.exposure.warningTitle': 'Bạn có thể đã tiếp xúc với ca bệnh',
  'checkin.exposure.warningIntro': 'Theo lượt khai báo trên máy này, bạn đã ở cùng địa điểm và cùng khoảng thời gian với một ca bệnh:',
  'checkin.exposure.caseWas': 'Ca bệnh có mặt: {window}',
  'checkin.exposure.youWere': 'Bạn khai báo vào lúc {time}',
  'checkin.exposure.whatToDo': 'Bạn cần làm gì',
  'checkin.exposure.step.call': 'Liên hệ ngay trạm y tế xã, phường nơi bạn ở và báo địa điểm, thời gian trên.',
  'checkin.exposure.step.watch': 'Tự theo dõi sức khoẻ trong 14 ngày: sốt, ho, đau họng, khó thở, mất vị giác hoặc khứu giác.',
  'checkin.exposure.step.test': 'Đi xét nghiệm theo hướng dẫn của trạm y tế.',
  'checkin.exposure.step.limit': 'Trong lúc chờ: đeo khẩu trang, hạn chế tiếp xúc và không đến chỗ đông người.',

  'checkin.push.title': 'Nhận thông báo trên điện thoại này',
  'checkin.push.intro': 'Cơ quan y tế có thể báo cho bạn ngay khi bạn cần cách ly, xét nghiệm hoặc đã đến nơi có ca bệnh.',
  'checkin.push.turnOn': 'Bật thông báo',
  'checkin.push.turnOff': 'Tắt thông báo',
  'checkin.push.on': 'Đã bật thông báo trên máy này.',
  'checkin.push.denied': 'Trình duyệt đang chặn thông báo của trang này: hãy cho phép trong phần cài đặt của trình duyệt.',
} as const;
