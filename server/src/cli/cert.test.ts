// `vigil cert verify` as a user runs it: a child process reading the certificate on stdin, a trust
// list file, JSON on stdout, exit code 2 for bad usage. Certificates are signed in the test with the
// server's own DSC and ES256 code (no database needed); one is a member state's official vector.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { TESTDATA } from '../modules/certificates/conformance.testkit.js';
import { DAY, negativeTestDcc, testSigner, type TestSigner } from '../modules/certificates/signing.testkit.js';
import { toBase64 } from '../modules/certificates/hcert/bytes.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-cert-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Runs `vigil cert …` with `stdin`; never throws. */
function vigilCert(stdin: string, ...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string; json: any }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/cli/main.ts', 'cert', ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, json: stdout.trim().startsWith('{') ? JSON.parse(stdout) : null }));
    child.stdin.end(stdin);
  });
}

function trustFile(name: string, list: unknown): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, JSON.stringify(list));
  return file;
}

describe('vigil cert verify', () => {
  let signer: TestSigner;
  let trust: string;
  let hc1: string;
  const iat = new Date('2021-11-15T10:00:00Z');
  const exp = new Date(iat.getTime() + 3 * DAY);

  before(async () => {
    signer = await testSigner();
    trust = trustFile('trust.json', signer.trust.map((key) => ({ kid: key.kid, certificate: toBase64(key.der) })));
    hc1 = await signer.issue(negativeTestDcc(), { iat, exp });
  });

  test('a valid certificate: exactly {valid, reason: null, payload, expired}, exit 0', async () => {
    const { code, json } = await vigilCert(`${hc1}\n`, 'verify', '--trust', trust, '--json', '--at', '2021-11-16T08:00:00+07:00');
    assert.equal(code, 0);
    assert.deepEqual(json, { valid: true, reason: null, payload: negativeTestDcc(), expired: false });
  });

  test('--at after exp: expired', async () => {
    const { code, json } = await vigilCert(hc1, 'verify', '--trust', trust, '--json', '--at', '2021-11-18T10:00:01Z');
    assert.equal(code, 0);
    assert.deepEqual([json.valid, json.reason, json.expired], [false, 'expired', true]);
    assert.equal(json.payload.nam.fn, 'Nguyễn');
  });

  test('a key not in the trust file: unknown_key; a changed signature: bad_signature', async () => {
    const other = await testSigner();
    const otherTrust = trustFile('other.json', other.trust.map((key) => ({ kid: key.kid, certificate: toBase64(key.der) })));
    const unknown = await vigilCert(hc1, 'verify', '--trust', otherTrust, '--json', '--at', '2021-11-16T00:00:00Z');
    assert.deepEqual([unknown.code, unknown.json.valid, unknown.json.reason], [0, false, 'unknown_key']);
    const impostor = trustFile('impostor.json', [{ kid: signer.trust[0]!.kid, certificate: toBase64(other.trust[0]!.der) }]);
    const forged = await vigilCert(hc1, 'verify', '--trust', impostor, '--json', '--at', '2021-11-16T00:00:00Z');
    assert.deepEqual([forged.json.valid, forged.json.reason], [false, 'bad_signature']);
  });

  test('text that is no certificate is a verdict too (bad_prefix), not a usage error', async () => {
    const { code, json } = await vigilCert('hello\n', 'verify', '--trust', trust, '--json');
    assert.deepEqual([code, json], [0, { valid: false, reason: 'bad_prefix', payload: null, expired: false }]);
  });

  test('bad usage exits 2 and names the option', async () => {
    const missing = await vigilCert(hc1, 'verify', '--json');
    assert.equal(missing.code, 2);
    assert.deepEqual(missing.json.error.fields, { trust: 'is required' });
    const badTime = await vigilCert(hc1, 'verify', '--trust', trust, '--json', '--at', 'tomorrow');
    assert.deepEqual([badTime.code, Object.keys(badTime.json.error.fields)], [2, ['at']]);
    const badTrust = await vigilCert(hc1, 'verify', '--trust', trustFile('bad.json', [{ kid: 'AAAAAAAAAAA=', certificate: 'bm90IGEgY2VydGlmaWNhdGU=' }]), '--json');
    assert.deepEqual([badTrust.code, Object.keys(badTrust.json.error.fields)], [2, ['trust[0].certificate']]);
    assert.match(badTrust.stderr, /vigil cert: --trust:/);
  });

  test('a member state\'s official test vector verifies with its certificate as the trust list', { skip: fs.existsSync(TESTDATA) ? false : 'no ../shared/data/dgc-testdata here' }, async () => {
    const vector = JSON.parse(fs.readFileSync(path.join(TESTDATA, 'common/2DCode/raw/CO1.json'), 'utf8'));
    const der = Buffer.from(vector.TESTCTX.CERTIFICATE, 'base64');
    const { kidOfCertificate } = await import('../modules/certificates/hcert/dsc.js');
    const file = trustFile('co1.json', [{ kid: toBase64(await kidOfCertificate(der)), certificate: vector.TESTCTX.CERTIFICATE }]);
    const { code, json } = await vigilCert(vector.PREFIX, 'verify', '--trust', file, '--json', '--at', vector.TESTCTX.VALIDATIONCLOCK);
    assert.equal(code, 0);
    assert.deepEqual([json.valid, json.reason], [true, null]);
    assert.deepEqual(json.payload, vector.JSON);
  });
});
