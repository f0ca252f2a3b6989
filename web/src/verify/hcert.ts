// The HCERT codec the server uses, imported from its module (pure: Uint8Array and WebCrypto, no
// Node API), so the page and `vigil cert verify` give the same verdict on the same certificate.
export { verifyHc1, type Verification } from '../../../server/src/modules/certificates/hcert/verify';
export { loadTrustList, type TrustedKey, type TrustListEntry } from '../../../server/src/modules/certificates/hcert/trust';
export type { Reason } from '../../../server/src/modules/certificates/hcert/reasons';
export type { Dcc, RecoveryEntry, TestEntry, VaccinationEntry } from '../../../server/src/modules/certificates/hcert/dcc';
export {
  labelOf, TEST_RESULT, TEST_TYPE, VACCINE_MANUFACTURER, VACCINE_PRODUCT, VACCINE_PROPHYLAXIS,
} from '../../../server/src/modules/certificates/hcert/valuesets';
