// The DCC payload (the `hcert` claim's content) as JSON, per the EU DCC JSON schema's fields:
// the holder's name and birth date, and entries of vaccination (v), test (t) or recovery (r).
import { type EntryType } from './dsc.js';

export interface DccName {
  /** family name(s) as written */
  fn?: string;
  /** family name(s) transliterated to ICAO 9303 (A–Z and <) */
  fnt: string;
  gn?: string;
  gnt?: string;
}

export interface VaccinationEntry {
  tg: string; vp: string; mp: string; ma: string; dn: number; sd: number; dt: string; co: string; is: string; ci: string;
}
export interface TestEntry {
  tg: string; tt: string; nm?: string; ma?: string; sc: string; dr?: string; tr: string; tc?: string; co: string; is: string; ci: string;
}
export interface RecoveryEntry {
  tg: string; fr: string; co: string; is: string; df: string; du: string; ci: string;
}

export interface Dcc {
  ver: string;
  nam: DccName;
  dob: string;
  v?: VaccinationEntry[];
  t?: TestEntry[];
  r?: RecoveryEntry[];
}

export const ENTRY_TYPES: readonly EntryType[] = ['v', 't', 'r'];

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * What a verifier needs to show a certificate: a version, a name with its transliteration, a birth
 * date and entry arrays. Returns the first problem, or null. (The full schema with value sets is
 * schema.ts: a foreign certificate with a newer code must still verify.)
 */
export function dccShapeProblem(value: unknown): string | null {
  if (!isObject(value)) return 'the DCC is not a map';
  if (typeof value.ver !== 'string') return 'ver (the schema version) is missing';
  if (!isObject(value.nam)) return 'nam (the name) is missing';
  if (typeof value.nam.fnt !== 'string' && typeof value.nam.gnt !== 'string') return 'nam has neither fnt nor gnt';
  if (typeof value.dob !== 'string') return 'dob (the birth date) is missing';
  for (const type of ENTRY_TYPES) {
    const entries = value[type];
    // absent, or null as Bulgaria's first certificates wrote the kinds they did not hold
    if (entries === undefined || entries === null) continue;
    if (!Array.isArray(entries) || !entries.every(isObject)) return `${type} is not a list of entries`;
  }
  return null;
}

/** The entry types a DCC holds (normally exactly one). */
export function entryTypesOf(dcc: Dcc): EntryType[] {
  return ENTRY_TYPES.filter((type) => Array.isArray(dcc[type]) && dcc[type].length > 0);
}
