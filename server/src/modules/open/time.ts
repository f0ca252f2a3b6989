// Dates of the map modules are calendar dates in Vietnam (Asia/Ho_Chi_Minh), whatever the server's zone.
export function todayInVietnam(instant: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

const DAY_MS = 86_400_000;

/** The calendar date `days` after `date` (both YYYY-MM-DD; days may be negative). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS) + 1;
}

/**
 * The instants of days `from` to `to` in Vietnam: [start, end). Vietnam has kept UTC+7 without
 * daylight saving since 1975, so a local day is a fixed range of instants.
 */
export function vietnamDaysRange(from: string, to: string = from): { start: Date; end: Date } {
  return { start: new Date(`${from}T00:00:00+07:00`), end: new Date(Date.parse(`${to}T00:00:00+07:00`) + DAY_MS) };
}
