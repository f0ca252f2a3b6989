import type { Locator, Page } from 'playwright-core';

/** `/me`: the citizen's personal QR, recent check-ins and saved declarations, "forget me". */
export class CheckinMePage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('/me');
    await this.page.getByRole('heading', { level: 1, name: 'Mã QR cá nhân' }).waitFor();
  }

  get qr(): Locator {
    return this.page.getByTestId('personal-qr');
  }

  get name(): Locator {
    return this.page.getByTestId('me-name');
  }

  get recentItems(): Locator {
    return this.page.getByTestId('recent-item');
  }

  get cardLink(): Locator {
    return this.page.getByTestId('card-link');
  }

  async forget(): Promise<void> {
    await this.page.getByRole('button', { name: 'Quên thông tin trên máy này' }).click();
    await this.page.getByTestId('forget-confirm').click();
  }
}
