// Messages of the levels screens, Vietnamese first. Spread into the app's dictionaries (i18n/vi.ts, i18n/en.ts).
export const levelsVi = {
} as const;

export const levelsEn: Record<keyof typeof levelsVi, string> = {
};
