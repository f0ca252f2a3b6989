// Messages of the staff check-in screens (venues, scanner, declarations, check-in statistics), Vietnamese first.
// Spread into the app's dictionaries (i18n/vi.ts, i18n/en.ts).
export const venuesVi = {
} as const;

export const venuesEn: Record<keyof typeof venuesVi, string> = {
};
