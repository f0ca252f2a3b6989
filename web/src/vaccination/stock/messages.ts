// Messages of vaccination: stock, dose histories and certificates, Vietnamese first. Spread into i18n/vi.ts (English in messages.en.ts).
export const vaccinationStockVi = {
} as const;
export type VaccinationStockKey = keyof typeof vaccinationStockVi;
