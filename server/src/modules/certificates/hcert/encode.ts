// Building an HCERT: CWT claims → COSE_Sign1 (ES256) → zlib → Base45 → `HC1:`. The signature is
// made by the caller's `sign` (the server keeps the private key; this module never sees it).
import { zlibSync } from 'fflate';
import { base45Encode } from './base45.js';
import { encodeCbor, jsonToCbor } from './cbor.js';
import { CLAIM, HC1_PREFIX, HCERT_DCC } from './chain.js';
import { ALG, encodeCoseSign1, protectedHeaderBytes, sigStructure } from './cose.js';
import type { Dcc } from './dcc.js';

export interface HcertContent {
  /** issuing country, ISO 3166-1 alpha-2 */
  iss: string;
  /** seconds since 1970 */
  iat: number;
  exp: number;
  dcc: Dcc;
}

/** Signs the Sig_structure with ES256 and returns the raw r‖s signature (64 bytes). */
export type Es256Signer = (data: Uint8Array) => Promise<Uint8Array>;

export function claimsBytes(content: HcertContent): Uint8Array {
  return encodeCbor(new Map<number, unknown>([
    [CLAIM.iss, content.iss],
    [CLAIM.iat, content.iat],
    [CLAIM.exp, content.exp],
    [CLAIM.hcert, new Map([[HCERT_DCC, jsonToCbor(content.dcc)]])],
  ]));
}

export async function encodeHc1(content: HcertContent, kid: Uint8Array, sign: Es256Signer): Promise<string> {
  const payload = claimsBytes(content);
  const protectedBytes = protectedHeaderBytes(ALG.ES256, kid);
  const signature = await sign(sigStructure(protectedBytes, payload));
  if (signature.length !== 64) throw new Error('an ES256 signature is 64 bytes (r‖s)');
  const cose = encodeCoseSign1(protectedBytes, payload, signature);
  return HC1_PREFIX + base45Encode(zlibSync(cose, { level: 9 }));
}
