// Browser test of the certificate verifier (/verify, public): certificates the server issued verify
// against its trust list, pasted or read from a picture of their QR; expired, forged and unknown-key
// certificates fail with the reason said; once visited, the page checks certificates offline with
// the trusted keys it kept.
//   node scripts/run-tests.mjs web/e2e/verify.test.ts
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, afterEach, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { zlibSync } from 'fflate';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import QRCode from 'qrcode';
import { base45Encode } from '../../server/src/modules/certificates/hcert/base45';
import { decodeBase45Text, decompress, HC1_PREFIX, unprefix } from '../../server/src/modules/certificates/hcert/chain';
import { negativeTestDcc, testSigner } from '../../server/src/modules/certificates/signing.testkit';
import { launchBrowser, newPage } from './browser';
import { repoRoot, type RunningServer, startServer } from './server';

const run = promisify(execFile);
const VERIFY_PATH = '/verify';

interface Issued { hc1: string; expiresAt: string }

/**
 * Issues two certificates into the server's database before it starts (issuing has no HTTP route
 * of its own: the vaccination and testing modules call issueHcert): a negative test valid for three
 * days, and one that expired a week ago.
 */
async function issueBeforeStart(env: NodeJS.ProcessEnv): Promise<{ valid: Issued; expired: Issued }> {
  const script = `
    import { loadConfig } from './server/src/config.ts';
    import { boot } from './server/src/boot.ts';
    import { loadCertificateConfig } from './server/src/modules/certificates/config.ts';
    import { issueHcert, negativeTestEntry } from './server/src/modules/certificates/issue.ts';
    const { db } = await boot(loadConfig());
    const config = loadCertificateConfig(process.env);
    const holder = { familyName: 'Nguyễn', givenName: 'Thị Đào', dob: '1985-04-12' };
    const test = (at) => ({ t: [negativeTestEntry({ method: 'rt_pcr', sampledAt: new Date(at.getTime() - 3600000), centre: 'CDC Hậu Giang' })] });
    const past = new Date(Date.now() - 8 * 86400000);
    const expired = await issueHcert(db, config, { holder, entries: test(past), validFor: { days: 1 }, issuedAt: past });
    const valid = await issueHcert(db, config, { holder, entries: test(new Date()), validFor: { days: 3 } });
    await db.close();
    process.stdout.write(JSON.stringify({ valid, expired }));`;
  const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: repoRoot, env });
  return JSON.parse(stdout) as { valid: Issued; expired: Issued };
}

/** Changes one letter of the signed name and packs the certificate again: the signature no longer matches. */
function forge(hc1: string): string {
  const cose = decompress(decodeBase45Text(unprefix(hc1))).slice();
  const at = Buffer.from(cose).indexOf('THI<DAO');
  assert.ok(at > 0);
  cose[at] = 'K'.charCodeAt(0);
  return HC1_PREFIX + base45Encode(zlibSync(cose));
}

class VerifyPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto(VERIFY_PATH);
    await this.page.getByRole('heading', { level: 1, name: 'Kiểm tra chứng nhận COVID-19' }).waitFor();
  }

  /** Waits until the trusted keys are loaded (from the server or the device). */
  async trustLoaded(): Promise<string> {
    await this.page.getByTestId('verify-trust-date').waitFor();
    return (await this.page.getByTestId('verify-trust-date').textContent()) ?? '';
  }

  async paste(hc1: string): Promise<void> {
    await this.page.getByTestId('verify-input').fill(hc1);
    await this.page.getByTestId('verify-check').click();
  }

  async result(): Promise<{ valid: boolean; reason: string; text: string }> {
    const result = this.page.getByTestId('verify-result');
    await result.waitFor();
    return { valid: (await result.getAttribute('data-valid')) === 'true', reason: (await result.getAttribute('data-reason')) ?? '', text: (await result.textContent()) ?? '' };
  }
}

describe('certificate verifier', () => {
  let certificates: { valid: Issued; expired: Issued };
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  // like suite.ts, with certificates issued into the server's database before it starts
  const suite = {
    async open(viewport?: { width: number; height: number }): Promise<Page> {
      assert.ok(browser && server, 'the suite has not started');
      const { context, page } = await newPage(browser, server.baseUrl, viewport);
      contexts.push(context);
      return page;
    },
  };

  before(async () => {
    server = await startServer({ prepare: async (env) => { certificates = await issueBeforeStart(env); } });
    browser = await launchBrowser();
  }, { timeout: 180_000 });
  afterEach(async () => {
    await Promise.allSettled(contexts.splice(0).map((context) => context.close()));
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('a certificate the server issued is valid: holder, birth date and the test are shown, with the trusted keys\' date', async () => {
    const verify = new VerifyPage(await suite.open({ width: 390, height: 844 }));
    await verify.open();
    assert.match(await verify.trustLoaded(), /^1 khoá ký, cập nhật lúc \d\d\/\d\d\/\d{4} \d\d:\d\d\.$/);
    await verify.paste(certificates.valid.hc1);
    const { valid, reason, text } = await verify.result();
    assert.deepEqual([valid, reason], [true, '']);
    assert.match(text, /HỢP LỆ/);
    assert.equal(await verify.page.getByTestId('verify-holder-name').textContent(), 'Nguyễn Thị Đào');
    assert.equal(await verify.page.getByTestId('verify-holder-dob').textContent(), '12/04/1985');
    assert.equal(await verify.page.getByTestId('verify-test-result').textContent(), 'Âm tính (không phát hiện)');
  });

  test('a picture of the certificate\'s QR code is read and verified', async () => {
    const verify = new VerifyPage(await suite.open());
    await verify.open();
    await verify.trustLoaded();
    const png = await QRCode.toBuffer(certificates.valid.hc1, { errorCorrectionLevel: 'Q', margin: 4, scale: 4 });
    await verify.page.getByTestId('verify-picture').setInputFiles({ name: 'certificate.png', mimeType: 'image/png', buffer: png });
    assert.equal((await verify.result()).valid, true);
    assert.equal(await verify.page.getByTestId('verify-input').inputValue(), certificates.valid.hc1);
  });

  test('an expired, a forged and an unknown issuer\'s certificate each fail with the reason said', async () => {
    const verify = new VerifyPage(await suite.open());
    await verify.open();
    await verify.trustLoaded();

    await verify.paste(certificates.expired.hc1);
    let result = await verify.result();
    assert.deepEqual([result.valid, result.reason], [false, 'expired']);
    assert.match(result.text, /KHÔNG HỢP LỆ[\s\S]*Chứng nhận đã hết hạn\./);
    assert.match(result.text, /CHƯA được xác thực/);
    assert.equal(await verify.page.getByTestId('verify-holder-name').textContent(), 'Nguyễn Thị Đào');

    await verify.paste(forge(certificates.valid.hc1));
    result = await verify.result();
    assert.deepEqual([result.valid, result.reason], [false, 'bad_signature']);
    assert.match(result.text, /Chữ ký không khớp/);

    const stranger = await testSigner({ notBefore: new Date(Date.now() - 86_400_000), notAfter: new Date(Date.now() + 86_400_000 * 30) });
    await verify.paste(await stranger.issue(negativeTestDcc(), { iat: new Date(), exp: new Date(Date.now() + 86_400_000) }));
    result = await verify.result();
    assert.deepEqual([result.valid, result.reason], [false, 'unknown_key']);
    assert.match(result.text, /không có trong danh sách tin cậy/);

    await verify.paste('xin chào');
    assert.deepEqual((await verify.result()).reason, 'bad_prefix');
  });

  test('once visited, the page verifies offline with the keys it kept', async () => {
    const verify = new VerifyPage(await suite.open());
    await verify.open();
    const kept = await verify.trustLoaded();
    // the service worker (registered by the public app) takes the page at once, and keeps the code it loaded
    await verify.page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
    await verify.page.waitForFunction(
      async () => {
        const cached = new Set((await (await caches.open('vigil-assets')).keys()).map((request) => new URL(request.url).pathname));
        const loaded = performance.getEntriesByType('resource').map((entry) => new URL(entry.name)).filter((url) => url.origin === location.origin && url.pathname.startsWith('/assets/'));
        return loaded.every((url) => cached.has(url.pathname));
      },
      undefined,
      { timeout: 30_000, polling: 500 },
    );
    await verify.page.context().setOffline(true);
    await verify.page.reload();
    await verify.page.getByRole('heading', { level: 1, name: 'Kiểm tra chứng nhận COVID-19' }).waitFor();
    assert.equal(await verify.trustLoaded(), kept, 'the kept list, with the date it was fetched');
    await verify.page.locator('[data-testid="verify-trust"][data-status="failed"]').waitFor();
    assert.match((await verify.page.getByTestId('verify-trust').textContent()) ?? '', /đang dùng danh sách đã lưu trên máy/);
    await verify.paste(certificates.valid.hc1);
    assert.equal((await verify.result()).valid, true);
    await verify.page.context().setOffline(false);
  });
});
