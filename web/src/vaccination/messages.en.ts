// English messages of vaccination shared by the shell (every key of the Vietnamese ones).
import type { VaccinationKey } from './messages';

export const vaccinationEn: Record<VaccinationKey, string> = {
  'nav.vaccinationRegistrations': 'Vaccination: registrations',
  'nav.vaccinationSessions': 'Vaccination: sessions',
  'nav.vaccinationSite': 'Vaccination desk',
  'nav.vaccinationStock': 'Vaccines: stock',
  'nav.vaccinationCoverage': 'Vaccination coverage',
  'nav.vaccinationExport': 'Export to the national registry',
  'vaccination.personTitle': "A person's doses",
  'vaccination.public.register': 'Register for vaccination',
  'vaccination.public.certificate': 'Vaccination certificate',
} as const;
