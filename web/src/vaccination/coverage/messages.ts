// Messages of vaccination: coverage and the national export, Vietnamese first. Spread into i18n/vi.ts (English in messages.en.ts).
export const vaccinationCoverageVi = {
} as const;
export type VaccinationCoverageKey = keyof typeof vaccinationCoverageVi;
