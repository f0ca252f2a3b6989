// English messages of vaccination: registration (the health book) and scheduling (every key of the Vietnamese ones, checked by the type).
import type { VaccinationRegisterKey } from './messages';

export const vaccinationRegisterEn: Record<VaccinationRegisterKey, string> = {
};
