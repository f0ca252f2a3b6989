// Clock times in Vietnam's time, whatever zone the phone is set to.
const TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const DAY = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' });

/** "14:05" */
export const formatTime = (iso: string) => TIME.format(new Date(iso));

/** "14:05 · 07/03/2025" (the time first: that is what people look for on a check-in) */
export const formatTimeDay = (iso: string) => `${formatTime(iso)} · ${DAY.format(new Date(iso))}`;

/** Today in Vietnam as YYYY-MM-DD, plus `days`. */
export function vietnamDate(days = 0): string {
  const shifted = new Date(Date.now() + 7 * 3_600_000 + days * 86_400_000);
  return shifted.toISOString().slice(0, 10);
}
