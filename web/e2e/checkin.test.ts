// Browser tests of the citizens' check-in pages on a 360 px phone: a venue's poster URL, one-tap
// check-in, check-out, the offline queue, the personal QR and health declarations.
//   node scripts/run-tests.mjs web/e2e/checkin.test.ts   (VIGIL_SHOTS=/tmp keeps screenshots)
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { CheckinDeclarationForm } from './pages/CheckinDeclarationForm';
import { CheckinMePage } from './pages/CheckinMePage';
import { CheckinVenuePage, type CitizenDetails } from './pages/CheckinVenuePage';
import { staffApi } from './api';
import { browserSuite } from './suite';

const PHONE = { width: 360, height: 740 };
const SHOTS = process.env.VIGIL_SHOTS;

let people = 0;
/** A citizen of Phường III, different each time (so each test is its own person). */
function citizen(overrides: Partial<CitizenDetails> = {}): CitizenDetails {
  people += 1;
  return { fullName: `Lê Thị Thu Hà ${people}`, phone: `09123450${String(people).padStart(2, '0')}`, birthYear: '1988', commune: '31321', ...overrides };
}

describe('citizen check-in pages', () => {
  const suite = browserSuite();

  const api = staffApi(() => ({ baseUrl: suite.server.baseUrl, token: suite.token }));

  /** A venue through the API; its poster URL's path, opened on the test server. */
  async function venue(name: string, kind = 'market'): Promise<{ id: string; path: string }> {
    const created = await api<{ id: string; qrUrl: string }>('POST', '/api/v1/venues', { name, kind, communeCode: '31321', location: { lat: 9.78, lon: 105.47 } });
    return { id: created.id, path: new URL(created.qrUrl).pathname };
  }

  const serverCheckins = async (venueId: string) =>
    (await api<{ items: { id: string }[] }>('GET', `/api/v1/checkins?venueId=${venueId}&reason=test`)).items;

  async function phone(): Promise<{ page: Page; venuePage: CheckinVenuePage; errors: string[] }> {
    const page = await suite.open(PHONE);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    return { page, venuePage: new CheckinVenuePage(page), errors };
  }

  const shot = async (page: Page, name: string) => {
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `checkin-${name}.png`), fullPage: true });
  };

  /** The first visit of a phone: the form, then the confirmation. */
  async function firstCheckin(venuePage: CheckinVenuePage, venuePath: string, details = citizen()): Promise<void> {
    await venuePage.open(venuePath);
    await venuePage.fillDetails(details);
    await venuePage.submitDetails();
    await venuePage.confirmation.waitFor();
  }

  test('the first scan asks for the details once, checks in and confirms where and when', async () => {
    const market = await venue('Chợ Vị Thanh');
    const { page, venuePage, errors } = await phone();
    await venuePage.open(market.path);
    assert.equal(await venuePage.venueName.textContent(), 'Chợ Vị Thanh');
    assert.match((await page.getByTestId('venue').textContent()) ?? '', /Phường III/);
    await shot(page, '01-first-form');
    await venuePage.fillDetails(citizen({ fullName: 'Nguyễn Văn Tư' }));
    await venuePage.submitDetails();
    await venuePage.confirmation.waitFor();
    const text = (await venuePage.confirmation.textContent()) ?? '';
    assert.match(text, /Đã khai báo vào/);
    assert.match(text, /Chợ Vị Thanh/);
    assert.match(await page.getByTestId('checkin-time').innerText(), /^\d{2}:\d{2} · \d{2}\/\d{2}\/\d{4}$/);
    assert.match(await page.getByTestId('auto-checkout').innerText(), /tự ghi nhận bạn ra về lúc \d{2}:\d{2} \(sau 60 phút\)/);
    await shot(page, '02-checked-in');
    assert.equal((await serverCheckins(market.id)).length, 1);
    assert.deepEqual(errors, []);
  });

  test('mistakes are shown at their field before sending; server field errors at theirs', async () => {
    const market = await venue('Chợ Hoả Lựu');
    const { page, venuePage } = await phone();
    await venuePage.open(market.path);
    await venuePage.fillDetails(citizen({ phone: '12345', birthYear: '88', commune: '' }));
    await venuePage.submitDetails();
    await venuePage.fieldError('phone').waitFor();
    assert.match(await venuePage.fieldError('birthYear').innerText(), /4 chữ số/);
    assert.match(await venuePage.fieldError('commune').innerText(), /chọn nơi ở/);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'venue-person-phone', 'focus moves to the first mistake');
    await shot(page, '03-form-errors');

    // The server's answer is mapped to the field it names (person.nationalId → the CCCD box).
    await page.route('**/api/v1/checkins/self', (route) =>
      route.fulfill({ status: 400, contentType: 'application/json', body: JSON.stringify({ error: { code: 'validation_failed', message: 'invalid', fields: { 'person.nationalId': 'does not start with a valid province code' } } }) }),
    );
    await venuePage.fillDetails(citizen());
    await venuePage.submitDetails();
    assert.match(await venuePage.fieldError('nationalId').innerText(), /không bắt đầu bằng mã tỉnh hợp lệ/);
    assert.equal((await serverCheckins(market.id)).length, 0);
  });

  test('a phone that knows its owner checks in again with one tap, then checks out', async () => {
    const market = await venue('Chợ Long Mỹ');
    const { page, venuePage } = await phone();
    await firstCheckin(venuePage, market.path);
    await page.reload();
    await venuePage.checkInButton.waitFor();
    assert.equal(await venuePage.nameField.count(), 0, 'no form the second time');
    await page.getByTestId('open-visit').waitFor(); // the earlier visit is still going on
    await shot(page, '04-one-tap');
    await venuePage.checkInButton.click();
    await venuePage.confirmation.waitFor();
    await venuePage.checkOut();
    assert.match((await venuePage.confirmation.textContent()) ?? '', /Đã ghi nhận ra về/);
    await shot(page, '05-checked-out');
    assert.equal((await serverCheckins(market.id)).length, 2);
  });

  test('/me shows the personal QR, the name and the recent check-ins; "forget me" clears the phone', async () => {
    const market = await venue('Siêu thị Co.opmart Vị Thanh', 'shop');
    const { page, venuePage } = await phone();
    await firstCheckin(venuePage, market.path, citizen({ fullName: 'Trần Thị Mai' }));
    const me = new CheckinMePage(page);
    await page.getByRole('link', { name: 'Mã QR của tôi' }).first().click();
    await me.qr.waitFor();
    assert.match((await me.qr.getAttribute('data-value')) ?? '', new RegExp(`^${suite.server.baseUrl}/p/[A-Za-z0-9_-]{20,64}$`));
    assert.equal(await me.name.textContent(), 'Trần Thị Mai');
    await me.recentItems.first().waitFor();
    assert.match((await me.recentItems.first().textContent()) ?? '', /Siêu thị Co\.opmart Vị Thanh/);
    const card = (await me.cardLink.getAttribute('href')) ?? '';
    assert.match(card, /^\/api\/v1\/personal-codes\/[A-Za-z0-9_-]+\/card\.pdf$/);
    const pdf = await fetch(`${suite.server.baseUrl}${card}`);
    assert.equal(pdf.status, 200);
    assert.match(pdf.headers.get('content-type') ?? '', /application\/pdf/);
    const box = await me.qr.boundingBox();
    assert.ok(box && box.width >= 250, `the QR is large enough to scan (${box?.width} px)`);
    await shot(page, '06-me');

    await me.forget();
    await page.getByRole('heading', { name: 'Nhận mã QR cá nhân' }).waitFor();
    await shot(page, '06b-me-forgotten');
    assert.equal(await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('vigil.') && key !== 'vigil.lang').length), 0);
  });

  test('forged and revoked codes say so instead of showing a venue', async () => {
    const market = await venue('Chợ Ngã Bảy');
    await api('POST', `/api/v1/venues/${market.id}/reissue-code`, {});
    const { page, venuePage } = await phone();
    await venuePage.open(market.path);
    assert.match((await venuePage.problem.textContent()) ?? '', /Mã QR đã được thay/);
    await shot(page, '07-revoked');
    await venuePage.open('/v/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    assert.match((await venuePage.problem.textContent()) ?? '', /Mã QR không hợp lệ/);
  });

  test('a check-in tapped offline is kept and reaches the server once when the network returns', async () => {
    const [home, market] = [await venue('Quán cơm Bảy Hiền', 'restaurant'), await venue('Chợ Cái Tắc')];
    const { page, venuePage } = await phone();
    await firstCheckin(venuePage, home.path);
    await venuePage.open(market.path);
    await page.context().setOffline(true);
    await venuePage.checkInButton.click();
    await venuePage.queued.waitFor();
    await shot(page, '08-offline-queued');
    assert.equal((await serverCheckins(market.id)).length, 0);
    await page.context().setOffline(false);
    await venuePage.confirmation.waitFor({ timeout: 30_000 });
    await page.waitForTimeout(1000); // nothing else is sent after the answer
    assert.equal((await serverCheckins(market.id)).length, 1);
  });

  test('a lost answer is retried with the same id: still one check-in', async () => {
    const market = await venue('Chợ Tân Phú Thạnh');
    const { page, venuePage } = await phone();
    await firstCheckin(venuePage, market.path);
    await venuePage.open(market.path);
    // The server receives the next check-in, but its answer never reaches the phone.
    await page.route('**/api/v1/checkins/self', async (route) => {
      await route.fetch();
      await route.abort('failed');
    }, { times: 1 });
    await venuePage.checkInButton.click();
    await venuePage.queued.waitFor();
    assert.equal((await serverCheckins(market.id)).length, 2, 'the server has it');
    await venuePage.checkInButton.click(); // "send now": the same id again
    await venuePage.confirmation.waitFor();
    assert.equal((await serverCheckins(market.id)).length, 2, 'and has it once');
  });

  test('at an entry checkpoint the declaration follows the check-in; fever is flagged and gets a QR', async () => {
    const checkpoint = await venue('Chốt kiểm soát cầu Cái Tư', 'entry_checkpoint');
    const { page, venuePage } = await phone();
    await firstCheckin(venuePage, checkpoint.path);
    const declaration = new CheckinDeclarationForm(page);
    await declaration.form.waitFor();
    await declaration.fill({
      symptoms: ['Sốt', 'Ho'], contactWithCase: false, beenToOutbreakArea: false, vaccination: 'Đã tiêm đủ liều cơ bản',
      entry: { origin: 'Ninh Kiều, Cần Thơ', destination: 'Vị Thanh, Hậu Giang', vehicle: 'Xe máy', plate: '65B1-234.56' },
    });
    await shot(page, '09-declaration-form');
    await declaration.send();
    assert.equal(await declaration.result.getAttribute('data-flag'), 'red');
    assert.match(await page.getByTestId('declaration-advice').innerText(), /Vui lòng đến bàn y tế/);
    assert.match((await page.getByTestId('declaration-qr').getAttribute('data-value')) ?? '', /\/d\/[A-Za-z0-9_-]{20,64}$/);
    await shot(page, '10-declaration-flagged');
  });

  test('a declaration ahead of time, without details on the phone yet, is kept for the checkpoint', async () => {
    const { page } = await phone();
    await page.goto('/declare');
    const declaration = new CheckinDeclarationForm(page);
    await declaration.form.waitFor();
    await shot(page, '11a-declare-empty');
    await page.getByLabel('Họ và tên').fill('Phạm Văn Đông');
    await page.getByLabel('Số điện thoại').fill('0939123456');
    await page.getByLabel('Năm sinh').fill('1975');
    await page.getByLabel('Nơi ở hiện nay').selectOption('outside');
    await page.getByRole('group', { name: 'Loại tờ khai' }).getByLabel('Khai báo ra, vào tỉnh tại chốt').check();
    const tomorrow = new Date(Date.now() + 7 * 3_600_000 + 86_400_000).toISOString().slice(0, 10);
    await declaration.fill({
      travelDate: tomorrow, symptoms: ['Không có triệu chứng nào'], contactWithCase: false, beenToOutbreakArea: false, vaccination: 'Đã tiêm mũi nhắc lại',
      entry: { origin: 'Quận 5, TP. Hồ Chí Minh', destination: 'Long Mỹ, Hậu Giang', vehicle: 'Xe khách' },
    });
    await declaration.send();
    assert.equal(await declaration.result.getAttribute('data-flag'), 'green');
    await shot(page, '11-declared-ahead');
    const me = new CheckinMePage(page);
    await me.open();
    await me.qr.waitFor(); // the declaration gave this phone its personal code too
    await page.getByTestId('declaration-qr').first().waitFor();
  });

  test('a scanned personal QR opened by a camera app explains itself, in English too, and shows no personal data', async () => {
    const { page } = await phone();
    await page.goto('/p/UAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    await page.getByTestId('scan-info').waitFor();
    assert.match(await page.getByTestId('scan-info').innerText(), /dành cho cán bộ|để cán bộ quét/i);
    await page.getByRole('button', { name: 'English' }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'en'); // English is fetched when chosen
    assert.match(await page.getByTestId('scan-info').innerText(), /for staff to scan/);
    await shot(page, '12-scan-info-en');
  });
});
