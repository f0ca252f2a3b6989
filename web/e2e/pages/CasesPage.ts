import type { Locator, Page } from 'playwright-core';

/** `/staff/cases`: the case list and the form that records a case. */
export class CasesPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('/staff/cases');
    await this.page.getByTestId('cases-screen').waitFor();
  }

  get table(): Locator {
    return this.page.getByTestId('cases-table');
  }

  /** Records a case for the person found by `search` (their CCCD), confirmed at the default time (now). */
  async recordCase(search: string, personName: string): Promise<void> {
    await this.page.getByRole('button', { name: '+ Ghi nhận ca bệnh' }).click();
    const form = this.page.getByTestId('case-form');
    await form.getByLabel('Người bệnh').fill(search);
    await form.getByRole('button', { name: 'Tìm kiếm' }).click();
    await form.getByRole('button', { name: new RegExp(`^${personName}`) }).click();
    await form.getByTestId('case-person-chosen').waitFor();
    await form.getByRole('button', { name: 'Lưu ca bệnh' }).click();
  }
}
