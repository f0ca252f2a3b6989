// ISO weeks ("2021-W45") in Asia/Ho_Chi_Minh: assessments are weekly, and a week means the
// Monday-to-Sunday week of Vietnam's calendar, whatever the server's own time zone.
export const WEEK_PATTERN = '^[0-9]{4}-W(0[1-9]|[1-4][0-9]|5[0-3])$';
export const DATE_PATTERN = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

const DAY_MS = 86_400_000;

export interface IsoWeek {
  week: string;
  /** Monday, YYYY-MM-DD */
  start: string;
  /** Sunday, YYYY-MM-DD */
  end: string;
}

const toDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** A real calendar date in YYYY-MM-DD form (2021-02-30 is not). */
export function isDate(value: unknown): value is string {
  if (typeof value !== 'string' || !new RegExp(DATE_PATTERN).test(value)) return false;
  const ms = Date.parse(`${value}T00:00:00Z`);
  return Number.isFinite(ms) && toDate(ms) === value;
}

/** The ISO week holding a calendar date (YYYY-MM-DD). */
export function weekOfDate(date: string): string {
  const ms = Date.parse(`${date}T00:00:00Z`);
  const weekday = (new Date(ms).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const thursday = ms + (3 - weekday) * DAY_MS; // the ISO year is the year of the week's Thursday
  const year = new Date(thursday).getUTCFullYear();
  const week = 1 + Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * DAY_MS));
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Parses "2021-W45"; null when malformed or when the year has no such week (W53 of a 52-week year). */
export function parseWeek(value: unknown): IsoWeek | null {
  if (typeof value !== 'string' || !new RegExp(WEEK_PATTERN).test(value)) return null;
  const year = Number(value.slice(0, 4));
  const week = Number(value.slice(6));
  const jan4 = Date.UTC(year, 0, 4); // always in week 1
  const mondayOfWeek1 = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY_MS;
  const monday = mondayOfWeek1 + (week - 1) * 7 * DAY_MS;
  const start = toDate(monday);
  if (weekOfDate(start) !== value) return null;
  return { week: value, start, end: toDate(monday + 6 * DAY_MS) };
}

/** The calendar date in Vietnam at an instant. */
export function localDate(instant: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** The ISO week in Vietnam at an instant. */
export function weekAt(instant: Date = new Date()): string {
  return weekOfDate(localDate(instant));
}
