// Browser test of the rule-set screen: the list, one rule set with its unconfirmed parts, and
// creating an adjusted rule set with the server's field errors shown per field.
//   node scripts/run-tests.mjs web/e2e/rulesets.test.ts
// Screenshots for looking at the layout by eye: set VIGIL_SHOTS_DIR.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { LoginPage } from './pages/LoginPage';
import { RuleSetsPage } from './pages/RuleSetsPage';
import { browserSuite } from './suite';

const shotsDir = process.env.VIGIL_SHOTS_DIR;

describe('Epidemic-level rule sets', () => {
  const suite = browserSuite();

  before(() => {
    if (shotsDir) mkdirSync(shotsDir, { recursive: true });
  });

  async function signedIn(viewport?: { width: number; height: number }): Promise<{ page: Page; ruleSets: RuleSetsPage }> {
    const page = await suite.open(viewport);
    await new LoginPage(page).signIn('admin', suite.server.adminPassword);
    return { page, ruleSets: new RuleSetsPage(page) };
  }

  async function shot(page: Page, name: string) {
    if (shotsDir) await page.screenshot({ path: path.join(shotsDir, `${name}.png`), fullPage: true });
  }

  const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

  test('an adjusted rule set is created from qd-4800-2021, after a field error for descending bands', async () => {
    const { page, ruleSets } = await signedIn({ width: 360, height: 740 });
    await page.goto('/levels');
    await page.getByRole('navigation', { name: 'Các bước' }).getByRole('link', { name: 'Bộ tiêu chí' }).click();
    await ruleSets.list.waitFor();

    // The provisional 218 marks its unconfirmed parts.
    await ruleSets.item('qd-218-2022').click();
    await ruleSets.detail.getByRole('heading', { name: /qd-218-2022/ }).waitFor();
    await ruleSets.detail.getByTestId('rule-set-unconfirmed').waitFor();
    assert.equal(await ruleSets.detail.getByTestId('unconfirmed-caseBands').textContent(), 'chưa xác nhận');
    assert.match((await ruleSets.detail.textContent()) ?? '', /Theo số liệu cộng dồn của chính huyện\/tỉnh \(mặc định\)/);
    assert.ok((await overflow(page)) <= 0, `the rule set is ${await overflow(page)}px wider than the screen`);
    await shot(page, '360-rule-set-218');

    await ruleSets.item('qd-4800-2021').click();
    await ruleSets.detail.getByRole('heading', { name: /qd-4800-2021/ }).waitFor();
    await ruleSets.startCreating();
    assert.equal(await ruleSets.field('coverageThreshold').inputValue(), '70');
    await ruleSets.field('id').fill('hau-giang-2021-11');
    await ruleSets.field('name').fill('Hậu Giang: ngưỡng bao phủ 60 %');
    await ruleSets.field('effectiveFrom').fill('2021-11-15');
    await ruleSets.field('coverageThreshold').fill('60');
    await ruleSets.field('parentDerivation').selectOption('highestChildLevel');
    await ruleSets.field('source').fill('Quyết định của UBND tỉnh Hậu Giang (thử nghiệm)');
    // Descending bands: the server names caseBands, shown under the bands in Vietnamese.
    await ruleSets.field('band3').fill('10');
    await ruleSets.submit();
    await ruleSets.fieldError('caseBands').waitFor();
    assert.equal(
      await ruleSets.fieldError('caseBands').textContent(),
      'ba ngưỡng phải là số không âm, tăng dần (mức 2 < mức 3 < mức 4)',
    );
    assert.ok((await overflow(page)) <= 0, `the form is ${await overflow(page)}px wider than the screen`);
    await shot(page, '360-rule-set-error');

    await ruleSets.field('band3').fill('50');
    await ruleSets.submit();
    await ruleSets.notice.getByText('Đã tạo bộ tiêu chí hau-giang-2021-11, hiệu lực từ 15/11/2021.').waitFor();
    await ruleSets.detail.getByRole('heading', { name: /hau-giang-2021-11/ }).waitFor();
    assert.match((await ruleSets.detail.textContent()) ?? '', /đạt nếu từ 60%/);
    await shot(page, '360-rule-set-created');

    const response = await fetch(`${suite.server.baseUrl}/api/v1/levels/rule-sets/hau-giang-2021-11`, { headers: { authorization: `Bearer ${suite.token}` } });
    assert.equal(response.status, 200);
    const stored = (await response.json()) as Record<string, any>;
    assert.equal(stored.coverage.highIfAtLeast, 0.6);
    assert.deepEqual(stored.caseBands, [20, 50, 150]);
    assert.equal(stored.basedOn, 'qd-4800-2021');
    assert.equal(stored.parentDerivation, 'highestChildLevel');
    assert.equal(stored.effectiveFrom, '2021-11-15');
    assert.equal(stored.builtIn, false);

    // The same id again: the server's 409 is shown on the id field.
    await ruleSets.item('qd-4800-2021').click();
    await ruleSets.startCreating();
    await ruleSets.field('id').fill('hau-giang-2021-11');
    await ruleSets.field('name').fill('Lặp lại');
    await ruleSets.field('effectiveFrom').fill('2021-12-01');
    await ruleSets.submit();
    await ruleSets.fieldError('id').getByText('mã này đã được dùng; bộ tiêu chí không sửa được, hãy chọn mã khác').waitFor();
  });
});
