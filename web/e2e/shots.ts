// Screenshots of every screen at 1280 px and 360 px, for looking at the layout by eye.
//   node --import tsx web/e2e/shots.ts http://127.0.0.1:18080 <admin password> /tmp/shots
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { launchBrowser, newPage } from './browser';
import { LoginPage } from './pages/LoginPage';
import { PersonFormPage } from './pages/PersonFormPage';

const [baseUrl = 'http://127.0.0.1:18080', password = 'admin-pass-1', outDir = '/tmp/shots'] = process.argv.slice(2);
mkdirSync(outDir, { recursive: true });

const browser = await launchBrowser();
try {
  for (const width of [1280, 360]) {
    const { context, page } = await newPage(browser, baseUrl, { width, height: width > 400 ? 900 : 740 });
    const shot = (name: string) => page.screenshot({ path: path.join(outDir, `${width}-${name}.png`), fullPage: width < 400 && !name.includes('units') });
    const settle = () => page.waitForFunction(() => !document.querySelector('[role="status"].muted'));

    await page.goto('/login');
    await page.getByLabel('Tên đăng nhập').waitFor();
    await shot('01-login');
    await new LoginPage(page).signIn('admin', password);

    await page.goto('/units');
    await page.getByTestId('unit-table').waitFor();
    await shot('02-units');

    await page.goto('/people?q=nguyen');
    await page.getByTestId('people-total').waitFor();
    await shot('03-people');

    const form = new PersonFormPage(page);
    await form.open();
    await form.fill({ fullName: 'Thử Nghiệm', nationalId: '123', birthYear: '1990', sex: 'male', phone: '123' });
    await form.submit();
    await page.getByTestId('form-error').waitFor();
    await shot('04-new-person-errors');

    await page.goto('/people');
    await page.getByTestId('people-table').getByRole('link').first().click();
    await page.getByTestId('person-detail').waitFor();
    await shot('05-person');

    await page.goto('/people/duplicates');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await settle();
    await shot('06-duplicates');

    if (width < 400) {
      await page.locator('button[aria-controls="app-menu"]').click();
      await shot('07-menu-open');
    }
    await page.getByRole('button', { name: 'English' }).click();
    await page.goto('/units');
    await page.getByTestId('unit-table').waitFor();
    await shot('08-units-en');
    await context.close();
  }
} finally {
  await browser.close();
}
