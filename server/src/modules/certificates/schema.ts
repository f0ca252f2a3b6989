// Request and response shapes of the certificate routes (contract: docs/API-CERTIFICATES.md).
import { Type } from 'typebox';

/** ⚑ One trusted key: the format of `vigil cert verify --trust FILE`. */
export const TrustListEntrySchema = Type.Object({
  kid: Type.String({ description: 'base64 of the 8-byte key id: the first 8 bytes of the SHA-256 of the certificate' }),
  certificate: Type.String({ description: 'base64 of the DER X.509 Document Signer Certificate' }),
});

export const TrustListSchema = Type.Array(TrustListEntrySchema, { description: 'every signing key whose certificate has not expired, oldest first' });

export const SigningKey = Type.Object({
  kid: Type.String(),
  subject: Type.String({ description: 'the DSC subject, e.g. "C=VN, O=Sở Y tế tỉnh Hậu Giang, CN=Vigil DSC VN 2021-11-16"' }),
  notBefore: Type.String({ format: 'date-time' }),
  notAfter: Type.String({ format: 'date-time', description: 'the DSC expires: the key leaves the trust list' }),
  signUntil: Type.String({ format: 'date-time', description: 'the key stops signing; a new key is made at the next issue' }),
  active: Type.Boolean({ description: 'the key that signs now' }),
  createdAt: Type.String({ format: 'date-time' }),
  retiredAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  protection: Type.Union([Type.Literal('none'), Type.Literal('aes-256-gcm')], { description: 'aes-256-gcm: the private key is sealed with VIGIL_SIGNING_KEY_SECRET' }),
  trusted: Type.Boolean({ description: 'in the public trust list' }),
  issued: Type.Integer({ description: 'certificates signed with it' }),
  certificate: Type.String({ description: 'base64 DER X.509' }),
});

export const SigningKeyList = Type.Object({ items: Type.Array(SigningKey) });
