// Messages of vaccination: the vaccinator's desk at a site, Vietnamese first. Spread into i18n/vi.ts (English in messages.en.ts).
export const vaccinationSiteVi = {
} as const;
export type VaccinationSiteKey = keyof typeof vaccinationSiteVi;
