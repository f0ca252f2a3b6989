// Browser tests of issue #6 in the web app: a citizen's phone compares the public exposure notices
// with its own check-ins (on /me), and staff find a case's contacts and review them in bulk.
//   node scripts/run-tests.mjs web/e2e/tracing.test.ts   (VIGIL_SHOTS=/tmp keeps screenshots)
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { buildPerson, type ApiPerson, staffApi } from './api';
import { CasePage } from './pages/CasePage';
import { CasesPage } from './pages/CasesPage';
import { CheckinMePage } from './pages/CheckinMePage';
import { CheckinVenuePage } from './pages/CheckinVenuePage';
import { LoginPage } from './pages/LoginPage';
import { browserSuite } from './suite';

const PHONE = { width: 360, height: 740 };
const SHOTS = process.env.VIGIL_SHOTS;
const MINUTE = 60_000;
const ago = (minutes: number) => new Date(Date.now() - minutes * MINUTE).toISOString();

let citizens = 0;

describe('exposure notices and case work', () => {
  const suite = browserSuite();

  const api = staffApi(() => ({ baseUrl: suite.server.baseUrl, token: suite.token }));

  async function venue(name: string): Promise<{ id: string; path: string }> {
    const created = await api<{ id: string; qrUrl: string }>('POST', '/api/v1/venues', { name, kind: 'market', communeCode: '31321', location: { lat: 9.78, lon: 105.47 } });
    return { id: created.id, path: new URL(created.qrUrl).pathname };
  }

  /** A check-in recorded by staff (a scanned personal QR), `minutesAgo` before now, without check-out. */
  const checkIn = (person: ApiPerson, venueId: string, minutesAgo: number) =>
    api('POST', '/api/v1/checkins', { id: randomUUID(), venueId, personId: person.id, checkedInAt: ago(minutesAgo) });

  const person = (fullName: string) => buildPerson(suite.server.baseUrl, suite.token, { fullName, communeCode: '31321' });

  /** A case confirmed a minute ago (window: the 48 hours before), as the API records it. */
  const recordCase = (p: ApiPerson) => api<{ id: string }>('POST', '/api/v1/cases', { personId: p.id, confirmedAt: ago(1), source: 'community' });

  const shot = async (page: Page, name: string) => {
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `tracing-${name}.png`), fullPage: true });
  };

  /** A phone that checks in at a venue through its poster page, as a citizen does. */
  async function citizenChecksIn(venuePath: string): Promise<Page> {
    citizens += 1;
    const page = await suite.open(PHONE);
    const venuePage = new CheckinVenuePage(page);
    await venuePage.open(venuePath);
    await venuePage.fillDetails({ fullName: `Huỳnh Thị Kim ${citizens}`, phone: `09876540${String(citizens).padStart(2, '0')}`, birthYear: '1990', commune: '31321' });
    await venuePage.submitDetails();
    await venuePage.confirmation.waitFor();
    return page;
  }

  test('a phone that was where a case was warns its owner, naming the place, the time and what to do', async () => {
    const market = await venue('Chợ nổi Ngã Bảy');
    const patient = await person('Đặng Văn Ca');
    await checkIn(patient, market.id, 20); // at the market until 40 minutes from now (dwell 60)
    const found = await recordCase(patient);
    await api('POST', `/api/v1/cases/${found.id}/exposure-notices`, { reason: 'e2e: publish the case\'s places' });

    const page = await citizenChecksIn(market.path);
    const asked: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/exposure-notices')) asked.push(`${request.method()} ${new URL(request.url()).search} ${request.postData() ?? ''}`);
    });
    const me = new CheckinMePage(page);
    await me.open();
    await me.exposureWarning.waitFor();
    const text = await me.exposureWarning.innerText();
    assert.match(text, /Bạn có thể đã tiếp xúc với ca bệnh/);
    assert.equal(await me.exposureMatches.count(), 1);
    assert.match(await me.exposureMatches.first().innerText(), /Chợ nổi Ngã Bảy[\s\S]*Ca bệnh có mặt: (\d{2}:\d{2}–\d{2}:\d{2} · \d{2}\/\d{2}\/\d{4}|\d{2}:\d{2} · \d{2}\/\d{2}\/\d{4} – \d{2}:\d{2} · \d{2}\/\d{2}\/\d{4})/);
    assert.match(text, /trạm y tế xã, phường/);
    assert.match(text, /Đi xét nghiệm/);
    assert.ok(asked.length >= 1);
    for (const line of asked) assert.equal(line, 'GET  ', 'the phone asks for the open list only: nothing of its history is sent');
    await shot(page, '01-warning-360');
    const box = await me.exposureWarning.boundingBox();
    assert.ok(box && box.width <= PHONE.width, 'the warning fits a 360 px screen');
  });

  test('a phone whose check-ins meet no notice says so calmly, with the time of the list', async () => {
    const market = await venue('Chợ Cái Tắc');
    const elsewhere = await venue('Chợ Phụng Hiệp');
    const patient = await person('Ngô Thị Bệnh');
    await checkIn(patient, market.id, 20);
    await api('POST', `/api/v1/cases/${(await recordCase(patient)).id}/exposure-notices`, { reason: 'e2e: publish the case\'s places' });

    const page = await citizenChecksIn(elsewhere.path); // same time, another venue
    const me = new CheckinMePage(page);
    await me.open();
    await me.exposureNone.waitFor();
    assert.match(await me.exposureNone.innerText(), /^Không trùng: .* Cập nhật lúc \d{2}:\d{2} · \d{2}\/\d{2}\/\d{4}\.$/);
    assert.equal(await me.exposureWarning.count(), 0);
    await shot(page, '02-no-match-360');
  });

  test('the comparison is by time too: a stored visit that ended before the notice began is not a match; one inside is', async () => {
    const market = await venue('Chợ Long Thạnh');
    const patient = await person('Lý Văn Thời');
    await checkIn(patient, market.id, 20);
    await api('POST', `/api/v1/cases/${(await recordCase(patient)).id}/exposure-notices`, { reason: 'e2e: publish the case\'s places' });
    const open = await api<{ items: { venueId: string; from: string }[] }>('GET', '/api/v1/open/exposure-notices');
    const from = Date.parse(open.items.find((n) => n.venueId === market.id)?.from ?? '');
    /** A visit of an hour as rememberCheckins() stores it, ending `minutesAfter` the notice's start. */
    const stored = (minutesAfter: number) => {
      const end = new Date(from + minutesAfter * MINUTE).toISOString();
      return {
        id: randomUUID(), checkedInAt: new Date(from + (minutesAfter - 60) * MINUTE).toISOString(), checkedOutAt: end, endsAt: end,
        venue: { id: market.id, name: 'Chợ Long Thạnh', kind: 'market', address: null, communeName: 'Phường III', defaultDwellMinutes: 60, status: 'active' },
      };
    };

    const page = await suite.open(PHONE);
    await page.goto('/me');
    // the visit ended exactly when the notice's window starts: intervals are half-open
    await page.evaluate((items) => localStorage.setItem('vigil.checkins', JSON.stringify(items)), [stored(0)]);
    const me = new CheckinMePage(page);
    await me.open();
    await me.exposureNone.waitFor();
    assert.equal(await me.exposureWarning.count(), 0);

    await page.evaluate((items) => localStorage.setItem('vigil.checkins', JSON.stringify(items)), [stored(1)]);
    await me.open();
    await me.exposureWarning.waitFor();
    assert.match(await me.exposureMatches.first().innerText(), /Chợ Long Thạnh/);
  });

  async function staffPage(viewport = { width: 1280, height: 900 }): Promise<Page> {
    const page = await suite.open(viewport);
    await new LoginPage(page).signIn('admin', suite.server.adminPassword);
    return page;
  }

  test('staff record a case, find its contacts from real check-ins and confirm two at once', async () => {
    const market = await venue('Chợ Vị Thủy');
    const patient = await person('Tô Văn Nguồn');
    const first = await person('Mai Thị Một');
    const second = await person('Kha Văn Hai');
    await checkIn(patient, market.id, 60);
    await checkIn(first, market.id, 50);
    await checkIn(second, market.id, 40);

    const page = await staffPage();
    const cases = new CasesPage(page);
    await cases.open();
    await cases.recordCase(patient.nationalId ?? '', 'Tô Văn Nguồn');
    const casePage = new CasePage(page);
    await casePage.page.getByRole('heading', { level: 1, name: 'Ca bệnh: Tô Văn Nguồn' }).waitFor();

    await casePage.findContacts('e2e: điều tra dịch tễ');
    assert.match(await casePage.proposeResult.innerText(), /Tìm thấy 2 người \(2 mới, 0 cập nhật\) từ 1 lượt đến/);
    await casePage.rows.nth(1).waitFor();
    assert.equal(await casePage.rows.count(), 2);
    assert.match(await casePage.row('Mai Thị Một').innerText(), /Chờ xác minh[\s\S]*Cùng địa điểm, thời gian[\s\S]*Chợ Vị Thủy/);

    await casePage.choose('Mai Thị Một');
    await casePage.choose('Kha Văn Hai');
    await casePage.apply('Xác nhận là F1');
    await casePage.results.nth(1).waitFor();
    const results = await casePage.results.allInnerTexts();
    assert.deepEqual(results.map((r) => r.split(':')[0]).sort(), ['Kha Văn Hai', 'Mai Thị Một']);
    for (const line of results) assert.match(line, /Đã xác nhận · đã cập nhật/);
    await casePage.row('Kha Văn Hai').getByText('Đã xác nhận', { exact: true }).waitFor();
    assert.match(await casePage.row('Mai Thị Một').innerText(), /đến hết \d{2}\/\d{2}\/\d{4}/);
    await shot(page, '03-confirmed');
  });

  test('a bulk action the server refuses names the contact it cannot apply to, and changes nothing', async () => {
    const market = await venue('Chợ Nàng Mau');
    const patient = await person('Quách Văn Gốc');
    const contact = await person('Lâm Thị Chờ');
    await checkIn(patient, market.id, 60);
    await checkIn(contact, market.id, 45);
    const found = await recordCase(patient);
    await api('POST', `/api/v1/cases/${found.id}/contacts/propose`, { reason: 'e2e: điều tra dịch tễ' });

    const page = await staffPage(PHONE);
    const casePage = new CasePage(page);
    await casePage.open(found.id);
    await casePage.giveReadReason('e2e: xem danh sách');
    await casePage.choose('Lâm Thị Chờ');
    await casePage.apply('Chỉ định cách ly'); // a candidate, not confirmed yet: 409
    await casePage.problems.waitFor();
    assert.match(await casePage.problems.innerText(), /Lâm Thị Chờ: đang chờ xác minh: hãy xác nhận là F1 trước/);
    assert.match(await casePage.row('Lâm Thị Chờ').innerText(), /Chờ xác minh/);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360), 'nothing wider than a 360 px screen');
    await shot(page, '04-refused-360');
  });

  /** A case with one contact found by place and time, all through the API; the case page opened with a reading reason. */
  async function caseWithContact(venueName: string, names: [string, string]): Promise<{ page: Page; casePage: CasePage }> {
    const market = await venue(venueName);
    const patient = await person(names[0]);
    await checkIn(patient, market.id, 60);
    await checkIn(await person(names[1]), market.id, 45);
    const found = await recordCase(patient);
    await api('POST', `/api/v1/cases/${found.id}/contacts/propose`, { reason: 'e2e: điều tra dịch tễ' });
    const page = await staffPage();
    const casePage = new CasePage(page);
    await casePage.open(found.id);
    await casePage.giveReadReason('e2e: xem danh sách');
    return { page, casePage };
  }

  test('publishing a case\'s places from its page lists them, and the open list has them without personal data', async () => {
    const { page } = await caseWithContact('Chợ Tân Lộc', ['Hồ Văn Công', 'Vũ Thị Bố']);
    await page.getByTestId('publish-open').click();
    assert.equal(await page.getByLabel('Lý do (ghi vào nhật ký truy cập)').inputValue(), 'e2e: xem danh sách', 'the reading reason is offered');
    await page.getByLabel('Lý do (ghi vào nhật ký truy cập)').fill('e2e: công bố địa điểm');
    await page.getByTestId('publish-form').getByRole('button', { name: 'Công bố địa điểm' }).click();
    await page.getByText('Đã công bố 1 địa điểm mới, cập nhật 0.').waitFor();
    assert.match(await page.getByTestId('notices-list').innerText(), /Chợ Tân Lộc · \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} – /);
    const open = await api<{ items: Record<string, unknown>[] }>('GET', '/api/v1/open/exposure-notices');
    const notice = open.items.find((n) => n.venueName === 'Chợ Tân Lộc');
    assert.ok(notice);
    assert.equal(JSON.stringify(notice).includes('Hồ Văn Công'), false);
  });

  test('the chain view lists the case and its contacts by date, with links labelled by how they met', async () => {
    const { page } = await caseWithContact('Chợ Hoà An', ['Phan Văn Chuỗi', 'Đỗ Thị Nối']);
    await page.getByTestId('chain-open').click();
    await page.getByTestId('chain-node').nth(1).waitFor();
    const nodes = await page.getByTestId('chain-node').allInnerTexts();
    assert.equal(nodes.length, 2);
    assert.match(nodes[0] ?? '', /Ca bệnh/);
    assert.match(nodes[1] ?? '', /F1[\s\S]*Chờ xác minh/);
    assert.match(await page.getByTestId('chain-edges').innerText(), /^Phan Văn Chuỗi → Đỗ Thị Nối · Cùng địa điểm, thời gian · Chợ Hoà An · \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
  });

  test('staff see the messages a notice sent, masked, waiting while SMS is not configured', async () => {
    const market = await venue('Chợ Hỏa Lựu');
    const patient = await person('Lục Văn Nguồn');
    const contact = await buildPerson(suite.server.baseUrl, suite.token, { fullName: 'Thạch Thị Báo', communeCode: '31321', phone: '0912345678' } as Partial<ApiPerson>);
    await checkIn(patient, market.id, 60);
    await checkIn(contact, market.id, 50);
    const recorded = await recordCase(patient);
    await api('POST', `/api/v1/cases/${recorded.id}/contacts/propose`, { reason: 'e2e: điều tra dịch tễ' });
    const contacts = await api<{ items: { id: string }[] }>('GET', `/api/v1/cases/${recorded.id}/contacts?reason=${encodeURIComponent('e2e: gọi điện')}`);
    await api('POST', `/api/v1/cases/${recorded.id}/contacts/actions`, { contactIds: contacts.items.map((c) => c.id), action: 'notify' });

    const page = await staffPage();
    await page.goto(`${suite.server.baseUrl}/staff/notifications`);
    await page.getByRole('heading', { level: 1, name: 'Tin nhắn gửi người dân' }).waitFor();
    await page.getByLabel('Kênh').selectOption('sms');
    const row = page.getByTestId('outbox-table').locator('tbody tr').filter({ hasText: '678' }).first();
    await row.waitFor();
    const text = await row.innerText();
    assert.match(text, /Báo tiếp xúc/);
    assert.match(text, /Đang chờ gửi/);
    assert.match(text, /VIGIL_SMS_GATEWAY_URL/, 'the reason it waits');
    assert.doesNotMatch(text, /0912345678|912345678/, 'the phone number is masked');
    await shot(page, '09-outbox');
  });

  test('the service worker shows a push with its tag, so a repeated delivery replaces the first', async () => {
    const page = await suite.open(PHONE);
    await page.context().grantPermissions(['notifications']);
    await page.goto('/me');
    await page.evaluate(async () => { await navigator.serviceWorker.ready; });
    const cdp = await page.context().newCDPSession(page);
    const registration = new Promise<string>((resolve) => {
      cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
        const found = registrations.find((r) => r.scopeURL.startsWith(suite.server.baseUrl) && !r.isDeleted);
        if (found) resolve(found.registrationId);
      });
    });
    await cdp.send('ServiceWorker.enable');
    const registrationId = await registration;
    const payload = { id: 'b6f1c1de-0000-4000-8000-000000000001', tag: 'exposure:contact-1:venue-1', template: 'exposure_notice', title: 'Thông báo tiếp xúc', body: 'Bạn đã đến Chợ Vị Thanh lúc 10:30 15/07/2021.', lang: 'vi' };
    for (let i = 0; i < 2; i += 1) {
      await cdp.send('ServiceWorker.deliverPushMessage', { origin: suite.server.baseUrl, registrationId, data: JSON.stringify(payload) });
    }
    const shown = async () => page.evaluate(async () =>
      (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => ({ title: n.title, body: n.body, tag: n.tag, lang: n.lang })));
    let notifications = await shown();
    for (let tries = 0; notifications.length === 0 && tries < 50; tries += 1) {
      await page.waitForTimeout(100);
      notifications = await shown();
    }
    assert.deepEqual(notifications, [{ title: payload.title, body: payload.body, tag: payload.tag, lang: 'vi' }]);
  });
});
