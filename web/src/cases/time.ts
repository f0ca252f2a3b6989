// Times typed by staff are Vietnam's local time, whatever zone the computer is set to.
const OFFSET_MS = 7 * 3_600_000;

/** Now in Vietnam as a `datetime-local` value: "2021-08-02T10:30". */
export function nowLocalInput(): string {
  return new Date(Date.now() + OFFSET_MS).toISOString().slice(0, 16);
}

/** A `datetime-local` value read as Vietnam time → an ISO instant; null when it is not one. */
export function localInputToIso(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const date = new Date(`${value}:00+07:00`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** Today in Vietnam plus `days`, as YYYY-MM-DD. */
export function vietnamDay(days = 0): string {
  return new Date(Date.now() + OFFSET_MS + days * 86_400_000).toISOString().slice(0, 10);
}
