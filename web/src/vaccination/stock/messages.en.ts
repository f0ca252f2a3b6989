// English messages of vaccination: stock, dose histories and certificates (every key of the Vietnamese ones, checked by the type).
import type { VaccinationStockKey } from './messages';

export const vaccinationStockEn: Record<VaccinationStockKey, string> = {
};
