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

  /** The warning shown when a check-in on this phone meets a public exposure notice. */
  get exposureWarning(): Locator {
    return this.page.getByTestId('exposure-warning');
  }

  get exposureMatches(): Locator {
    return this.page.getByTestId('exposure-match');
  }

  /** The calm line: compared, nothing matched (with the time of the list). */
  get exposureNone(): Locator {
    return this.page.getByTestId('exposure-none');
  }

  async forget(): Promise<void> {
    await this.page.getByRole('button', { name: 'Quên thông tin trên máy này' }).click();
    await this.page.getByTestId('forget-confirm').click();
  }
}
