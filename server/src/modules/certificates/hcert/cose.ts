// COSE_Sign1 (RFC 9052 §4.2) as HCERT uses it: [protected bstr, unprotected map, payload bstr,
// signature bstr], tagged 18 (or untagged, or inside a CWT tag 61), signed over the Sig_structure.
import { decodeCbor, encodeCbor, Tag } from './cbor.js';
import { HcertError } from './reasons.js';

export const COSE_SIGN1_TAG = 18;
export const CWT_TAG = 61;
export const HEADER = { alg: 1, kid: 4 } as const;
/** COSE algorithm ids HCERT allows (HCERT §3.3.1): ES256 first, PS256 as the fallback. */
export const ALG = { ES256: -7, PS256: -37 } as const;

export interface CoseSign1 {
  /** The protected header exactly as signed (its bytes are part of the Sig_structure). */
  protectedBytes: Uint8Array;
  protectedHeader: Map<unknown, unknown>;
  unprotectedHeader: Map<unknown, unknown>;
  payload: Uint8Array;
  signature: Uint8Array;
}

const cose = (message: string) => new HcertError('bad_cose', message);

/** Reads a COSE_Sign1 structure; throws bad_cose naming what is wrong. */
export function parseCoseSign1(bytes: Uint8Array): CoseSign1 {
  let item: unknown;
  try {
    item = decodeCbor(bytes);
  } catch (error) {
    throw cose(`not CBOR: ${(error as Error).message}`);
  }
  // a CWT tag around the COSE tag is allowed (HCERT §3.3.3), as is an untagged array
  if (item instanceof Tag && item.tag === CWT_TAG) item = item.value;
  if (item instanceof Tag) {
    if (item.tag !== COSE_SIGN1_TAG) throw cose(`tag ${item.tag} is not COSE_Sign1 (18)`);
    item = item.value;
  }
  if (!Array.isArray(item) || item.length !== 4) throw cose('a COSE_Sign1 structure is an array of four items');
  const [protectedBytes, unprotectedHeader, payload, signature] = item as unknown[];
  if (!(protectedBytes instanceof Uint8Array)) throw cose('the protected header is not a byte string');
  if (!(unprotectedHeader instanceof Map)) throw cose('the unprotected header is not a map');
  if (!(payload instanceof Uint8Array)) throw cose('the payload is not a byte string');
  if (!(signature instanceof Uint8Array)) throw cose('the signature is not a byte string');
  let protectedHeader: unknown = new Map();
  if (protectedBytes.length > 0) {
    try {
      protectedHeader = decodeCbor(protectedBytes);
    } catch {
      throw cose('the protected header is not CBOR');
    }
  }
  if (!(protectedHeader instanceof Map)) throw cose('the protected header is not a map');
  return { protectedBytes, protectedHeader, unprotectedHeader, payload, signature };
}

/**
 * The key id: from the protected header when it has one (then a different kid in the unprotected
 * header is ignored: only the protected one is signed), else from the unprotected header.
 */
export function kidOf(message: CoseSign1): Uint8Array | null {
  const kid = message.protectedHeader.has(HEADER.kid) ? message.protectedHeader.get(HEADER.kid) : message.unprotectedHeader.get(HEADER.kid);
  return kid instanceof Uint8Array && kid.length > 0 ? kid : null;
}

/** The algorithm id, protected header first. */
export function algOf(message: CoseSign1): number | null {
  const alg = message.protectedHeader.has(HEADER.alg) ? message.protectedHeader.get(HEADER.alg) : message.unprotectedHeader.get(HEADER.alg);
  return typeof alg === 'number' ? alg : null;
}

/** What is signed: Sig_structure = ["Signature1", protected, external_aad (empty), payload]. */
export function sigStructure(protectedBytes: Uint8Array, payload: Uint8Array): Uint8Array {
  return encodeCbor(['Signature1', protectedBytes, new Uint8Array(0), payload]);
}

/** The protected header HCERT issuers write: the algorithm and the key id (HCERT §3.3.1). */
export function protectedHeaderBytes(alg: number, kid: Uint8Array): Uint8Array {
  return encodeCbor(new Map<number, unknown>([[HEADER.alg, alg], [HEADER.kid, kid]]));
}

/** A tagged COSE_Sign1 with an empty unprotected header. */
export function encodeCoseSign1(protectedBytes: Uint8Array, payload: Uint8Array, signature: Uint8Array): Uint8Array {
  return encodeCbor(new Tag([protectedBytes, new Map(), payload, signature], COSE_SIGN1_TAG));
}
