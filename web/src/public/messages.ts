// Messages of the public layout, Vietnamese first (combined into map/messages.ts).
export const publicVi = {
  'public.siteName': 'Vigil Hậu Giang',
  'public.tagline': 'Thông tin dịch bệnh Hậu Giang',
  'public.map': 'Bản đồ',
  'public.announcements': 'Thông báo',
  'public.stats': 'Thống kê',
  'public.staffSignIn': 'Cán bộ đăng nhập',
} as const;

export const publicEn: Record<keyof typeof publicVi, string> = {
  'public.siteName': 'Vigil Hậu Giang',
  'public.tagline': 'Epidemic information for Hậu Giang',
  'public.map': 'Map',
  'public.announcements': 'Announcements',
  'public.stats': 'Statistics',
  'public.staffSignIn': 'Staff sign-in',
};
