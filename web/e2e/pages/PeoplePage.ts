import type { Locator, Page } from 'playwright-core';

export class PeoplePage {
  constructor(readonly page: Page) {}

  get results(): Locator {
    return this.page.getByTestId('people-table');
  }

  async search(text: string): Promise<void> {
    await this.page.getByLabel('Tìm theo số CCCD, số điện thoại hoặc họ tên').fill(text);
    await this.page.getByRole('search').getByRole('button', { name: 'Tìm kiếm' }).click();
    await this.page.waitForURL((url) => url.searchParams.get('q') === text);
    await this.page.locator('[aria-busy="false"] [data-testid="people-total"]').waitFor();
  }

  resultLink(fullName: string): Locator {
    return this.results.getByRole('link', { name: fullName, exact: true });
  }
}
