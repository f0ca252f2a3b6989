import type { Locator, Page } from 'playwright-core';

/** Staff screen of the daily official figures: one unit and day by hand, or a CSV file. */
export class StaffFiguresPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('/staff/figures');
    await this.page.getByRole('heading', { level: 1, name: 'Số liệu báo cáo hằng ngày' }).waitFor();
  }

  get form(): Locator {
    return this.page.locator('form.staff-form');
  }

  async enter(values: { unitCode: string; date: string; source: string; numbers: Record<string, string> }): Promise<void> {
    await this.page.locator('#fig-unit').selectOption(values.unitCode);
    await this.page.locator('#fig-date').fill(values.date);
    await this.page.locator('#fig-source').fill(values.source);
    for (const [key, value] of Object.entries(values.numbers)) await this.page.locator(`#fig-${key}`).fill(value);
    await this.form.getByRole('button', { name: 'Lưu', exact: true }).click();
  }

  get saved(): Locator {
    return this.form.locator('.notice-success');
  }

  get error(): Locator {
    return this.form.locator('[role="alert"]');
  }

  get stored(): Locator {
    return this.page.getByText(/báo cáo trong phạm vi của bạn/);
  }
}
