// The HCERT codec on its own (no database): Base45 (RFC 9285), ICAO names, and each way a
// certificate fails, with the reason the verifier gives.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { zlibSync } from 'fflate';
import { base45Decode, base45Encode } from './hcert/base45.js';
import { decodeBase45Text, decompress, HC1_PREFIX, unprefix } from './hcert/chain.js';
import { icaoTransliterate } from './hcert/names.js';
import { dccSchemaProblems } from './hcert/schema.js';
import { verifyHc1 } from './hcert/verify.js';
import { DAY, negativeTestDcc, testSigner } from './signing.testkit.js';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const bytes = (value: string) => new TextEncoder().encode(value);

/** Re-packs an HC1 text after changing its COSE bytes. */
function repack(hc1: string, change: (cose: Uint8Array) => Uint8Array): string {
  const cose = decompress(decodeBase45Text(unprefix(hc1)));
  return HC1_PREFIX + base45Encode(zlibSync(change(cose.slice())));
}

describe('Base45 (RFC 9285)', () => {
  test('the RFC\'s examples encode and decode', () => {
    for (const [plain, encoded] of [['AB', 'BB8'], ['Hello!!', '%69 VD92EX0'], ['base-45', 'UJCLQE7W581'], ['ietf!', 'QED8WEX0']] as const) {
      assert.equal(base45Encode(bytes(plain)), encoded);
      assert.equal(text(base45Decode(encoded)), plain);
    }
  });

  test('characters outside the alphabet, a bad length and too large a group are refused', () => {
    assert.throws(() => base45Decode('QED8WEX0='), /"=" at 8 is not Base45/);
    assert.throws(() => base45Decode('qed8wex0'), /not Base45/);
    assert.throws(() => base45Decode('QED8'), /cannot be 4 characters long/);
    assert.throws(() => base45Decode('GGW'), /larger than two bytes/);
  });
});

describe('ICAO 9303 transliteration', () => {
  test('Vietnamese names lose their marks, words are joined by <', () => {
    assert.equal(icaoTransliterate('Nguyễn Thị Đào'), 'NGUYEN<THI<DAO');
    assert.equal(icaoTransliterate('  Trần   Văn-Ẩn '), 'TRAN<VAN<AN');
    assert.equal(icaoTransliterate("d'Červenková Panklová"), 'DCERVENKOVA<PANKLOVA');
    assert.equal(icaoTransliterate('😀'), '');
  });
});

describe('verifying an HC1 certificate', async () => {
  const signer = await testSigner();
  const iat = new Date('2021-11-15T10:00:00Z');
  const exp = new Date(iat.getTime() + 3 * DAY);
  const during = { at: new Date(iat.getTime() + DAY) };
  const hc1 = await signer.issue(negativeTestDcc(), { iat, exp });

  test('a certificate signed by a trusted key verifies, with its holder and entry', async () => {
    const result = await verifyHc1(hc1, signer.trust, during);
    assert.equal(result.valid, true);
    assert.equal(result.reason, null);
    assert.equal(result.expired, false);
    assert.deepEqual(result.payload, negativeTestDcc());
    assert.equal(result.issuer, 'VN');
    assert.equal(result.issuedAt, iat.toISOString());
    assert.equal(result.expiresAt, exp.toISOString());
    assert.match(result.signer!.subject, /CN=Vigil test DSC/);
  });

  test('one byte changed in the signed payload: bad_signature, the payload still shown', async () => {
    const tampered = repack(hc1, (cose) => {
      const at = Buffer.from(cose).indexOf('THI<DAO');
      cose[at] = 'K'.charCodeAt(0);
      return cose;
    });
    const result = await verifyHc1(tampered, signer.trust, during);
    assert.equal(result.reason, 'bad_signature');
    assert.equal(result.valid, false);
    assert.equal(result.payload!.nam.gnt, 'KHI<DAO');
  });

  test('after exp: expired (and the flag is set); before iat: not_yet_valid', async () => {
    const late = await verifyHc1(hc1, signer.trust, { at: new Date(exp.getTime() + 1000) });
    assert.deepEqual([late.valid, late.reason, late.expired], [false, 'expired', true]);
    const atExp = await verifyHc1(hc1, signer.trust, { at: exp });
    assert.equal(atExp.valid, true, 'valid up to and including exp');
    const early = await verifyHc1(hc1, signer.trust, { at: new Date(iat.getTime() - 1000) });
    assert.deepEqual([early.valid, early.reason, early.expired], [false, 'not_yet_valid', false]);
  });

  test('a key not in the trust list: unknown_key; another key with the same kid: bad_signature', async () => {
    const other = await testSigner();
    assert.equal((await verifyHc1(hc1, other.trust, during)).reason, 'unknown_key');
    const impostor = [{ ...other.trust[0]!, kid: signer.trust[0]!.kid }];
    assert.equal((await verifyHc1(hc1, impostor, during)).reason, 'bad_signature');
  });

  test('each broken layer has its own reason', async () => {
    const reasons = async (input: string) => (await verifyHc1(input, signer.trust, during)).reason;
    assert.equal(await reasons(''), 'malformed');
    assert.equal(await reasons(hc1.replace('HC1:', 'HC2:')), 'bad_prefix');
    assert.equal(await reasons(hc1.slice(4)), 'bad_prefix');
    assert.equal(await reasons(`${hc1.slice(0, 20)}a${hc1.slice(21)}`), 'bad_base45');
    assert.equal(await reasons(HC1_PREFIX + base45Encode(bytes('not zlib, not COSE'))), 'bad_compression');
    assert.equal(await reasons(HC1_PREFIX + base45Encode(zlibSync(bytes('\x84not a COSE structure')))), 'bad_cose');
    const withoutHcert = repack(hc1, (cose) => {
      // the claim key -260 (0x39 0x01 0x03) becomes -259: the CWT has no hcert claim
      const at = Buffer.from(cose).indexOf(Buffer.from([0x39, 0x01, 0x03]));
      cose[at + 2] = 0x02;
      return cose;
    });
    assert.equal(await reasons(withoutHcert), 'malformed');
  });

  test('an uncompressed COSE structure is read too (compression is a SHOULD)', async () => {
    const uncompressed = HC1_PREFIX + base45Encode(decompress(decodeBase45Text(unprefix(hc1))));
    assert.equal((await verifyHc1(uncompressed, signer.trust, during)).valid, true);
  });

  test('surrounding whitespace from a scanner is ignored', async () => {
    assert.equal((await verifyHc1(`  ${hc1}\n`, signer.trust, during)).valid, true);
  });
});

describe('the DCC schema', () => {
  test('what Vigil issues follows the strict schema; broken fields are named', () => {
    assert.deepEqual(dccSchemaProblems(negativeTestDcc(), { strict: true }), []);
    const broken = { ...negativeTestDcc(), dob: '1885-01-01', t: [{ ...negativeTestDcc().t![0]!, sc: 'yesterday' }] };
    assert.deepEqual(dccSchemaProblems(broken, { strict: true }).map((p) => p.split(':')[0]), ['/dob', '/t/0/sc']);
    assert.deepEqual(dccSchemaProblems({ ...negativeTestDcc(), dob: '2030-01-01' }, { issuedAt: new Date('2021-11-15T00:00:00Z') }), ['/dob: is after the certificate was issued']);
  });
});
