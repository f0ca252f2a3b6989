// Browser tests: the built web app served by the real server, driven in headless Chromium.
// Run from the repository root after `npm run build -w web`:
//   node --import tsx --test web/e2e/app.test.ts
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { buildPerson, nationalIdFor, searchPeople } from './api';
import { DuplicatesPage } from './pages/DuplicatesPage';
import { LoginPage } from './pages/LoginPage';
import { PeoplePage } from './pages/PeoplePage';
import { PersonDetailPage } from './pages/PersonDetailPage';
import { PersonFormPage } from './pages/PersonFormPage';
import { UnitsPage } from './pages/UnitsPage';
import { browserSuite } from './suite';

const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase();

describe('Vigil web app', () => {
  const suite = browserSuite();

  async function open(viewport?: { width: number; height: number }): Promise<Page> {
    const page = await suite.open(viewport);
    return page;
  }

  async function signedIn(viewport?: { width: number; height: number }) {
    const page = await open(viewport);
    const shell = await new LoginPage(page).signIn('admin', suite.server.adminPassword);
    return { page, shell };
  }

  test('the server serves the built app, also on deep links', async () => {
    for (const url of ['/', '/people/new']) {
      const response = await fetch(`${suite.server.baseUrl}${url}`);
      assert.equal(response.status, 200, url);
      assert.match(await response.text(), /<div id="root">/, url);
    }
  });

  test('a wrong password shows the server message and stays on sign-in', async () => {
    const page = await open();
    const login = new LoginPage(page);
    await login.open();
    await login.submit('nobody-here', 'wrong-password');
    await login.error.waitFor();
    assert.ok((await login.error.textContent())?.trim(), 'an error message is shown');
    assert.equal(new URL(page.url()).pathname, '/login');
  });

  test('admin signs in and sees the demo banner and who is signed in', async () => {
    const { shell } = await signedIn();
    await shell.demoBanner.waitFor();
    assert.match((await shell.demoBanner.textContent()) ?? '', /DỮ LIỆU MẪU — demo data/);
    const user = (await shell.user.textContent()) ?? '';
    assert.match(user, /admin/);
    assert.match(user, /Quản trị viên/);
    await shell.page.getByText('sắp có').first().waitFor();
  });

  test('a demo staff user changes their password on the account screen', async () => {
    const page = await open();
    await new LoginPage(page).signIn('demo.viewer.93', 'vigil-demo-2021');
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).first().click();
    await page.getByLabel('Mật khẩu hiện tại').fill('wrong password');
    await page.getByLabel('Mật khẩu mới', { exact: true }).fill('a brand new password');
    await page.getByLabel('Nhập lại mật khẩu mới').fill('a brand new password');
    await page.getByRole('button', { name: 'Lưu mật khẩu mới' }).click();
    await page.getByText('không đúng').waitFor();
    await page.getByLabel('Mật khẩu hiện tại').fill('vigil-demo-2021');
    await page.getByRole('button', { name: 'Lưu mật khẩu mới' }).click();
    await page.getByText('Đã đổi mật khẩu.').waitFor();
    const login = await fetch(`${suite.server.baseUrl}/api/v1/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'demo.viewer.93', password: 'a brand new password' }),
    });
    assert.equal(login.status, 200);
  });

  test('Units shows Vị Thanh in the tree and the table', async () => {
    const { page, shell } = await signedIn();
    await shell.go('Đơn vị');
    await shell.heading('Đơn vị hành chính').waitFor();
    const units = new UnitsPage(page);
    await units.treeNode('Thành phố Vị Thanh').waitFor();
    await units.filterText('vi thanh');
    await units.tableRow('Thành phố Vị Thanh').waitFor();
  });

  test('People search without diacritics finds names with diacritics', async () => {
    const people = await searchPeople(suite.server.baseUrl, suite.token);
    const known = people.find((person) => fold(person.fullName) !== person.fullName.toLowerCase())
      ?? (await buildPerson(suite.server.baseUrl, suite.token));
    const { page, shell } = await signedIn();
    await shell.go('Người dân');
    const search = new PeoplePage(page);
    await search.search(fold(known.fullName));
    await search.resultLink(known.fullName).first().waitFor();
  });

  test('a new person first shows the server field error, then is saved', async () => {
    const { page } = await signedIn();
    const form = new PersonFormPage(page);
    await form.open();
    await form.fill({ fullName: 'Huỳnh Thị Bích Ngọc', nationalId: '12345', birthYear: '1992', sex: 'female' });
    await form.submit();
    await form.fieldError('nationalId').waitFor();
    assert.ok((await form.fieldError('nationalId').textContent())?.trim());

    await page.getByLabel('Số CCCD (12 chữ số)').fill(nationalIdFor(1992, 'female'));
    await form.submit();
    const detail = new PersonDetailPage(page);
    await detail.name.waitFor();
    assert.equal(await detail.name.textContent(), 'Huỳnh Thị Bích Ngọc');
    assert.match(new URL(page.url()).pathname, /^\/people\/[0-9a-f-]{36}$/);
  });

  test("a person's detail page shows the record, household and organisations", async () => {
    const person = await buildPerson(suite.server.baseUrl, suite.token, { fullName: 'Phạm Văn Đức' });
    const { page, shell } = await signedIn();
    await shell.go('Người dân');
    const search = new PeoplePage(page);
    await search.search(person.nationalId ?? '');
    await search.resultLink('Phạm Văn Đức').click();
    const detail = new PersonDetailPage(page);
    await detail.name.waitFor();
    assert.equal(await detail.fact('Số CCCD').textContent(), person.nationalId);
    await detail.section('Hộ gia đình').waitFor();
    await detail.section('Cơ quan, tổ chức').waitFor();
  });

  test('merging a duplicate pair asks for a reason, then merges', async () => {
    const { page } = await signedIn();
    const duplicates = new DuplicatesPage(page);
    await duplicates.open();
    await duplicates.pairs.first().waitFor();
    await duplicates.mergeFirstIntoLeft();
    await duplicates.dialog.getByRole('button', { name: 'Xác nhận gộp' }).click();
    await duplicates.dialog.getByText('Vui lòng ghi lý do gộp.').waitFor();
    await duplicates.confirm('Cùng một người, nhập hai lần');
    await duplicates.notice.waitFor();
    assert.match((await duplicates.notice.textContent()) ?? '', /Đã gộp hồ sơ/);
  });

  test('at 360 px the navigation collapses into a working menu', async () => {
    const { page, shell } = await signedIn({ width: 360, height: 740 });
    await shell.menuButton.waitFor();
    assert.equal(await shell.nav.isVisible(), false, 'the menu starts closed');
    await shell.menuButton.click();
    assert.equal(await shell.menuButton.getAttribute('aria-expanded'), 'true');
    await shell.navLink('Đơn vị').click();
    await shell.heading('Đơn vị hành chính').waitFor();
    assert.equal(await shell.nav.isVisible(), false, 'the menu closes after choosing');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
  });

  test('switching to English relabels the app and is remembered', async () => {
    const { page, shell } = await signedIn();
    await shell.switchLanguage('EN');
    await shell.navLink('People').waitFor();
    await shell.navLink('Units').waitFor();
    await page.getByRole('button', { name: 'Sign out' }).filter({ visible: true }).waitFor();
    await page.reload();
    await shell.navLink('Units').waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  });
});
