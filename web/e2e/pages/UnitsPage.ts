import type { Locator, Page } from 'playwright-core';

export class UnitsPage {
  constructor(readonly page: Page) {}

  get tree(): Locator {
    return this.page.getByTestId('unit-tree');
  }

  get table(): Locator {
    return this.page.getByTestId('unit-table');
  }

  treeNode(name: string): Locator {
    return this.tree.getByRole('button', { name: new RegExp(`^${name}`) });
  }

  tableRow(name: string): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name, exact: true }) });
  }

  async filterText(text: string): Promise<void> {
    await this.page.getByLabel('Lọc theo mã hoặc tên').fill(text);
  }
}
