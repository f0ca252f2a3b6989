import type { Locator, Page } from 'playwright-core';

/** The epidemic-level screens: weekly figures, draft review and publication, history per unit. */
export class LevelsPage {
  constructor(readonly page: Page) {}

  async open(week: string, unit: string, view: 'inputs' | 'draft' = 'inputs'): Promise<void> {
    await this.page.goto(`/levels?week=${week}&unit=${unit}${view === 'draft' ? '&view=draft' : ''}`);
    await this.page.getByRole('heading', { level: 1, name: 'Cấp độ dịch' }).waitFor();
    await this.page.getByTestId(view === 'draft' ? 'levels-draft' : 'levels-inputs').waitFor();
  }

  tab(name: RegExp): Locator {
    return this.page.getByRole('navigation', { name: 'Các bước' }).getByRole('link', { name });
  }

  // Weekly figures
  get inputsForm(): Locator {
    return this.page.getByTestId('levels-inputs');
  }

  row(code: string): Locator {
    return this.inputsForm.locator(`tr[data-unit="${code}"]`);
  }

  cell(code: string, field: string): Locator {
    return this.page.locator(`#in-${code}-${field}`);
  }

  cellError(code: string, field: string): Locator {
    return this.page.locator(`[data-field-error="in-${code}-${field}"]`);
  }

  async saveInputs(): Promise<void> {
    await this.page.getByRole('button', { name: /^Lưu số liệu tuần/ }).click();
  }

  // Draft review
  get draft(): Locator {
    return this.page.getByTestId('levels-draft');
  }

  get assessment(): Locator {
    return this.page.getByTestId('assessment');
  }

  get computeError(): Locator {
    return this.page.getByTestId('compute-error');
  }

  async compute(): Promise<void> {
    await this.draft.getByRole('button', { name: /^Tính (lại )?dự thảo$/ }).click();
  }

  result(code: string): Locator {
    return this.page.getByTestId(`result-${code}`);
  }

  badge(code: string): Locator {
    return this.result(code).locator('.level-badge').first();
  }

  async startAdjusting(code: string): Promise<Locator> {
    await this.result(code).getByRole('button', { name: /^Điều chỉnh/ }).click();
    const form = this.page.getByTestId(`adjust-${code}`);
    await form.waitFor();
    return form;
  }

  async adjust(code: string, levelName: string, reason: string): Promise<void> {
    const form = await this.startAdjusting(code);
    await form.getByLabel('Cấp độ', { exact: true }).selectOption({ label: levelName });
    await form.getByLabel('Lý do điều chỉnh (bắt buộc)').fill(reason);
    await form.getByRole('button', { name: 'Lưu điều chỉnh' }).click();
  }

  get publishDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Công bố cấp độ dịch' });
  }

  async publish(effectiveFrom: string): Promise<void> {
    await this.draft.getByRole('button', { name: 'Công bố', exact: true }).click();
    await this.publishDialog.waitFor();
    await this.publishDialog.getByLabel('Có hiệu lực từ ngày').fill(effectiveFrom);
    // the date as people write it in Vietnam, whatever the browser's date field shows
    const [year, month, day] = effectiveFrom.split('-');
    await this.publishDialog.getByText(`Cấp độ được áp dụng từ ngày ${day}/${month}/${year}.`).waitFor();
    await this.publishDialog.getByRole('button', { name: 'Xác nhận công bố' }).click();
  }

  get notice(): Locator {
    return this.page.locator('.notice-success');
  }
}
