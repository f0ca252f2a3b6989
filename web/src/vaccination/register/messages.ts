// Messages of vaccination: registration (the health book) and scheduling, Vietnamese first. Spread into i18n/vi.ts (English in messages.en.ts).
export const vaccinationRegisterVi = {
} as const;
export type VaccinationRegisterKey = keyof typeof vaccinationRegisterVi;
