import type { Locator, Page } from 'playwright-core';

export class PersonDetailPage {
  constructor(readonly page: Page) {}

  get root(): Locator {
    return this.page.getByTestId('person-detail');
  }

  get name(): Locator {
    return this.root.getByRole('heading', { level: 1 });
  }

  /** The value shown next to a label in the details list. */
  fact(label: string): Locator {
    return this.root.locator('dl.details > div').filter({ has: this.page.getByText(label, { exact: true }) }).locator('dd');
  }

  section(name: string): Locator {
    return this.root.getByRole('heading', { level: 2, name });
  }
}
