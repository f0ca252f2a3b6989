// What the collector's and the lab's scanners read: a person's QR (personal code, or the QR of a chip
// CCCD card, whose first field is the national ID), a typed national ID, or a tube's barcode.
import { normaliseNationalId, parseScanned } from '../venues/scanCodes';

export type CollectorCode =
  | { kind: 'person'; personCode: string }
  | { kind: 'nationalId'; nationalId: string }
  | { kind: 'tube'; barcode: string }
  | { kind: 'badTube'; barcode: string }
  | { kind: 'venue' | 'declaration' | 'unknown' };

/** The tubes table's rule for barcodes (server: collection.schema.ts Barcode). */
const BARCODE = /^[A-Za-z0-9-]{4,40}$/;
const ISSUED = /^VG([0-9]{9})([0-9])$/;

/** The Luhn check digit of a string of digits (server: testing/barcodes.ts). */
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

/** A barcode Vigil printed (VG + 9 digits + check digit) whose check digit is wrong: mistyped. */
export function mistypedIssuedBarcode(barcode: string): boolean {
  const match = /^VG[0-9]{10}$/.test(barcode) ? ISSUED.exec(barcode) : null;
  return match !== null && luhnDigit(match[1]!) !== Number(match[2]);
}

/** A tube's barcode as scanned or typed (spaces dropped, letters upper-cased), or null. */
export function normaliseBarcode(text: string): string | null {
  const compact = text.trim().replace(/\s+/g, '').toUpperCase();
  return BARCODE.test(compact) ? compact : null;
}

/** The national ID in a chip CCCD's QR: "093187001234|361234567|Nguyễn Văn A|07031987|…". */
function cccdCardId(text: string): string | null {
  const [first, ...rest] = text.split('|');
  return rest.length >= 2 && first ? normaliseNationalId(first) : null;
}

export function parseCollectorCode(text: string): CollectorCode {
  const value = text.trim();
  const scanned = parseScanned(value);
  if (scanned.kind === 'person') return { kind: 'person', personCode: scanned.code };
  if (scanned.kind === 'venue' || scanned.kind === 'declaration') return { kind: scanned.kind };
  const fromCard = cccdCardId(value);
  if (fromCard) return { kind: 'nationalId', nationalId: fromCard };
  const barcode = normaliseBarcode(value);
  // 12 digits alone are a national ID typed into a handheld scanner's box, not a tube
  if (barcode && !/^[0-9]{12}$/.test(barcode)) return mistypedIssuedBarcode(barcode) ? { kind: 'badTube', barcode } : { kind: 'tube', barcode };
  const nationalId = normaliseNationalId(value);
  if (nationalId) return { kind: 'nationalId', nationalId };
  return { kind: 'unknown' };
}

/**
 * The record id inside a personal code (base64url of a kind byte, the person's UUID and a MAC: see
 * server checkins/codes.ts). Unverified: used only to show a representative's household before the
 * server, which checks the MAC, receives the sample.
 */
export function personIdInCode(code: string): string | null {
  try {
    const bytes = Uint8Array.from(atob(code.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
    if (bytes.length !== 29 || bytes[0] !== 0x50) return null;
    const hex = [...bytes.subarray(1, 17)].map((b) => b.toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  } catch {
    return null;
  }
}
