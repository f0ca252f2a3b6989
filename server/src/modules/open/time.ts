// Dates of the map modules are calendar dates in Vietnam (Asia/Ho_Chi_Minh), whatever the server's zone.
export function todayInVietnam(instant: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}
