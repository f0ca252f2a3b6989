import type { Locator, Page } from 'playwright-core';

/** The rule-set screen: the list, one rule set in full, and the form that creates an adjusted one. */
export class RuleSetsPage {
  constructor(readonly page: Page) {}

  async open(id?: string): Promise<void> {
    await this.page.goto(`/levels/rule-sets${id ? `?id=${id}` : ''}`);
    await this.page.getByRole('heading', { level: 1, name: 'Bộ tiêu chí đánh giá cấp độ dịch' }).waitFor();
    await this.list.waitFor();
  }

  get list(): Locator {
    return this.page.getByTestId('rule-set-list');
  }

  item(id: string): Locator {
    return this.list.locator(`[data-rule-set="${id}"] a`);
  }

  get detail(): Locator {
    return this.page.getByTestId('rule-set-detail');
  }

  get form(): Locator {
    return this.page.getByTestId('rule-set-form');
  }

  field(name: string): Locator {
    return this.form.locator(`#rs-${name}`);
  }

  fieldError(name: string): Locator {
    return this.form.locator(`[data-field-error="rs-${name}"]`);
  }

  async startCreating(): Promise<void> {
    await this.page.getByRole('button', { name: 'Tạo bộ điều chỉnh từ bộ này' }).click();
    await this.form.waitFor();
  }

  async submit(): Promise<void> {
    await this.form.getByRole('button', { name: 'Tạo bộ tiêu chí' }).click();
  }

  get notice(): Locator {
    return this.page.locator('.notice-success');
  }
}
