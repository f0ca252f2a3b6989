// Messages of the public layout, Vietnamese first (combined into map/messages.ts).
export const publicVi = {
  'public.siteName': 'Vigil Hậu Giang',
  'public.tagline': 'Thông tin dịch bệnh Hậu Giang',
  'public.map': 'Bản đồ',
  'public.announcements': 'Thông báo',
  'public.stats': 'Thống kê',
  'public.staffSignIn': 'Cán bộ đăng nhập',
} as const;
