// A signing key made in the test process (no database) and certificates signed with it, for the
// codec's own tests: the same DSC and ES256 signing the server uses.
import { generateKeyPairSync, sign } from 'node:crypto';
import { selfSignedDsc } from './selfSigned.js';
import { toBase64 } from './hcert/bytes.js';
import type { Dcc } from './hcert/dcc.js';
import { kidOfCertificate } from './hcert/dsc.js';
import { encodeHc1 } from './hcert/encode.js';
import { loadTrustList, type TrustedKey } from './hcert/trust.js';

export const DAY = 24 * 60 * 60 * 1000;

export interface TestSigner {
  kid: Uint8Array;
  trust: TrustedKey[];
  issue(dcc: Dcc, times: { iat: Date; exp: Date }, country?: string): Promise<string>;
}

export async function testSigner(validity = { notBefore: new Date('2021-01-01T00:00:00Z'), notAfter: new Date('2031-01-01T00:00:00Z') }): Promise<TestSigner> {
  const keys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const der = selfSignedDsc(keys, { commonName: 'Vigil test DSC', organisation: 'Sở Y tế tỉnh Hậu Giang', country: 'VN' }, validity);
  const kid = await kidOfCertificate(der);
  return {
    kid,
    trust: await loadTrustList([{ kid: toBase64(kid), certificate: toBase64(der) }]),
    issue: (dcc, times, country = 'VN') => encodeHc1(
      { iss: country, iat: Math.floor(times.iat.getTime() / 1000), exp: Math.floor(times.exp.getTime() / 1000), dcc },
      kid,
      (data) => Promise.resolve(new Uint8Array(sign('sha256', data, { key: keys.privateKey, dsaEncoding: 'ieee-p1363' }))),
    ),
  };
}

export const negativeTestDcc = (): Dcc => ({
  ver: '1.3.0',
  nam: { fn: 'Nguyễn', fnt: 'NGUYEN', gn: 'Thị Đào', gnt: 'THI<DAO' },
  dob: '1985-04-12',
  t: [{
    tg: '840539006', tt: 'LP6464-4', sc: '2021-11-15T07:30:00Z', tr: '260415000', tc: 'CDC Hậu Giang', co: 'VN',
    is: 'Sở Y tế tỉnh Hậu Giang', ci: 'URN:UVCI:01:VN:93/TESTTESTTESTTESTTESTTESTTE',
  }],
});
