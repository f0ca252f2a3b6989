// Browser tests of testing (issue #7): a collector fills a pool with a camera (a tube's Code 128 label
// and a personal QR, decoded by the self-hosted ZXing wasm) and typed national IDs, goes offline
// mid-way and syncs without loss or duplicates, seals; the lab imports its CSV (a bad row is named and
// nothing is imported, then the good file); members see their results on the public look-up page.
// A household's representative stands for the household; its members are "negative by representation".
// A positive pool plans retests from the kept samples; a corrected result keeps its history; an
// individual positive proposes a case, which health staff accept.
//   node scripts/run-tests.mjs web/e2e/testing.test.ts
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import bwipjs from 'bwip-js/node';
import type { Page } from 'playwright-core';
import QRCode from 'qrcode';
import { buildPerson, staffApi, type ApiPerson } from './api';
import { launchBrowser, newPage } from './browser';
import { LoginPage } from './pages/LoginPage';
import { CollectorPage, LabPage, LookupPage } from './pages/TestingPages';
import { repoRoot } from './server';
import { browserSuite } from './suite';

const ARTIFACTS = path.join(repoRoot, 'web/e2e/artifacts');
const PASSWORD = 'vigil-demo-2021';
const COLLECTOR = 'demo.health-officer.93';
const HEALTH_OFFICER = COLLECTOR;
const LAB = 'demo.lab-technician.93';
const COMMUNE = '31321';
const PHONE = { width: 360, height: 740 };

const [WIDTH, HEIGHT] = [640, 480];
const [DARK, LIGHT] = [16, 235];

/** One 640×480 grey frame with `draw` painting dark pixels (YUV 4:2:0, as Chromium's fake camera reads). */
function frame(draw: (luma: Buffer) => void): Buffer {
  const luma = Buffer.alloc(WIDTH * HEIGHT, LIGHT);
  draw(luma);
  const chroma = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2), 128);
  return Buffer.concat([Buffer.from('FRAME\n'), luma, chroma, chroma]);
}

/** A tube label's Code 128 symbol: bars from bwip-js's encoder, 4 px a module, centred. */
function barcodeFrame(text: string): Buffer {
  const [symbol] = bwipjs.raw('code128', text, '') as { sbs: number[] }[];
  const widths = symbol?.sbs ?? [];
  const module = 4;
  const total = widths.reduce((sum, w) => sum + w, 0) * module;
  return frame((luma) => {
    let x = Math.floor((WIDTH - total) / 2);
    widths.forEach((w, i) => {
      if (i % 2 === 0) for (let y = 150; y < 330; y += 1) luma.fill(DARK, y * WIDTH + x, y * WIDTH + x + w * module);
      x += w * module;
    });
  });
}

/** A QR code (black modules on white, a wide quiet zone), like a phone showing its personal QR. */
function qrFrame(text: string): Buffer {
  const { size, data } = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
  const scale = Math.floor(420 / (size + 8));
  const left = Math.floor((WIDTH - size * scale) / 2);
  const top = Math.floor((HEIGHT - size * scale) / 2);
  return frame((luma) => {
    for (let y = 0; y < size * scale; y += 1) {
      for (let x = 0; x < size * scale; x += 1) {
        if (data[Math.floor(y / scale) * size + Math.floor(x / scale)]) luma[(top + y) * WIDTH + left + x] = DARK;
      }
    }
  });
}

/** A looping video: the tube's label for 2.5 s, then the person's QR for 2.5 s. */
function cameraVideo(file: string, barcode: string, qrText: string): void {
  const frames = [...Array.from({ length: 25 }, () => barcodeFrame(barcode)), ...Array.from({ length: 25 }, () => qrFrame(qrText))];
  writeFileSync(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F10:1 Ip A1:1 C420jpeg\n`), ...frames]));
}

interface TubeMember { personId: string; role: string }

describe('testing: collection, laboratory, results', () => {
  const suite = browserSuite();
  const api = staffApi(() => ({ baseUrl: suite.server.baseUrl, token: suite.token }));

  before(() => {
    mkdirSync(ARTIFACTS, { recursive: true });
  });

  async function newSession(name: string, body: Record<string, unknown> = {}): Promise<{ id: string; name: string }> {
    return api('POST', '/api/v1/testing/sessions', {
      name, communeCode: COMMUNE, startsAt: new Date(Date.now() - 3600_000).toISOString(), endsAt: new Date(Date.now() + 7 * 3600_000).toISOString(),
      testType: 'rt_pcr', mode: 'pooled', pooling: 'lab_aliquot', ...body,
    });
  }

  const person = (birthYear: number, fullName: string) => buildPerson(suite.server.baseUrl, suite.token, { birthYear, fullName, communeCode: COMMUNE });
  const tube = (barcode: string) => api<{ status: string; members: TubeMember[] }>('GET', `/api/v1/testing/tubes/${barcode}?reason=${encodeURIComponent('kiểm tra E2E')}`);

  async function signIn(page: Page, username: string): Promise<void> {
    await new LoginPage(page).signIn(username, PASSWORD);
  }

  test('a pool filled by camera and typed IDs, offline mid-way, sealed; the lab imports its CSV; members look their results up', async () => {
    const session = await newSession('Điểm lấy mẫu E2E: chợ Vị Thanh');
    const barcode = 'E2EPOOL0001';
    // the first member has only the personal QR on their phone (registered as a citizen)
    const { personCode } = await api<{ personCode: string }>('POST', '/api/v1/personal-codes', {
      person: { fullName: 'Nguyễn Văn Camera', phone: '0912000111', birthYear: 1984, communeCode: COMMUNE },
    });
    const typed: ApiPerson[] = [await person(1970, 'Trần Thị Gõ'), await person(1981, 'Lê Văn Mạng'), await person(1992, 'Phạm Thị Ngoại')];

    const dir = mkdtempSync(path.join(tmpdir(), 'vigil-collector-'));
    const video = path.join(dir, 'tube-and-person.y4m');
    cameraVideo(video, barcode, `${suite.server.baseUrl}/p/${personCode}`);
    const cameraBrowser = await launchBrowser({ fakeCamera: video });
    try {
      const { context, page } = await newPage(cameraBrowser, suite.server.baseUrl, PHONE);
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await signIn(page, COLLECTOR);
      const collector = new CollectorPage(page);
      await collector.open(session.id, session.name);
      await collector.waitForWaiting(0);

      // the camera reads the tube's label, then the person's QR
      await page.locator('[data-testid="camera-toggle"][data-engine]').waitFor({ timeout: 30_000 });
      await collector.startCamera();
      await collector.tubeCard.getByText(barcode).waitFor({ timeout: 40_000 });
      await collector.feedback.getByText(`Đã ghi nhận mã cá nhân …${personCode.slice(-4)} vào ống ${barcode}.`).waitFor({ timeout: 40_000 });
      await collector.stopCamera();
      await page.screenshot({ path: path.join(ARTIFACTS, 'collector-camera-360.png'), fullPage: true });

      await collector.type(typed[0]!.nationalId ?? '');
      await collector.feedback.getByText(`Đã ghi nhận CCCD …${(typed[0]!.nationalId ?? '').slice(-4)}`).waitFor();
      await collector.waitForWaiting(0);

      // offline: the next scans wait on the phone; a repeated scan is not recorded twice
      await context.setOffline(true);
      await page.locator('[data-testid="queue-status"][data-online="false"]').waitFor();
      for (const member of typed.slice(1)) {
        await collector.type(member.nationalId ?? '');
        await collector.feedback.getByText(/Đã ghi nhận CCCD/).waitFor();
      }
      await collector.type(typed[2]!.nationalId ?? '');
      await collector.feedback.getByText(/đã có trong ống này/).waitFor();
      await collector.waitForWaiting(2);
      await collector.waitForFilled(4);
      await page.screenshot({ path: path.join(ARTIFACTS, 'collector-offline-360.png'), fullPage: true });
      assert.equal((await tube(barcode)).members.length, 2, 'the server has only what was sent before the network went');

      // back online, the first upload's answer is lost on the way: the phone sends again, the server counts repeats
      let lost = 0;
      await page.route('**/api/v1/testing/samples/batch', async (route) => {
        if (lost === 0) {
          lost += 1;
          await route.fetch();
          await route.abort('connectionreset');
        } else {
          await route.continue();
        }
      });
      await context.setOffline(false);
      await collector.waitForWaiting(0, 30_000);
      assert.equal(lost, 1, 'the first answer was dropped');

      await collector.seal();
      await collector.feedback.getByText(`Đã niêm phong ống ${barcode}.`).waitFor();
      await collector.deviceTube(barcode).and(page.locator('[data-seal="sent"]')).waitFor({ timeout: 30_000 });
      await page.screenshot({ path: path.join(ARTIFACTS, 'collector-sealed-360.png'), fullPage: true });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `the collector page scrolls sideways by ${overflow} px`);
      assert.deepEqual(errors, []);
      await context.close();
    } finally {
      await cameraBrowser.close();
      rmSync(dir, { recursive: true, force: true });
    }

    const sealed = await tube(barcode);
    assert.equal(sealed.status, 'sealed');
    assert.equal(sealed.members.length, 4, 'four people, each once');
    assert.deepEqual(new Set(sealed.members.filter((m) => m.role === 'sampled').map((m) => m.personId)).size, 4);
    for (const member of typed) assert.ok(sealed.members.some((m) => m.personId === member.id), `${member.fullName} is in the tube`);

    // the lab: a file with a bad row is refused whole, naming the row; the corrected file is imported
    const labPage = await suite.open();
    await signIn(labPage, LAB);
    const lab = new LabPage(labPage);
    await lab.open('import');
    await lab.importCsv(`barcode,result,ct_n\n${barcode},negative,\nE2E?BAD,maybe,61\n`);
    await lab.importProblems.getByText(/Dòng 3, cột barcode/).waitFor();
    await lab.importProblems.getByText(/Dòng 3, cột result/).waitFor();
    await lab.importProblems.getByText(/Dòng 3, cột ct_n/).waitFor();
    await labPage.screenshot({ path: path.join(ARTIFACTS, 'lab-import-refused.png'), fullPage: true });
    const before = await api<{ items: unknown[] }>('GET', `/api/v1/testing/tubes/${barcode}/results`);
    assert.equal(before.items.length, 0, 'nothing was imported');
    await lab.importCsv(`barcode,result,ct_n\n${barcode},âm tính,\n`);
    await lab.importDone.getByText('Đã nhập 1 kết quả').waitFor();
    await lab.open('results');
    await lab.resultForm.getByLabel('Mã ống').fill(barcode);
    await lab.resultForm.getByRole('button', { name: 'Xem lịch sử' }).click();
    await lab.history(barcode).getByText('Âm tính').waitFor();
    await lab.history(barcode).getByText(/tệp CSV/).waitFor();

    // members: by national ID and birth year; the camera-scanned member with the code kept on their phone
    const lookupPage = await suite.open(PHONE);
    const lookup = new LookupPage(lookupPage);
    await lookup.open();
    await lookup.byNationalId(typed[1]!.nationalId ?? '', typed[1]!.birthYear);
    await lookup.results.getByRole('heading', { name: 'Kết quả của L.V.M.' }).waitFor();
    const row = lookup.results.locator('li[data-outcome="negative"]');
    await row.getByText('Âm tính', { exact: true }).waitFor();
    await row.getByText('RT-PCR').waitFor();
    await row.getByText(/Lấy mẫu \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} · có kết quả/).waitFor();
    // a negative test of one's own sample has a signed certificate, shown as a QR code
    await row.getByTestId('lookup-certificate-ask').click();
    const qr = row.getByTestId('lookup-certificate-qr');
    await qr.waitFor();
    assert.match((await qr.getAttribute('data-value')) ?? '', /^HC1:/);
    await lookupPage.screenshot({ path: path.join(ARTIFACTS, 'lookup-national-id-360.png'), fullPage: true });

    const ownPhone = await suite.open(PHONE);
    await ownPhone.addInitScript((code) => {
      localStorage.setItem('vigil.me', JSON.stringify({ person: { fullName: 'Nguyễn Văn Camera', phone: '0912000111', birthYear: 1984, communeCode: '31321' }, personCode: code }));
    }, personCode);
    const own = new LookupPage(ownPhone);
    await own.open();
    await ownPhone.getByTestId('lookup-own').click();
    await own.results.locator('li[data-outcome="negative"]').getByText('Âm tính', { exact: true }).waitFor();
  });

  test('a household representative stands for the household: its members are negative by representation', async () => {
    const session = await newSession('Lấy mẫu đại diện hộ E2E', { mode: 'household_representative', pooling: 'collection_swab' });
    const barcode = 'E2EHOUSE0001';
    const [head, child, grandmother] = [await person(1980, 'Võ Văn Chủ Hộ'), await person(2010, 'Võ Thị Con'), await person(1950, 'Đặng Thị Bà')];
    await api('POST', '/api/v1/households', { communeCode: COMMUNE, headPersonId: head.id, members: [head, child, grandmother].map((p) => ({ personId: p.id })) });

    const page = await suite.open(PHONE);
    await signIn(page, COLLECTOR);
    const collector = new CollectorPage(page);
    await collector.open(session.id, session.name);
    await collector.type(barcode);
    await collector.feedback.getByText(`Đã mở ống ${barcode}.`).waitFor();
    await collector.type(head.nationalId ?? '');
    await collector.picker.getByRole('heading', { name: 'Võ Văn Chủ Hộ đại diện cho ai?' }).waitFor();
    await collector.picker.getByLabel('Võ Thị Con').waitFor();
    assert.ok(await collector.picker.getByLabel('Đặng Thị Bà').isChecked(), 'household members are ticked at first');
    await page.screenshot({ path: path.join(ARTIFACTS, 'collector-representative-360.png'), fullPage: true });
    await collector.picker.getByRole('button', { name: 'Ghi nhận (đại diện cho 2 người)' }).click();
    await collector.feedback.getByText(/Đã ghi nhận Võ Văn Chủ Hộ vào ống/).waitFor();
    await collector.waitForWaiting(0);
    await collector.seal();
    await collector.deviceTube(barcode).and(page.locator('[data-seal="sent"]')).waitFor({ timeout: 30_000 });
    const sealed = await tube(barcode);
    assert.deepEqual(sealed.members.map((m) => m.role).sort(), ['represented', 'represented', 'sampled']);

    // the lab enters the representative sample's result by hand
    const labPage = await suite.open();
    await signIn(labPage, LAB);
    const lab = new LabPage(labPage);
    await lab.open('results');
    await lab.enterResult(barcode, 'Âm tính');
    await lab.saved.getByText(`Đã lưu kết quả ống ${barcode}: 3 người nhận kết quả.`).waitFor();

    const lookupPage = await suite.open(PHONE);
    const lookup = new LookupPage(lookupPage);
    await lookup.open();
    await lookup.byNationalId(grandmother.nationalId ?? '', grandmother.birthYear);
    const row = lookup.results.locator('li[data-outcome="negative_by_representation"]');
    await row.getByText('Âm tính theo mẫu đại diện').waitFor();
    await row.getByText(/bạn không được lấy mẫu trực tiếp/).waitFor();
    assert.equal(await row.getByTestId('lookup-certificate-ask').count(), 0, 'no certificate for a test of someone else\'s sample');
    await lookupPage.screenshot({ path: path.join(ARTIFACTS, 'lookup-representation-360.png'), fullPage: true });
    const overflow = await lookupPage.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `the look-up page scrolls sideways by ${overflow} px`);
  });
  test('a positive pool plans retests from kept samples; a correction keeps the history; an individual positive proposes a case', async () => {
    const session = await newSession('Lấy mẫu gộp E2E: khu công nghiệp');
    const barcode = 'E2EPOS0001';
    const members = [await person(1975, 'Huỳnh Văn Một'), await person(1986, 'Huỳnh Thị Hai'), await person(1999, 'Huỳnh Văn Ba')];
    await api('POST', '/api/v1/testing/samples/batch', {
      items: members.map((m) => ({ id: crypto.randomUUID(), sessionId: session.id, tubeBarcode: barcode, personId: m.id, sampledAt: new Date(Date.now() - 60_000).toISOString() })),
    });
    await api('POST', `/api/v1/testing/tubes/${barcode}/seal`);

    const page = await suite.open();
    await signIn(page, LAB);
    const lab = new LabPage(page);
    await lab.open('receive');
    await page.locator('#lab-receive-typed').fill(barcode);
    await page.locator('#lab-receive-typed').press('Enter');
    await page.getByTestId('received-list').locator('li[data-tone="ok"]').getByText(barcode).waitFor();

    // entered as negative by mistake, then corrected to positive with a reason
    await lab.open('results');
    await lab.enterResult(barcode, 'Âm tính');
    await lab.saved.getByText(`Đã lưu kết quả ống ${barcode}: 3 người nhận kết quả.`).waitFor();
    await lab.enterResult(barcode, 'Dương tính', { N: '27,5' });
    await lab.resultForm.getByRole('heading', { name: 'Sửa kết quả' }).waitFor();
    await lab.resultForm.getByLabel('Lý do sửa kết quả').fill('Nhập nhầm kết quả của ống khác');
    await lab.resultForm.getByRole('button', { name: 'Lưu kết quả đã sửa' }).click();
    await lab.saved.getByText(/Đã lập 3 ống xét nghiệm lại/).waitFor();
    const history = lab.history(barcode);
    await history.locator('li[data-current="true"][data-outcome="positive"]').getByText('N 27.5').waitFor();
    await history.locator('li[data-current="false"][data-outcome="negative"]').getByText(/đã được sửa/).waitFor();
    await history.getByText('Lý do sửa: Nhập nhầm kết quả của ống khác').waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'lab-correction.png'), fullPage: true });

    // the lab's list of kept samples to test singly: one tube per member of the pool
    await lab.open('retests');
    await page.getByLabel('Danh sách', { exact: true }).selectOption('aliquot');
    await page.getByLabel('Lý do xem', { exact: true }).fill('Xét nghiệm lại mẫu lưu E2E');
    await page.getByRole('button', { name: 'Xem danh sách' }).click();
    const retests = page.locator(`[data-testid="retest"][data-parent="${barcode}"]`);
    await retests.first().waitFor();
    assert.equal(await retests.count(), 3);
    await retests.getByText('Huỳnh Thị Hai').waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'lab-retests.png'), fullPage: true });
    const second = retests.filter({ hasText: 'Huỳnh Thị Hai' });
    const single = (await second.getAttribute('data-barcode')) ?? '';

    // her own sample is positive: a confirmed case is proposed to health staff
    await lab.open('results');
    await lab.enterResult(single, 'Dương tính', { N: '22', ORF1ab: '23.4' });
    await lab.saved.getByText(/1 đề xuất ca bệnh/).waitFor();

    const staff = await suite.open();
    await signIn(staff, HEALTH_OFFICER);
    await new LabPage(staff).open('proposals');
    const proposal = staff.locator('[data-testid="proposal"]').filter({ hasText: 'Huỳnh Thị Hai' });
    await proposal.getByText(single).waitFor();
    await proposal.getByTestId('proposal-accept').click();
    await staff.locator('[data-testid="proposal"]').filter({ hasText: 'Huỳnh Thị Hai' }).waitFor({ state: 'detached' });
    const cases = await api<{ items: { personId: string }[] }>('GET', '/api/v1/cases?limit=100');
    assert.ok(cases.items.some((c) => c.personId === members[1]!.id), 'the case was created');
  });
});
