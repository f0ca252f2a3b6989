// Why a certificate does not verify: one stable code per step of the HCERT chain, roughly in the order
// the steps run. The CLI prints the code; the verifier page shows a sentence for each.

export const REASONS = [
  /** not an HCERT at all: empty input, or a signed payload that is not a CWT whose `hcert` claim holds a DCC (version, name, birth date) */
  'malformed',
  /** no `HC1:` context prefix (another prefix such as `HC2:` or `HL0:`, or none) */
  'bad_prefix',
  /** characters outside the Base45 alphabet, or a group that does not decode */
  'bad_base45',
  /** not zlib data that inflates (and not an uncompressed COSE structure either) */
  'bad_compression',
  /** not a COSE_Sign1 structure: not CBOR, not four items, headers or payload of the wrong type */
  'bad_cose',
  /** the signature algorithm is neither ES256 nor PS256 */
  'unsupported_algorithm',
  /** no key id, or none of the trusted keys has it */
  'unknown_key',
  /** the signature does not match the trusted key */
  'bad_signature',
  /** the signing certificate (DSC) may not sign this type of certificate (its extended key usage) */
  'wrong_key_usage',
  /** the validation time is before the certificate was issued (`iat`) */
  'not_yet_valid',
  /** the validation time is after the certificate's expiry (`exp`) */
  'expired',
] as const;
export type Reason = (typeof REASONS)[number];

/** A step of the chain failed: `reason` is the code, `message` says what was found. */
export class HcertError extends Error {
  constructor(readonly reason: Reason, message: string) {
    super(message);
    this.name = 'HcertError';
  }
}
