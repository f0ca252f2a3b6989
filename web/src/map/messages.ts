// Messages of the map screens, Vietnamese first. Spread into the app's dictionaries (i18n/vi.ts, i18n/en.ts).
export const mapVi = {
} as const;

export const mapEn: Record<keyof typeof mapVi, string> = {
};
