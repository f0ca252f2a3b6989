// English messages of vaccination: coverage and the national export (every key of the Vietnamese ones, checked by the type).
import type { VaccinationCoverageKey } from './messages';

export const vaccinationCoverageEn: Record<VaccinationCoverageKey, string> = {
};
