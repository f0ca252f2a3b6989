// A self-signed Document Signer Certificate (X.509 v3, DER) for a signing key, built with the
// ASN.1 schema library @peculiar/asn1-x509 and signed with Node's crypto. The DCC trust list
// publishes keys as certificates, and the key id is derived from the certificate.
import { createHash, createPublicKey, randomBytes, sign, type KeyObject } from 'node:crypto';
import { AsnConvert, AsnParser, OctetString } from '@peculiar/asn1-schema';
import {
  AlgorithmIdentifier, AttributeTypeAndValue, AttributeValue, Certificate, Extension, Extensions, KeyUsage, KeyUsageFlags,
  Name, RelativeDistinguishedName, SubjectKeyIdentifier, SubjectPublicKeyInfo, TBSCertificate, Validity, Version,
  id_ce_keyUsage, id_ce_subjectKeyIdentifier,
} from '@peculiar/asn1-x509';

const ECDSA_WITH_SHA256 = '1.2.840.10045.4.3.2';
const OID = { commonName: '2.5.4.3', organisation: '2.5.4.10', country: '2.5.4.6' } as const;

export interface DscSubject {
  commonName: string;
  organisation: string;
  /** ISO 3166-1 alpha-2 */
  country: string;
}

function name(subject: DscSubject): Name {
  const attribute = (type: string, value: AttributeValue) => new RelativeDistinguishedName([new AttributeTypeAndValue({ type, value })]);
  return new Name([
    attribute(OID.country, new AttributeValue({ printableString: subject.country })),
    attribute(OID.organisation, new AttributeValue({ utf8String: subject.organisation })),
    attribute(OID.commonName, new AttributeValue({ utf8String: subject.commonName })),
  ]);
}

/** A positive serial number of 16 random bytes (RFC 5280: unique, at most 20 octets). */
function serialNumber(): ArrayBuffer {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x7f) | 0x01;
  return new Uint8Array(bytes).buffer;
}

/**
 * Builds and signs the certificate of an EC P-256 key pair. Key usage: digital signature only; no
 * extended key usage, so it may sign vaccination, test and recovery certificates (HCERT §5.1.1).
 */
export function selfSignedDsc(keys: { privateKey: KeyObject; publicKey: KeyObject }, subject: DscSubject, validity: { notBefore: Date; notAfter: Date }): Uint8Array {
  const spkiDer = keys.publicKey.export({ type: 'spki', format: 'der' });
  const spki = AsnParser.parse(new Uint8Array(spkiDer), SubjectPublicKeyInfo);
  const keyIdentifier = createHash('sha1').update(new Uint8Array(spki.subjectPublicKey)).digest();
  const algorithm = new AlgorithmIdentifier({ algorithm: ECDSA_WITH_SHA256 });
  const subjectName = name(subject);
  const tbs = new TBSCertificate({
    version: Version.v3,
    serialNumber: serialNumber(),
    signature: algorithm,
    issuer: subjectName,
    validity: new Validity(validity),
    subject: subjectName,
    subjectPublicKeyInfo: spki,
    extensions: new Extensions([
      new Extension({ extnID: id_ce_keyUsage, critical: true, extnValue: new OctetString(AsnConvert.serialize(new KeyUsage(KeyUsageFlags.digitalSignature))) }),
      new Extension({ extnID: id_ce_subjectKeyIdentifier, critical: false, extnValue: new OctetString(AsnConvert.serialize(new SubjectKeyIdentifier(new Uint8Array(keyIdentifier)))) }),
    ]),
  });
  const tbsDer = new Uint8Array(AsnConvert.serialize(tbs));
  // X.509 carries ECDSA signatures DER-encoded (COSE uses raw r‖s: keys.ts)
  const signature = sign('sha256', tbsDer, { key: keys.privateKey, dsaEncoding: 'der' });
  const certificate = new Certificate({ tbsCertificate: tbs, signatureAlgorithm: algorithm, signatureValue: new Uint8Array(signature).buffer });
  const der = new Uint8Array(AsnConvert.serialize(certificate));
  // the certificate's key must be the key pair's (a cheap guard against assembling it wrong)
  const embedded = createPublicKey({ key: Buffer.from(new Uint8Array(AsnConvert.serialize(AsnParser.parse(der, Certificate).tbsCertificate.subjectPublicKeyInfo))), format: 'der', type: 'spki' });
  if (!embedded.equals(keys.publicKey)) throw new Error('the DSC does not carry its own public key');
  return der;
}
