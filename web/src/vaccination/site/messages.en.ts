// English messages of vaccination: the vaccinator's desk at a site (every key of the Vietnamese ones, checked by the type).
import type { VaccinationSiteKey } from './messages';

export const vaccinationSiteEn: Record<VaccinationSiteKey, string> = {
};
