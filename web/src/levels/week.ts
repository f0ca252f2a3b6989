// ISO weeks ("2021-W45") and calendar dates in Vietnam's time zone, whatever the browser's zone.
const TIME_ZONE = 'Asia/Ho_Chi_Minh';
const DAY_MS = 86_400_000;
export const WEEK_PATTERN = /^(\d{4})-W(0[1-9]|[1-4]\d|5[0-3])$/;

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Today's date in Vietnam, YYYY-MM-DD. */
export function todayInVietnam(now: Date = new Date()): string {
  // en-CA writes dates as YYYY-MM-DD
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The ISO week a calendar date belongs to. */
export function weekOfDate(date: string): string {
  const ms = Date.parse(`${date}T00:00:00Z`);
  const weekday = (new Date(ms).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const thursday = ms + (3 - weekday) * DAY_MS; // a week belongs to the year of its Thursday
  const year = new Date(thursday).getUTCFullYear();
  const number = 1 + Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * DAY_MS));
  return `${year}-W${String(number).padStart(2, '0')}`;
}

export const currentWeek = (now: Date = new Date()) => weekOfDate(todayInVietnam(now));

/** Monday and Sunday of a week; null when the text is no real ISO week (W53 of a 52-week year). */
export function weekRange(week: string): { start: string; end: string } | null {
  const match = WEEK_PATTERN.exec(week);
  if (!match) return null;
  const year = Number(match[1]);
  const jan4 = Date.UTC(year, 0, 4); // always in week 1
  const monday = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY_MS + (Number(match[2]) - 1) * 7 * DAY_MS;
  const start = isoDate(monday);
  if (weekOfDate(start) !== week) return null;
  return { start, end: isoDate(monday + 6 * DAY_MS) };
}

/** The week `count` weeks after (or before, when negative) a valid week. */
export function shiftWeek(week: string, count: number): string {
  const range = weekRange(week);
  if (!range) return week;
  return weekOfDate(isoDate(Date.parse(`${range.start}T00:00:00Z`) + count * 7 * DAY_MS));
}
