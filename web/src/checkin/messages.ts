// Messages of the citizens' check-in pages (venue QR page, personal code, health declaration), Vietnamese first.
// Spread into the app's dictionaries (i18n/vi.ts, i18n/en.ts).
export const checkinVi = {
} as const;

export const checkinEn: Record<keyof typeof checkinVi, string> = {
};
