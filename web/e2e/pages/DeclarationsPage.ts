import type { Locator, Page } from 'playwright-core';

/** Staff screen of health declarations: counts per checkpoint and day, flagged declarations. */
export class DeclarationsPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('/staff/declarations');
    await this.page.getByRole('heading', { level: 1, name: 'Tờ khai y tế tại các chốt' }).waitFor();
  }

  summaryRow(checkpoint: string): Locator {
    return this.page.getByTestId('decl-summary').locator('tbody tr').filter({ has: this.page.getByRole('rowheader', { name: checkpoint }) });
  }

  async showFlagged(checkpoint: string): Promise<void> {
    await this.summaryRow(checkpoint).getByRole('button', { name: 'Xem tờ khai có cảnh báo' }).click();
  }

  get reasonForm(): Locator {
    return this.page.getByTestId('read-reason');
  }

  async giveReason(reason: string): Promise<void> {
    await this.reasonForm.getByLabel('Lý do xem thông tin cá nhân').fill(reason);
    await this.reasonForm.getByRole('button', { name: 'Xem', exact: true }).click();
  }

  get flagged(): Locator {
    return this.page.getByTestId('flagged-list');
  }

  flaggedRow(name: string): Locator {
    return this.flagged.locator('tbody tr').filter({ has: this.page.getByRole('rowheader', { name }) });
  }
}
