// Verifying an HCERT (`HC1:…`) against a list of trusted keys at a validation time: the whole
// chain, ending in one result with the first reason it fails. Pure (WebCrypto, no Node API): the
// CLI, the server's tests and the offline verifier page all run this.
import { bytesEqual, fromBase64, ownBuffer, toBase64 } from './bytes.js';
import { type Claims, decodeHc1, readClaims } from './chain.js';
import { ALG, algOf, type CoseSign1, kidOf, sigStructure } from './cose.js';
import { type Dcc, entryTypesOf } from './dcc.js';
import { HcertError, type Reason } from './reasons.js';
import type { TrustedKey } from './trust.js';

export interface Verification {
  valid: boolean;
  /** the first step that failed; null when valid */
  reason: Reason | null;
  /** what was found, in English, for logs and the curious; null when valid */
  detail: string | null;
  /** the DCC (name, birth date, entries) when the payload could be read, signed or not */
  payload: Dcc | null;
  /** the validation time is after `exp` (reported whatever else failed, once `exp` is readable) */
  expired: boolean;
  /** base64 key id from the COSE header */
  kid: string | null;
  /** `iss`, `iat` and `exp` of the CWT (times as ISO strings) */
  issuer: string | null;
  issuedAt: string | null;
  expiresAt: string | null;
  /** the trusted certificate that verified the signature */
  signer: { subject: string; country: string | null } | null;
}

const COORDINATE_BYTES = { 'P-256': 32, 'P-384': 48, 'P-521': 66 } as const;

const isoOf = (secondsSince1970: number | null) => (secondsSince1970 === null ? null : new Date(secondsSince1970 * 1000).toISOString());

/** Checks the signature with each trusted key of that kid (kids may collide); the key that verified, or a reason. */
export async function checkSignature(message: CoseSign1, trust: readonly TrustedKey[]): Promise<TrustedKey> {
  const kid = kidOf(message);
  if (!kid) throw new HcertError('unknown_key', 'the certificate names no key id (kid)');
  const candidates = trust.filter((key) => bytesEqual(fromBase64(key.kid), kid));
  if (!candidates.length) throw new HcertError('unknown_key', `no trusted key has the key id ${toBase64(kid)}`);
  const alg = algOf(message);
  if (alg !== ALG.ES256 && alg !== ALG.PS256) throw new HcertError('unsupported_algorithm', `algorithm ${alg ?? 'none'} is neither ES256 (-7) nor PS256 (-37)`);
  const signed = ownBuffer(sigStructure(message.protectedBytes, message.payload));
  const signature = ownBuffer(message.signature);
  for (const key of candidates) {
    if ((alg === ALG.ES256) !== (key.alg === 'ES256')) continue;
    const params = key.alg === 'ES256' ? { name: 'ECDSA', hash: 'SHA-256' } : { name: 'RSA-PSS', saltLength: 32 };
    if (key.curve && signature.length !== 2 * COORDINATE_BYTES[key.curve]) continue;
    if (await crypto.subtle.verify(params, key.publicKey, signature, signed)) return key;
  }
  throw new HcertError('bad_signature', 'the signature does not match the trusted key');
}

/** The DSC's extended key usage must allow every entry type the DCC holds (HCERT §5.1.1). */
export function checkKeyUsage(key: TrustedKey, dcc: Dcc): void {
  if (!key.keyUsage) return;
  const refused = entryTypesOf(dcc).filter((type) => !key.keyUsage!.includes(type));
  if (refused.length) throw new HcertError('wrong_key_usage', `the signing certificate may sign ${key.keyUsage.join(', ') || 'no'} entries, not ${refused.join(', ')}`);
}

/** iat ≤ at ≤ exp, with `at` in milliseconds. */
export function checkTimes(claims: Pick<Claims, 'iat' | 'exp'>, at: number): void {
  if (claims.iat !== null && at < claims.iat * 1000) throw new HcertError('not_yet_valid', `issued at ${isoOf(claims.iat)}, after the validation time ${new Date(at).toISOString()}`);
  if (claims.exp !== null && at > claims.exp * 1000) throw new HcertError('expired', `expired at ${isoOf(claims.exp)}`);
}

export interface VerifyOptions {
  /** the validation clock; default now */
  at?: Date;
}

export async function verifyHc1(text: string, trust: readonly TrustedKey[], options: VerifyOptions = {}): Promise<Verification> {
  const at = (options.at ?? new Date()).getTime();
  const result: Verification = {
    valid: false, reason: null, detail: null, payload: null, expired: false, kid: null, issuer: null, issuedAt: null, expiresAt: null, signer: null,
  };
  try {
    const message = decodeHc1(text);
    const kid = kidOf(message);
    result.kid = kid ? toBase64(kid) : null;
    const claims = readClaims(message);
    Object.assign(result, {
      payload: claims.dcc, issuer: claims.iss, issuedAt: isoOf(claims.iat), expiresAt: isoOf(claims.exp),
      expired: claims.exp !== null && at > claims.exp * 1000,
    });
    const key = await checkSignature(message, trust);
    result.signer = { subject: key.subject, country: key.country };
    checkKeyUsage(key, claims.dcc);
    checkTimes(claims, at);
    result.valid = true;
  } catch (error) {
    if (!(error instanceof HcertError)) throw error;
    result.reason = error.reason;
    result.detail = error.message;
  }
  return result;
}
