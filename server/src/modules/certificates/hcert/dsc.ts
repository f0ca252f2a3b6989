// Document Signer Certificates (X.509, DER): read with @peculiar/asn1-x509 (a maintained ASN.1
// schema library that needs no Node API), turned into WebCrypto keys. The same code runs in the
// server, the CLI and the verifier page.
import { AsnConvert, AsnParser } from '@peculiar/asn1-schema';
import { Certificate, ExtendedKeyUsage, id_ce_extKeyUsage, type Name } from '@peculiar/asn1-x509';
import { ownBuffer } from './bytes.js';

const OID = {
  ecPublicKey: '1.2.840.10045.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  rsaPss: '1.2.840.113549.1.1.10',
  commonName: '2.5.4.3',
  organisation: '2.5.4.10',
  country: '2.5.4.6',
} as const;

/**
 * The extended key usages of a DSC that limit what it may sign (HCERT §5.1.1). Early certificates
 * carried the OIDs with an extra `.0` after 1.3.6.1.4.1, which the specification accepts too.
 */
export const DCC_KEY_USAGE: Record<string, EntryType> = {
  '1.3.6.1.4.1.1847.2021.1.1': 't',
  '1.3.6.1.4.1.1847.2021.1.2': 'v',
  '1.3.6.1.4.1.1847.2021.1.3': 'r',
  '1.3.6.1.4.1.0.1847.2021.1.1': 't',
  '1.3.6.1.4.1.0.1847.2021.1.2': 'v',
  '1.3.6.1.4.1.0.1847.2021.1.3': 'r',
};

/**
 * HCERT signs with P-256; a few issuers (Spain's test vectors) sign "ES256" (ECDSA with SHA-256)
 * with a P-384 key, which COSE allows (RFC 9053 §2.1 only recommends the curve).
 */
const EC_CURVES = ['P-256', 'P-384', 'P-521'] as const;
export type EcCurve = (typeof EC_CURVES)[number];

/** WebCrypto's key type, as the runtime declares it (DOM in the browser, node:crypto's webcrypto in Node). */
export type PublicKey = Awaited<ReturnType<typeof crypto.subtle.importKey>>;

/** The three kinds of DCC entries: vaccination, test, recovery. */
export type EntryType = 'v' | 't' | 'r';

export interface SignerCertificate {
  der: Uint8Array;
  /** ES256 (ECDSA P-256) or PS256 (RSASSA-PSS with SHA-256), from the certificate's public key. */
  alg: 'ES256' | 'PS256';
  publicKey: PublicKey;
  /** the curve of an EC key (its r‖s signatures are twice the coordinate size); null for RSA */
  curve: EcCurve | null;
  notBefore: Date;
  notAfter: Date;
  /** The subject, e.g. "CN=Sở Y tế Hậu Giang DSC 1, C=VN". */
  subject: string;
  country: string | null;
  /**
   * What the certificate may sign: null when it restricts nothing (no extended key usage, or an
   * empty one: vector common/CO15), else the DCC usages it names, possibly none (an EKU naming only
   * other purposes may not sign a DCC: Iceland's vector 3).
   */
  keyUsage: EntryType[] | null;
}

function nameToString(name: Name): string {
  const short: Record<string, string> = { [OID.commonName]: 'CN', [OID.organisation]: 'O', [OID.country]: 'C', '2.5.4.11': 'OU', '2.5.4.7': 'L', '2.5.4.5': 'serialNumber' };
  return name.flatMap((rdn) => rdn.map((attr) => `${short[attr.type] ?? attr.type}=${attr.value.toString()}`)).join(', ');
}

function attribute(name: Name, oid: string): string | null {
  for (const rdn of name) for (const attr of rdn) if (attr.type === oid) return attr.value.toString();
  return null;
}

/** A certificate's public key as a WebCrypto verification key, with the COSE algorithm it signs with. */
async function importPublicKey(spki: Uint8Array<ArrayBuffer>, algorithm: string): Promise<Pick<SignerCertificate, 'alg' | 'publicKey' | 'curve'>> {
  if (algorithm === OID.ecPublicKey) {
    // WebCrypto refuses a key whose curve (in the SPKI parameters) is not the one asked for
    for (const curve of EC_CURVES) {
      const publicKey = await crypto.subtle.importKey('spki', spki, { name: 'ECDSA', namedCurve: curve }, false, ['verify']).catch(() => null);
      if (publicKey) return { alg: 'ES256', publicKey, curve };
    }
    throw new RangeError('the EC public key is not on P-256, P-384 or P-521');
  }
  if (algorithm === OID.rsaEncryption || algorithm === OID.rsaPss) {
    const publicKey = await crypto.subtle.importKey('spki', spki, { name: 'RSA-PSS', hash: 'SHA-256' }, false, ['verify']).catch(() => null);
    if (publicKey) return { alg: 'PS256', publicKey, curve: null };
    throw new RangeError('the RSA public key cannot be read');
  }
  throw new RangeError(`unsupported public key algorithm ${algorithm}`);
}

/** Parses a DER certificate and imports its public key for verification; throws RangeError when it cannot. */
export async function readSignerCertificate(der: Uint8Array): Promise<SignerCertificate> {
  let certificate: Certificate;
  try {
    certificate = AsnParser.parse(ownBuffer(der), Certificate);
  } catch (error) {
    throw new RangeError(`not an X.509 certificate: ${(error as Error).message}`, { cause: error });
  }
  const tbs = certificate.tbsCertificate;
  const spki = ownBuffer(new Uint8Array(AsnConvert.serialize(tbs.subjectPublicKeyInfo)));
  const { alg, publicKey, curve } = await importPublicKey(spki, tbs.subjectPublicKeyInfo.algorithm.algorithm);
  const ekuExtension = tbs.extensions?.find((extension) => extension.extnID === id_ce_extKeyUsage);
  const purposes = ekuExtension ? AsnParser.parse(ekuExtension.extnValue, ExtendedKeyUsage) : [];
  const usages = purposes.length ? purposes.map((oid) => DCC_KEY_USAGE[oid]).filter((usage) => usage !== undefined) : null;
  return {
    der,
    alg,
    publicKey,
    curve,
    notBefore: tbs.validity.notBefore.getTime(),
    notAfter: tbs.validity.notAfter.getTime(),
    subject: nameToString(tbs.subject),
    country: attribute(tbs.subject, OID.country),
    keyUsage: usages && [...new Set(usages)],
  };
}

/** The DCC key id of a certificate: the first 8 bytes of the SHA-256 of its DER encoding. */
export async function kidOfCertificate(der: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', ownBuffer(der))).slice(0, 8);
}
