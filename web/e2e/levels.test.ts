// Browser tests of the epidemic-level screens: weekly figures, draft review with reasons,
// adjustment, publication and history, in Chromium against the real server.
//   node scripts/run-tests.mjs web/e2e/levels.test.ts
// Screenshots for looking at the layout by eye: set VIGIL_SHOTS_DIR.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { LevelsPage } from './pages/LevelsPage';
import { LoginPage } from './pages/LoginPage';
import { browserSuite } from './suite';

/** Vị Thanh (930) and its communes, all with a population in the demo data. */
const DISTRICT = '930';
const COMMUNES = ['31318', '31321', '31324', '31327', '31330', '31333', '31336', '31338', '31339'];
const shotsDir = process.env.VIGIL_SHOTS_DIR;

describe('Epidemic levels', () => {
  const suite = browserSuite();

  before(() => {
    if (shotsDir) mkdirSync(shotsDir, { recursive: true });
  });

  async function api(method: string, url: string, body?: unknown): Promise<{ status: number; body: any }> {
    const response = await fetch(`${suite.server.baseUrl}${url}`, {
      method,
      headers: { authorization: `Bearer ${suite.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  }

  /** A week's figures for the communes of Vị Thanh: all green unless `overrides` say otherwise. */
  async function enterFigures(week: string, overrides: Record<string, Record<string, unknown>> = {}) {
    const units = COMMUNES.map((code) => ({
      code, newCommunityCases7d: 0, adultsFirstDoseShare: 0.8, elderlyFullDoseShare: 0.85, capacityMet: true, ...overrides[code],
    }));
    // The district's own capacity: needed once a previous level of it was published.
    const answer = await api('PUT', `/api/v1/levels/inputs/${week}`, { units: [...units, { code: DISTRICT, capacityMet: true }] });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
  }

  async function signedIn(viewport?: { width: number; height: number }): Promise<{ page: Page; levels: LevelsPage }> {
    const page = await suite.open(viewport);
    await new LoginPage(page).signIn('admin', suite.server.adminPassword);
    return { page, levels: new LevelsPage(page) };
  }

  async function shot(page: Page, name: string) {
    if (shotsDir) await page.screenshot({ path: path.join(shotsDir, `${name}.png`), fullPage: !name.startsWith('360') });
  }

  test('the navigation leads to the levels screen, on the current week', async () => {
    const { page } = await signedIn();
    await page.locator('#app-menu nav').getByRole('link', { name: 'Cấp độ dịch', exact: true }).click();
    await page.getByTestId('levels-inputs').waitFor();
    assert.match(await page.getByLabel('Tuần', { exact: true }).inputValue(), /^\d{4}-W\d{2}$/);
  });

  test('figures are saved from the table, with the server\'s field error shown in its cell', async () => {
    await enterFigures('2021-W45');
    const { page, levels } = await signedIn();
    await levels.open('2021-W45', DISTRICT);
    assert.equal(await levels.cell('31318', 'population').inputValue(), '5628');
    assert.match((await levels.row('31318').textContent()) ?? '', /theo danh mục đơn vị/);
    assert.equal(await levels.cell('31318', 'adultsFirstDoseShare').inputValue(), '80');

    await levels.cell('31318', 'newCommunityCases7d').fill('4');
    await levels.cell('31318', 'adultsFirstDoseShare').fill('150');
    await levels.saveInputs();
    await levels.cellError('31318', 'adultsFirstDoseShare').waitFor();
    assert.equal(await levels.cellError('31318', 'adultsFirstDoseShare').textContent(), 'phải từ 0 đến 100 (%)');
    await shot(page, '1280-inputs-error');

    await levels.cell('31318', 'adultsFirstDoseShare').fill('65.5');
    await levels.saveInputs();
    await levels.notice.getByText('Đã lưu số liệu tuần 2021-W45 của 1 đơn vị.').waitFor();
    const stored = (await api('GET', '/api/v1/levels/inputs/2021-W45')).body.items.find((row: any) => row.code === '31318');
    assert.equal(stored.newCommunityCases7d, 4);
    assert.equal(stored.adultsFirstDoseShare, 0.655);
    assert.equal(stored.population, null, 'the register\'s population is not copied into the week');
  });

  test('computing with missing figures names the unit and the field', async () => {
    const { page, levels } = await signedIn();
    await levels.open('2021-W46', DISTRICT, 'draft');
    await levels.compute();
    await levels.computeError.waitFor();
    const text = (await levels.computeError.textContent()) ?? '';
    assert.match(text, /Chưa đủ số liệu tuần 2021-W46/);
    assert.match(text, /Phường I \(31318\): Ca mới trong cộng đồng \(7 ngày\) – chưa nhập/);
    await levels.computeError.getByRole('button', { name: 'Nhập số liệu còn thiếu' }).click();
    await levels.cellError('31318', 'newCommunityCases7d').waitFor();
    await shot(page, '1280-compute-missing');
  });

  test('a draft shows coloured levels with reasons; one unit is adjusted with a reason, then published and in force', async () => {
    // Phường III: 3 cases in 10,703 people (band 2), low coverage +1, elderly shortfall +1 → level 4.
    await enterFigures('2021-W47', {
      31321: { newCommunityCases7d: 3, adultsFirstDoseShare: 0.64, elderlyFullDoseShare: 0.77 },
      31324: { newCommunityCases7d: 10, adultsFirstDoseShare: 0.75, elderlyFullDoseShare: 0.9 },
    });
    const { page, levels } = await signedIn();
    await levels.open('2021-W47', DISTRICT, 'draft');
    await levels.compute();
    await levels.assessment.waitFor();

    const red = levels.badge('31321');
    assert.equal(await red.textContent(), '4Cấp 4 – Nguy cơ rất cao');
    assert.match((await red.getAttribute('class')) ?? '', /level-red/);
    const reasons = (await levels.result('31321').textContent()) ?? '';
    assert.match(reasons, /28,03 ca mới trong cộng đồng\/100\.000 dân trong 7 ngày \(3 ca, dân số 10\.703\): mức 2 \(từ 20 đến dưới 50\)/);
    assert.match(reasons, /Người từ 18 tuổi tiêm ít nhất 1 mũi 64%, dưới ngưỡng 70%: tăng 1 cấp/);
    assert.match(reasons, /Người cao tuổi tiêm đủ liều 77%, dưới ngưỡng 80%: tăng 1 cấp/);
    assert.match((await levels.badge('31318').getAttribute('class')) ?? '', /level-green/);
    assert.match((await levels.badge('31324').textContent()) ?? '', /Cấp 3 – Nguy cơ cao/);
    await page.getByTestId('assessment-warnings').getByText(/chưa được đối chiếu với văn bản chính thức/).waitFor();
    await shot(page, '1280-draft');

    // The reason is required before anything is sent.
    const form = await levels.startAdjusting('31321');
    await form.getByRole('button', { name: 'Lưu điều chỉnh' }).click();
    await form.getByText('Vui lòng ghi lý do điều chỉnh (ít nhất 5 ký tự).').waitFor();
    await form.getByRole('button', { name: 'Huỷ' }).click();
    await levels.adjust('31321', 'Cấp 3 – Nguy cơ cao', 'Ổ dịch đã được khoanh vùng trong một khu trọ');
    await levels.notice.getByText('Đã điều chỉnh Phường III: Cấp 3.').waitFor();
    assert.match((await levels.badge('31321').textContent()) ?? '', /Cấp 3 – Nguy cơ cao/);
    assert.match((await levels.result('31321').textContent()) ?? '', /điều chỉnh từ cấp 4 thành cấp 3: Ổ dịch đã được khoanh vùng/);

    await levels.publish('2021-11-22');
    await levels.notice.getByText('Đã công bố cấp độ dịch tuần 2021-W47; có hiệu lực từ 22/11/2021.').waitFor();
    assert.equal(await levels.assessment.getAttribute('data-status'), 'published');
    await shot(page, '1280-published');

    const current = await api('GET', '/api/v1/levels/current');
    const phuong3 = current.body.items.find((item: any) => item.unitCode === '31321');
    assert.equal(phuong3.level, 3);
    assert.equal(phuong3.computedLevel, 4);
    assert.equal(phuong3.effectiveFrom, '2021-11-22');
    assert.equal(phuong3.week, '2021-W47');

    // Publishing the same assessment again is refused.
    const again = await api('POST', `/api/v1/levels/assessments/${phuong3.assessmentId}/publish`, { effectiveFrom: '2021-11-23' });
    assert.equal(again.status, 409);

    // The unit's history shows the published level.
    await levels.result('31321').getByRole('link', { name: 'Lịch sử cấp độ của Phường III' }).click();
    await page.getByRole('heading', { level: 1, name: 'Lịch sử cấp độ dịch: Phường III' }).waitFor();
    await page.getByTestId('level-timeline').waitFor();
    assert.match((await page.getByTestId('history-table').textContent()) ?? '', /22\/11\/2021.*Cấp 3 – Nguy cơ cao.*2021-W47/);
    await shot(page, '1280-history');
  });

  test('at 360 px the figures and the draft fit the screen without sideways scrolling', async () => {
    await enterFigures('2021-W48', { 31321: { newCommunityCases7d: 3, adultsFirstDoseShare: 0.64, elderlyFullDoseShare: 0.77 } });
    const { page, levels } = await signedIn({ width: 360, height: 740 });
    const overflow = () => page.evaluate(() => {
      const widest = Math.max(...[...document.querySelectorAll<HTMLElement>('.table-scroll')].map((el) => el.scrollWidth - el.clientWidth), 0);
      return Math.max(document.documentElement.scrollWidth - window.innerWidth, widest);
    });
    await levels.open('2021-W48', DISTRICT);
    await levels.cell('31318', 'newCommunityCases7d').waitFor();
    assert.ok((await overflow()) <= 0, `the figures are ${await overflow()}px wider than the screen`);
    await shot(page, '360-inputs');
    await levels.tab(/Dự thảo và công bố/).click();
    await levels.compute();
    await levels.assessment.waitFor();
    assert.ok((await overflow()) <= 0, `the draft is ${await overflow()}px wider than the screen`);
    await shot(page, '360-draft');
    await levels.draft.getByRole('button', { name: 'Công bố', exact: true }).click();
    await levels.publishDialog.waitFor();
    await shot(page, '360-publish-dialog');
  });
});
