import type { Locator, Page } from 'playwright-core';

export class DuplicatesPage {
  constructor(readonly page: Page) {}

  get pairs(): Locator {
    return this.page.getByTestId('duplicate-pair');
  }

  get dialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Gộp hồ sơ' });
  }

  get notice(): Locator {
    return this.page.locator('.notice-success');
  }

  async open(): Promise<void> {
    await this.page.goto('/people/duplicates');
    await this.page.getByRole('heading', { level: 1, name: 'Hồ sơ nghi trùng lặp' }).waitFor();
  }

  /** Starts merging the first pair into its first record; the confirmation dialog opens. */
  async mergeFirstIntoLeft(): Promise<void> {
    await this.pairs.first().getByRole('button', { name: /^Gộp vào hồ sơ này/ }).first().click();
    await this.dialog.waitFor();
  }

  async confirm(reason: string): Promise<void> {
    await this.dialog.getByLabel('Lý do gộp (bắt buộc)').fill(reason);
    await this.dialog.getByRole('button', { name: 'Xác nhận gộp' }).click();
  }
}
