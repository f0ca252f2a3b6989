// Messages of vaccination shared by the shell: menu entries and screen titles, Vietnamese first.
export const vaccinationVi = {
  'nav.vaccinationRegistrations': 'Tiêm chủng: đăng ký',
  'nav.vaccinationSessions': 'Tiêm chủng: buổi tiêm',
  'nav.vaccinationSite': 'Bàn tiêm',
  'nav.vaccinationStock': 'Vắc xin: tồn kho',
  'nav.vaccinationCoverage': 'Tỷ lệ tiêm chủng',
  'nav.vaccinationExport': 'Chuyển dữ liệu tiêm lên hệ thống quốc gia',
  'vaccination.personTitle': 'Lịch sử tiêm của một người',
  'vaccination.public.register': 'Đăng ký tiêm',
  'vaccination.public.certificate': 'Chứng nhận tiêm chủng',
} as const;
export type VaccinationKey = keyof typeof vaccinationVi;
