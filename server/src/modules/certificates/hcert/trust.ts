// The list of trusted signing keys: `[{"kid": base64, "certificate": base64 DER X.509}]`, the
// format of `vigil cert verify --trust FILE` and of GET /.well-known/vigil/dcc-trust-list.json.
import { fromBase64, toBase64 } from './bytes.js';
import { readSignerCertificate, type SignerCertificate } from './dsc.js';

export interface TrustListEntry {
  kid: string;
  certificate: string;
}

export interface TrustedKey extends SignerCertificate {
  /** base64 of the key id, as the list gives it */
  kid: string;
}

/** A trust list that cannot be used: `fields` names each bad entry, e.g. `[2].certificate`. */
export class TrustListError extends Error {
  constructor(message: string, readonly fields: Record<string, string>) {
    super(message);
    this.name = 'TrustListError';
  }
}

/** Reads a trust list (parsed JSON); every entry must be usable, or it throws naming the bad ones. */
export async function loadTrustList(list: unknown): Promise<TrustedKey[]> {
  if (!Array.isArray(list)) throw new TrustListError('a trust list is a JSON array of {"kid", "certificate"}', { '': 'must be an array' });
  const fields: Record<string, string> = {};
  const keys: TrustedKey[] = [];
  for (const [index, entry] of (list as unknown[]).entries()) {
    const { kid, certificate } = (entry ?? {}) as Partial<Record<string, unknown>>;
    let kidBytes: Uint8Array | null = null;
    try {
      if (typeof kid !== 'string') throw new RangeError('is required');
      kidBytes = fromBase64(kid);
      if (kidBytes.length === 0) throw new RangeError('is empty');
    } catch (error) {
      fields[`[${index}].kid`] = error instanceof RangeError && error.message !== 'not a base64 string' ? error.message : 'must be base64';
    }
    try {
      if (typeof certificate !== 'string') throw new RangeError('is required');
      const signer = await readSignerCertificate(fromBase64(certificate));
      if (kidBytes) keys.push({ ...signer, kid: toBase64(kidBytes) });
    } catch (error) {
      fields[`[${index}].certificate`] = error instanceof RangeError ? error.message : String(error);
    }
  }
  if (Object.keys(fields).length) throw new TrustListError(`the trust list has unusable entries: ${Object.entries(fields).map(([f, r]) => `${f}: ${r}`).join('; ')}`, fields);
  return keys;
}
