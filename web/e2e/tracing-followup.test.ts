// Browser tests of a contact's follow-up in the staff app (issue #6): the daily check, ending follow-up,
// F2 tracing from a confirmed F1, withdrawing a public notice and adding a contact the case names.
//   node scripts/run-tests.mjs web/e2e/tracing-followup.test.ts   (VIGIL_SHOTS=/tmp keeps screenshots)
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { buildPerson, nationalIdFor, type ApiPerson, staffApi } from './api';
import { CasePage } from './pages/CasePage';
import { LoginPage } from './pages/LoginPage';
import { browserSuite } from './suite';

const SHOTS = process.env.VIGIL_SHOTS;
const MINUTE = 60_000;
const REASON = 'e2e: theo dõi người tiếp xúc';
const ago = (minutes: number) => new Date(Date.now() - minutes * MINUTE).toISOString();
/** Today in Vietnam as the screens write it: dd/mm/yyyy. */
const todayShown = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10).split('-').reverse().join('/');

describe('contact follow-up, F2, notices and named contacts', () => {
  const suite = browserSuite();
  const api = staffApi(() => ({ baseUrl: suite.server.baseUrl, token: suite.token }));
  const person = (fullName: string) => buildPerson(suite.server.baseUrl, suite.token, { fullName, communeCode: '31321' });

  async function venue(name: string): Promise<string> {
    return (await api<{ id: string }>('POST', '/api/v1/venues', { name, kind: 'market', communeCode: '31321', location: { lat: 9.78, lon: 105.47 } })).id;
  }
  const checkIn = (p: ApiPerson, venueId: string, minutesAgo: number) =>
    api('POST', '/api/v1/checkins', { id: randomUUID(), venueId, personId: p.id, checkedInAt: ago(minutesAgo) });
  const recordCase = (p: ApiPerson) => api<{ id: string }>('POST', '/api/v1/cases', { personId: p.id, confirmedAt: ago(1), source: 'community' });
  const contactsOf = (caseId: string, query = '') =>
    api<{ items: { id: string; personId: string; degree: string }[] }>('GET', `/api/v1/cases/${caseId}/contacts?reason=${encodeURIComponent(REASON)}${query}`);

  /** A case met one person at a market (found by place and time), confirmed as F1 through the API. */
  async function confirmedContact(names: [string, string], market = `Chợ ${names[1]}`) {
    const venueId = await venue(market);
    const patient = await person(names[0]);
    const contact = await person(names[1]);
    await checkIn(patient, venueId, 60);
    await checkIn(contact, venueId, 50);
    const found = await recordCase(patient);
    await api('POST', `/api/v1/cases/${found.id}/contacts/propose`, { reason: REASON });
    const contactId = (await contactsOf(found.id)).items.find((c) => c.personId === contact.id)!.id;
    await api('POST', `/api/v1/cases/${found.id}/contacts/actions`, { contactIds: [contactId], action: 'confirm' });
    return { caseId: found.id, contactId, contact, patient, venueId };
  }

  async function staffPage(): Promise<Page> {
    const page = await suite.open({ width: 1280, height: 900 });
    await new LoginPage(page).signIn('admin', suite.server.adminPassword);
    return page;
  }

  /** The case page with a reading reason given, then the contact's record opened from the contacts list. */
  async function openContact(caseId: string, name: string): Promise<Page> {
    const page = await staffPage();
    const casePage = new CasePage(page);
    await casePage.open(caseId);
    await casePage.giveReadReason(REASON);
    await casePage.row(name).getByRole('link', { name }).click();
    await page.getByTestId('contact-screen').getByRole('heading', { level: 1, name: new RegExp(`^Người tiếp xúc F\\d: ${name}$`) }).waitFor();
    return page;
  }

  const shot = async (page: Page, name: string) => {
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `tracing-followup-${name}.png`), fullPage: true });
  };

  test('a daily check is recorded and shown; the same day again replaces it', async () => {
    const { caseId, contactId } = await confirmedContact(['Trịnh Văn Nguồn', 'Lê Thị Theo']);
    const page = await openContact(caseId, 'Lê Thị Theo');
    const form = page.getByTestId('check-form');
    await form.getByLabel('Sốt', { exact: true }).check();
    await form.getByLabel('Nhiệt độ (°C)').fill('38,2');
    await form.getByLabel('Ghi chú', { exact: true }).fill('gọi điện lúc 8 giờ');
    await form.getByRole('button', { name: 'Lưu kết quả theo dõi' }).click();
    await page.getByText(`Đã lưu kết quả theo dõi ngày ${todayShown()}.`).waitFor();
    const rows = page.getByTestId('check-row');
    await rows.first().filter({ hasText: 'gọi điện' }).waitFor();
    assert.match(await rows.first().innerText(), new RegExp(`${todayShown()}\\s+Sốt\\s+38,2 °C\\s*sốt\\s+gọi điện lúc 8 giờ`));
    await shot(page, '01-check');

    // the same day again: the form says so, and the row is replaced, not added
    await form.getByLabel('Ho', { exact: true }).check();
    await form.getByLabel('Nhiệt độ (°C)').fill('37');
    await form.getByText('Ngày này đã có kết quả theo dõi').waitFor();
    await form.getByRole('button', { name: 'Lưu kết quả theo dõi' }).click();
    await page.getByText(`Đã cập nhật kết quả theo dõi ngày ${todayShown()}.`).waitFor();
    await rows.first().filter({ hasText: 'Ho' }).waitFor();
    assert.equal(await rows.count(), 1);
    assert.match(await rows.first().innerText(), /Ho\s+37 °C/);
    assert.doesNotMatch(await rows.first().innerText(), /sốt/);
    const detail = await api<{ checks: { symptoms: string[]; temperatureC: number }[] }>('GET', `/api/v1/contacts/${contactId}?reason=e2e`);
    assert.deepEqual(detail.checks.map((c) => [c.symptoms, c.temperatureC]), [[['cough'], 37]]);
  });

  test('ending follow-up as lost closes the record: no more checks, and the contacts list says so', async () => {
    const { caseId } = await confirmedContact(['Đinh Văn Gốc', 'Châu Thị Mất']);
    const page = await openContact(caseId, 'Châu Thị Mất');
    const end = page.getByTestId('end-follow-up');
    await end.getByLabel('Mất liên lạc').check();
    await end.getByLabel('Ghi chú (không bắt buộc)').fill('không nghe máy 3 ngày');
    await end.getByRole('button', { name: 'Kết thúc theo dõi' }).click();
    await page.getByTestId('contact-follow-up').filter({ hasText: 'Mất liên lạc' }).waitFor();
    assert.equal(await page.getByTestId('end-follow-up').count(), 0, 'ended once');
    assert.equal(await page.getByTestId('check-form').count(), 0, 'no more checks');
    assert.match(await page.getByTestId('contact-facts').innerText(), /không nghe máy 3 ngày/);
    await page.getByRole('link', { name: '‹ Quay lại ca bệnh' }).click();
    await new CasePage(page).row('Châu Thị Mất').filter({ hasText: 'Mất liên lạc' }).waitFor();
  });

  test('a contact who became a case: the case is recorded from the form and the chain goes through it', async () => {
    const { caseId, contact } = await confirmedContact(['Bùi Văn Đầu', 'Ông Thị Nhiễm']);
    const page = await openContact(caseId, 'Ông Thị Nhiễm');
    const end = page.getByTestId('end-follow-up');
    await end.getByLabel('Trở thành ca bệnh').check();
    await end.getByLabel('Ghi nhận ca bệnh mới cho người này').check(); // the person has no case yet
    await end.getByRole('button', { name: 'Kết thúc theo dõi' }).click();
    await page.getByTestId('contact-follow-up').filter({ hasText: 'Trở thành ca bệnh' }).waitFor();
    await page.getByRole('link', { name: 'Mở hồ sơ ca bệnh' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ca bệnh: Ông Thị Nhiễm' }).waitFor();
    const cases = await api<{ items: { id: string }[] }>('GET', `/api/v1/cases?personId=${contact.id}`);
    assert.equal(cases.items.length, 1);
    assert.ok(page.url().endsWith(`/staff/cases/${cases.items[0]!.id}`));
    const chain = await api<{ edges: { from: string; to: string }[] }>('GET', `/api/v1/cases/${caseId}/chain?reason=e2e`);
    assert.ok(chain.edges.some((e) => e.from === caseId && e.to === cases.items[0]!.id), 'the chain goes from the case to the new one');
  });

  test('F2 tracing from a confirmed F1 shows the people it found, each opening its record', async () => {
    const { caseId, contact } = await confirmedContact(['Vương Văn Khởi', 'Tạ Thị Cầu'], 'Chợ Vĩnh Tường');
    const shop = await venue('Tiệm thuốc Hòa Lợi');
    const second = await person('Mạc Văn Xa');
    await checkIn(contact, shop, 30); // the F1 went on to a shop, where someone else was
    await checkIn(second, shop, 25);
    const page = await openContact(caseId, 'Tạ Thị Cầu');
    await page.getByTestId('trace-f2-open').click();
    assert.equal(await page.getByTestId('trace-f2-form').getByLabel('Lý do (ghi vào nhật ký truy cập)').inputValue(), REASON, 'the reading reason is offered');
    await page.getByTestId('trace-f2-form').getByRole('button', { name: 'Truy vết F2 từ người này' }).click();
    await page.getByTestId('f2-result').waitFor();
    assert.match(await page.getByTestId('f2-result').innerText(), /^Tìm thấy 1 người F2 \(1 mới, 0 cập nhật\) từ \d+ lượt đến của người F1\.$/);
    const candidate = page.getByTestId('f2-candidate');
    assert.equal(await candidate.count(), 1);
    assert.match(await candidate.innerText(), /^Mạc Văn Xa F2 · Chờ xác minh · Cùng địa điểm, thời gian · Tiệm thuốc Hòa Lợi \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    await shot(page, '02-f2');
    await candidate.getByRole('link', { name: 'Mạc Văn Xa' }).click();
    await page.getByRole('heading', { level: 1, name: 'Người tiếp xúc F2: Mạc Văn Xa' }).waitFor();
    assert.equal((await contactsOf(caseId, '&degree=F2')).items.length, 1);
  });

  test('a notice withdrawn with a reason leaves the public list and stays on the case, marked', async () => {
    const market = await venue('Chợ Xà No');
    const patient = await person('Lò Văn Công');
    await checkIn(patient, market, 20);
    const found = await recordCase(patient);
    const published = await api<{ items: { id: string }[] }>('POST', `/api/v1/cases/${found.id}/exposure-notices`, { reason: 'e2e: công bố' });
    const noticeId = published.items[0]!.id;
    const openList = async () => (await api<{ items: { id: string; venueName: string }[] }>('GET', '/api/v1/open/exposure-notices')).items;
    assert.ok((await openList()).some((n) => n.id === noticeId));

    const page = await staffPage();
    await new CasePage(page).open(found.id);
    await page.getByTestId(`withdraw-${noticeId}-open`).click();
    const form = page.getByTestId(`withdraw-${noticeId}-form`);
    assert.equal(await form.getByLabel('Lý do (ghi vào nhật ký truy cập)').inputValue(), '', 'a withdrawal says its own reason');
    await form.getByLabel('Lý do (ghi vào nhật ký truy cập)').fill('công bố nhầm giờ');
    await form.getByRole('button', { name: 'Rút thông báo' }).click();
    await page.getByTestId('notices-done').filter({ hasText: 'Đã rút thông báo tại Chợ Xà No' }).waitFor();
    const item = page.getByTestId('notice-item').filter({ hasText: 'Chợ Xà No' });
    await item.and(page.locator('[data-status="withdrawn"]')).waitFor();
    assert.match(await item.innerText(), /đã rút[\s\S]*Lý do rút: công bố nhầm giờ/);
    assert.equal(await item.getByRole('button', { name: 'Rút thông báo' }).count(), 0);
    assert.ok(!(await openList()).some((n) => n.id === noticeId), 'gone from the public list');
    await shot(page, '03-withdrawn');
  });

  test('a contact the case names is added from the search or registered on the spot, as an F1 to review', async () => {
    const patient = await person('Hà Văn Kể');
    const named = await person('Giang Thị Được');
    const found = await recordCase(patient);
    const page = await staffPage();
    const casePage = new CasePage(page);
    await casePage.open(found.id);
    await casePage.giveReadReason(REASON);
    const section = page.getByTestId('named-contact');

    await section.getByTestId('named-open').click();
    await section.getByLabel('Người tiếp xúc').fill(named.nationalId ?? '');
    await section.getByRole('button', { name: 'Tìm kiếm' }).click();
    await section.getByRole('button', { name: /^Giang Thị Được/ }).click();
    await section.getByTestId('named-person-chosen').waitFor();
    await section.getByLabel('Ghi chú (VD: nơi gặp)').fill('ăn cơm cùng ngày 1/8');
    await section.getByRole('button', { name: 'Thêm vào danh sách' }).click();
    await page.getByTestId('named-added').filter({ hasText: 'Đã thêm Giang Thị Được' }).waitFor();
    await casePage.row('Giang Thị Được').waitFor();
    assert.match(await casePage.row('Giang Thị Được').innerText(), /F1[\s\S]*Chờ xác minh[\s\S]*Ca bệnh khai báo/);

    // someone without a record: registered here, then added
    await section.getByTestId('named-open').click();
    await section.getByTestId('named-register').click();
    const fresh = section.getByTestId('new-person');
    await fresh.getByLabel('Họ và tên').fill('Mông Văn Mới');
    await fresh.getByLabel('Số CCCD (12 chữ số)').fill(nationalIdFor(1992, 'male'));
    await fresh.getByLabel('Năm sinh (khi không rõ ngày)').fill('1992');
    await fresh.getByLabel('Giới tính').selectOption('male');
    await fresh.locator('#person-communeCode').selectOption({ index: 1 });
    await fresh.getByRole('button', { name: 'Lưu hồ sơ và chọn người này' }).click();
    await section.getByTestId('named-person-chosen').filter({ hasText: 'Mông Văn Mới (1992)' }).waitFor();
    await section.getByLabel('Nguồn thông tin').selectOption('imported');
    await section.getByRole('button', { name: 'Thêm vào danh sách' }).click();
    await casePage.row('Mông Văn Mới').waitFor();
    assert.match(await casePage.row('Mông Văn Mới').innerText(), /Danh sách chuyển đến/);

    // the same person twice: refused, with the way to the contact already there
    await section.getByTestId('named-open').click();
    await section.getByLabel('Người tiếp xúc').fill(named.nationalId ?? '');
    await section.getByRole('button', { name: 'Tìm kiếm' }).click();
    await section.getByRole('button', { name: /^Giang Thị Được/ }).click();
    await section.getByRole('button', { name: 'Thêm vào danh sách' }).click();
    await section.getByText('Người này đã có trong danh sách người tiếp xúc của ca bệnh.').waitFor();
    await section.getByRole('link', { name: 'Mở hồ sơ người tiếp xúc đã có' }).click();
    await page.getByRole('heading', { level: 1, name: 'Người tiếp xúc F1: Giang Thị Được' }).waitFor();
    await shot(page, '04-named');
  });
});
