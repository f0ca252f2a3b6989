// Issuing a certificate: the DCC payload from a holder and one entry, signed with the active key,
// as an `HC1:` text (what the QR code holds). Other modules call issueHcert with their transaction
// and audit the issue with the person; this module records only the certificate's identifier.
import { randomBytes } from 'node:crypto';
import type { Database, Queryable } from '../../db/database.js';
import { type FieldErrors, validationFailed } from '../../platform/errors.js';
import type { CertificateConfig } from './config.js';
import { fromBase64 } from './hcert/bytes.js';
import type { Dcc, TestEntry, VaccinationEntry } from './hcert/dcc.js';
import { encodeHc1 } from './hcert/encode.js';
import { icaoTransliterate } from './hcert/names.js';
import { dccSchemaProblems } from './hcert/schema.js';
import { activeSigner } from './keys.js';
import { recordIssued } from './keys.repository.js';

/** The schema version Vigil writes. */
export const DCC_VERSION = '1.3.0';
const COVID_19 = '840539006';
const HOUR = 60 * 60 * 1000;

export interface Holder {
  familyName: string;
  givenName?: string | null;
  /** YYYY-MM-DD, or YYYY-MM or YYYY when only that is known */
  dob: string;
}

/** A vaccination entry; `tg` (COVID-19), `co`, `is` and `ci` are filled in when left out. */
export type VaccinationInput = Omit<VaccinationEntry, 'tg' | 'co' | 'is' | 'ci'> & Partial<Pick<VaccinationEntry, 'tg' | 'co' | 'is'>>;
/** A test entry; `tg`, `co`, `is` and `ci` are filled in when left out. */
export type TestInput = Omit<TestEntry, 'tg' | 'co' | 'is' | 'ci'> & Partial<Pick<TestEntry, 'tg' | 'co' | 'is'>>;

export interface IssueInput {
  holder: Holder;
  /** exactly one entry: a dose (v) or a test (t) */
  entries: { v?: VaccinationInput[]; t?: TestInput[] };
  /** how long the certificate is valid from its issue (at most VIGIL_CERTIFICATE_MAX_DAYS) */
  validFor: { days?: number; hours?: number };
  /** default now */
  issuedAt?: Date;
}

export interface IssuedCertificate {
  /** the text of the QR code */
  hc1: string;
  kid: string;
  /** the certificate identifier (UVCI), also in the entry's `ci` */
  uvci: string;
  issuedAt: string;
  expiresAt: string;
  payload: Dcc;
}

/**
 * A unique certificate identifier (UVCI, eHN guidelines annex 2, option 3): the issuing entity
 * and 26 random base32 characters (130 bits), e.g. URN:UVCI:01:VN:93/K3Q…; no checksum (optional).
 */
export function newUvci(config: Pick<CertificateConfig, 'country' | 'issuerCode'>): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const random = [...randomBytes(26)].map((byte) => alphabet[byte & 31]).join('');
  return `URN:UVCI:01:${config.country}:${config.issuerCode}/${random}`;
}

/** The test entry of a negative test (testing's sessions know `rt_pcr` and `rapid_antigen`). */
export function negativeTestEntry(test: { method: 'rt_pcr' | 'rapid_antigen'; sampledAt: Date | string; centre: string; testName?: string; device?: string }): TestInput {
  const sampled = typeof test.sampledAt === 'string' ? new Date(test.sampledAt) : test.sampledAt;
  return {
    tt: test.method === 'rt_pcr' ? 'LP6464-4' : 'LP217198-3',
    ...(test.testName ? { nm: test.testName } : {}),
    ...(test.device ? { ma: test.device } : {}),
    sc: sampled.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    tr: '260415000',
    tc: test.centre,
  };
}

/** "/v/0/dt" → "entries.v[0].dt", "/nam/gnt" → "holder.givenName", "/dob" → "holder.dob" */
function fieldOf(path: string): string {
  const names: Record<string, string> = { '/nam/fn': 'holder.familyName', '/nam/fnt': 'holder.familyName', '/nam/gn': 'holder.givenName', '/nam/gnt': 'holder.givenName', '/nam': 'holder.familyName', '/dob': 'holder.dob' };
  if (names[path]) return names[path];
  const entry = /^\/([vtr])\/(\d+)(?:\/(\w+))?$/.exec(path);
  if (entry) return `entries.${entry[1]}[${entry[2]}]${entry[3] ? `.${entry[3]}` : ''}`;
  return 'entries';
}

function validity(input: IssueInput, config: CertificateConfig): number {
  const ms = (input.validFor.days ?? 0) * 24 * HOUR + (input.validFor.hours ?? 0) * HOUR;
  if (!(ms > 0)) throw validationFailed({ validFor: 'give days or hours, more than zero' });
  if (ms > config.certificateMaxDays * 24 * HOUR) throw validationFailed({ validFor: `is at most ${config.certificateMaxDays} days` });
  return ms;
}

/** Builds the DCC payload; a 400 names each field that does not follow the schema. */
export function buildDcc(input: IssueInput, config: CertificateConfig, uvci: string, issuedAt: Date): Dcc {
  const { holder, entries } = input;
  const kinds = (['v', 't'] as const).filter((kind) => entries[kind]?.length);
  if (kinds.length !== 1 || entries[kinds[0]!]!.length !== 1) throw validationFailed({ entries: 'give exactly one entry: one dose (v) or one test (t)' });
  const common = { tg: COVID_19, co: config.country, is: config.issuer };
  const givenName = holder.givenName?.trim() ?? '';
  const dcc: Dcc = {
    ver: DCC_VERSION,
    nam: {
      fn: holder.familyName.trim(),
      fnt: icaoTransliterate(holder.familyName),
      ...(givenName ? { gn: givenName, gnt: icaoTransliterate(givenName) } : {}),
    },
    dob: holder.dob,
    ...(entries.v?.length ? { v: [{ ...common, ...entries.v[0]!, ci: uvci }] } : {}),
    ...(entries.t?.length ? { t: [{ ...common, ...entries.t[0]!, ci: uvci }] } : {}),
  };
  const fields: FieldErrors = {};
  if (!dcc.nam.fnt) fields['holder.familyName'] = 'has no letters to write in the machine-readable name';
  for (const problem of dccSchemaProblems(dcc, { strict: true, issuedAt })) {
    const [path = '/', message = problem] = problem.split(/: (.*)/s);
    fields[fieldOf(path)] ??= message;
  }
  if (Object.keys(fields).length) throw validationFailed(fields);
  return dcc;
}

/**
 * ⚑ Issues a signed certificate for one dose or one test. Pass the caller's transaction to record
 * it with the caller's change (the issue is then undone with it).
 */
export async function issueHcert(db: Database | Queryable, config: CertificateConfig, input: IssueInput): Promise<IssuedCertificate> {
  const issuedAt = new Date(Math.floor((input.issuedAt ?? new Date()).getTime() / 1000) * 1000);
  const validForMs = validity(input, config);
  const uvci = newUvci(config);
  const payload = buildDcc(input, config, uvci, issuedAt);
  const signer = await activeSigner(db, config, issuedAt);
  // a certificate never outlives the certificate of the key that signed it
  const exp = Math.floor(Math.min(issuedAt.getTime() + validForMs, signer.notAfter.getTime()) / 1000);
  const expiresAt = new Date(exp * 1000);
  const hc1 = await encodeHc1({ iss: config.country, iat: issuedAt.getTime() / 1000, exp, dcc: payload }, fromBase64(signer.kid), (data) => signer.sign(data));
  await recordIssued(db, { uvci, kind: payload.v ? 'v' : 't', kid: signer.kid, issuedAt, expiresAt });
  return { hc1, kid: signer.kid, uvci, issuedAt: issuedAt.toISOString(), expiresAt: expiresAt.toISOString(), payload };
}
