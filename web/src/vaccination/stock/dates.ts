// Today's date in Vietnam (YYYY-MM-DD), whatever the device's zone: session dates are Vietnamese days.
export function todayIso(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
