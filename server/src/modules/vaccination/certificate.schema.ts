// Request and response shapes of vaccination certificates (EU DCC), for staff and for citizens.
import { type Static, Type } from 'typebox';
import { LookupBody } from '../testing/results.schema.js';
import { Uuid } from '../../platform/schemas.js';


export const CertificatePersonParams = Type.Object({ personId: Uuid() });
export const IssueCertificateBody = Type.Object({
  reason: Type.Optional(Type.String({ minLength: 1, maxLength: 300, description: 'why the certificate is issued; written to the audit log' })),
}, { additionalProperties: false });
export type IssueCertificateBody = Static<typeof IssueCertificateBody>;
export const CertificatePdfQuery = IssueCertificateBody;

/**
 * ⚑ `POST /api/v1/open/vaccination/certificate(.pdf)`: the citizen's own proof. A certificate names the
 * person and their birth date, so the national ID (whose digits carry the birth year) is not enough:
 * it comes with the full birth date and the phone number on file; or the signed personal code.
 */
export const CitizenCertificateBody = Type.Object({
  personCode: LookupBody.properties.personCode,
  nationalId: Type.Optional(Type.String({ pattern: '^[0-9]{12}$', description: 'with birthDate and phone' })),
  birthDate: Type.Optional(Type.String({ format: 'date', description: 'YYYY-MM-DD, with nationalId' })),
  phone: Type.Optional(Type.String({ minLength: 8, maxLength: 20, description: 'the phone number on file, with nationalId' })),
}, { additionalProperties: false });
export type CitizenCertificateBody = Static<typeof CitizenCertificateBody>;

export const CertificateDose = Type.Object({
  doseNumber: Type.Integer({ description: 'the position in the history, 1 = first dose' }),
  productCode: Type.String(),
  kind: Type.Union([Type.Literal('primary'), Type.Literal('booster')]),
  administeredAt: Type.String({ format: 'date-time' }),
});

export const VaccinationCertificate = Type.Object({
  hc1: Type.String({ description: 'the EU DCC text (HC1:…) the QR code holds; verifiable against /.well-known/vigil/dcc-trust-list.json' }),
  uvci: Type.String(),
  kid: Type.String({ description: 'base64 key id of the signing key' }),
  issuedAt: Type.String({ format: 'date-time' }),
  expiresAt: Type.String({ format: 'date-time' }),
  holder: Type.Object({ fullName: Type.String(), dob: Type.String({ description: 'YYYY-MM-DD, or YYYY when only the birth year is known' }) }),
  entry: Type.Object({
    dn: Type.Integer(), sd: Type.Integer(), vp: Type.String(), mp: Type.String(), ma: Type.String(), dt: Type.String({ format: 'date' }),
    productCode: Type.String({ description: 'the catalogue code of the certified (latest) dose' }),
  }, { description: 'the certified dose as signed: dn/sd per the EU DCC rules (3/3 or 2/1 for a first booster)' }),
  doses: Type.Array(CertificateDose, { description: 'every dose of the person, in the order given' }),
});
export type VaccinationCertificate = Static<typeof VaccinationCertificate>;
