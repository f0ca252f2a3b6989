// Barcodes the system issues: printed label sheets and the retest tubes it plans. A prefix, nine
// digits from one sequence (so no two sheets repeat a code) and a Luhn check digit, which catches
// a mistyped digit or two swapped neighbours when a barcode is typed instead of scanned.
import type { Queryable } from '../../db/database.js';

const PREFIX = 'VG';

/** The Luhn check digit of a string of digits. */
export function luhnDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

export function formatBarcode(serial: number): string {
  const digits = String(serial).padStart(9, '0');
  return `${PREFIX}${digits}${luhnDigit(digits)}`;
}

/** Whether a barcode looks like one Vigil issued and its check digit is right. */
export function isIssuedBarcode(barcode: string): boolean {
  const match = /^VG([0-9]{9})([0-9])$/.exec(barcode);
  return match !== null && luhnDigit(match[1]!) === Number(match[2]);
}

/** The serial of a Vigil barcode, or null for any other code. */
export function serialOf(barcode: string): number | null {
  const match = /^VG([0-9]{9})[0-9]$/.exec(barcode);
  return match ? Number(match[1]) : null;
}

/** The highest serial issued so far: a Vigil code above it was never printed (typed wrong, or made up). */
export async function lastIssuedSerial(db: Queryable): Promise<number> {
  const [row] = await db.query<{ serial: number }>(`SELECT CASE WHEN is_called THEN last_value ELSE 0 END::int8 AS serial FROM tube_barcode_seq`);
  return row?.serial ?? 0;
}

/** n fresh barcodes, never issued before (the sequence is not rolled back with a transaction: a gap is harmless). */
export async function nextBarcodes(db: Queryable, n: number): Promise<string[]> {
  if (n <= 0) return [];
  const rows = await db.query<{ serial: number }>(`SELECT nextval('tube_barcode_seq')::int8 AS serial FROM generate_series(1, $1::int)`, [n]);
  return rows.map((row) => formatBarcode(row.serial));
}
