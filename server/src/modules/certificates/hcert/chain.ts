// The HCERT decoding steps, one function each, each failing with its own reason: the verifier
// runs them in a row, the conformance tests run them one at a time on the test vectors' stages.
import { unzlibSync } from 'fflate';
import { base45Decode } from './base45.js';
import { cborToJson, decodeCbor } from './cbor.js';
import { type CoseSign1, parseCoseSign1 } from './cose.js';
import { type Dcc, dccShapeProblem } from './dcc.js';
import { HcertError } from './reasons.js';

export const HC1_PREFIX = 'HC1:';

/** CWT claim keys (RFC 8392) and the HCERT claim. */
export const CLAIM = { iss: 1, exp: 4, iat: 6, hcert: -260 } as const;
/** Inside the hcert claim, the EU DCC is entry 1. */
export const HCERT_DCC = 1;

/** Removes the `HC1:` context identifier (HCERT §4.2.1). */
export function unprefix(text: string): string {
  const trimmed = text.trim();
  if (!trimmed) throw new HcertError('malformed', 'the input is empty');
  if (!trimmed.startsWith(HC1_PREFIX)) {
    const found = /^[A-Z0-9]{2,4}:/.exec(trimmed)?.[0];
    throw new HcertError('bad_prefix', found ? `the prefix ${found} is not ${HC1_PREFIX}` : `the text does not start with ${HC1_PREFIX}`);
  }
  return trimmed.slice(HC1_PREFIX.length);
}

export function decodeBase45Text(text: string): Uint8Array {
  try {
    return base45Decode(text);
  } catch (error) {
    throw new HcertError('bad_base45', `not Base45: ${(error as Error).message}`);
  }
}

/** A zlib stream starts with CMF 0x?8 (deflate) and a check value making CMF·256+FLG a multiple of 31 (RFC 1950). */
export function looksLikeZlib(bytes: Uint8Array): boolean {
  return bytes.length > 2 && (bytes[0]! & 0x0f) === 8 && (bytes[0]! * 256 + bytes[1]!) % 31 === 0;
}

/** Inflates zlib data strictly (the COMPRESSED stage of a test vector). */
export function inflateZlib(bytes: Uint8Array): Uint8Array {
  if (!looksLikeZlib(bytes)) throw new HcertError('bad_compression', 'not zlib data (no zlib header)');
  try {
    return unzlibSync(bytes);
  } catch (error) {
    throw new HcertError('bad_compression', `the zlib data is broken: ${(error as Error).message}`);
  }
}

/**
 * The COSE bytes of a decoded QR payload: inflated when it is zlib data, as it is when it already
 * starts like a COSE structure (tag 18, tag 61 or an array of four). HCERT makes compression a
 * SHOULD, and issuers of the test vectors (and some countries) left small certificates uncompressed.
 */
export function decompress(bytes: Uint8Array): Uint8Array {
  if (looksLikeZlib(bytes)) return inflateZlib(bytes);
  const first = bytes[0];
  if (first === 0xd2 || first === 0x84 || (first === 0xd8 && bytes[1] === 61)) return bytes;
  throw new HcertError('bad_compression', 'neither zlib data nor a COSE structure');
}

export interface Claims {
  /** issuing country (ISO 3166-1 alpha-2) */
  iss: string | null;
  /** issued at, seconds since 1970 */
  iat: number | null;
  /** expires at, seconds since 1970 */
  exp: number | null;
  dcc: Dcc;
}

function seconds(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'bigint') return Number(value);
  return null;
}

function claimsMap(message: CoseSign1): Map<unknown, unknown> {
  let claims: unknown;
  try {
    claims = decodeCbor(message.payload);
  } catch (error) {
    throw new HcertError('malformed', `the payload is not CBOR: ${(error as Error).message}`);
  }
  if (!(claims instanceof Map)) throw new HcertError('malformed', 'the payload is not a CWT claims map');
  return claims as Map<unknown, unknown>;
}

/** Only the times of the CWT (the expiration check needs nothing else). */
export function readTimes(message: CoseSign1): Pick<Claims, 'iat' | 'exp'> {
  const claims = claimsMap(message);
  return { iat: seconds(claims.get(CLAIM.iat)), exp: seconds(claims.get(CLAIM.exp)) };
}

/** The CWT claims of a COSE_Sign1 payload with the DCC as JSON; throws malformed when it is no HCERT. */
export function readClaims(message: CoseSign1): Claims {
  const claims = claimsMap(message);
  const hcert = claims.get(CLAIM.hcert);
  if (!(hcert instanceof Map)) throw new HcertError('malformed', 'the CWT has no hcert claim (-260)');
  const dcc = cborToJson((hcert as Map<unknown, unknown>).get(HCERT_DCC));
  const problem = dccShapeProblem(dcc);
  if (problem) throw new HcertError('malformed', problem);
  const iss = claims.get(CLAIM.iss);
  return { iss: typeof iss === 'string' ? iss : null, iat: seconds(claims.get(CLAIM.iat)), exp: seconds(claims.get(CLAIM.exp)), dcc: dcc as Dcc };
}

/** From the scanned text to the COSE_Sign1 structure: prefix, Base45, zlib, COSE. */
export function decodeHc1(text: string): CoseSign1 {
  return parseCoseSign1(decompress(decodeBase45Text(unprefix(text))));
}
