import type { Locator, Page } from 'playwright-core';

/** Staff screen of the map's places: list, form with position, CSV import. */
export class StaffPlacesPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('/staff/places');
    await this.page.getByRole('heading', { level: 1, name: 'Địa điểm trên bản đồ' }).waitFor();
  }

  get form(): Locator {
    return this.page.getByTestId('place-form');
  }

  async startNew(): Promise<void> {
    await this.page.getByRole('button', { name: 'Thêm địa điểm' }).click();
    await this.form.waitFor();
  }

  async fill(values: { name: string; kind?: string; communeCode: string; lat: string; lon: string; address?: string }): Promise<void> {
    if (values.kind) await this.form.getByLabel('Loại', { exact: true }).selectOption({ label: values.kind });
    await this.form.getByLabel('Tên', { exact: true }).fill(values.name);
    if (values.address) await this.form.getByLabel('Địa chỉ', { exact: true }).fill(values.address);
    await this.form.locator('#place-commune').selectOption(values.communeCode);
    await this.form.getByLabel('Vĩ độ', { exact: true }).fill(values.lat);
    await this.form.getByLabel('Kinh độ', { exact: true }).fill(values.lon);
  }

  async save(): Promise<void> {
    await this.form.getByRole('button', { name: 'Lưu', exact: true }).click();
  }

  fieldError(field: string): Locator {
    return this.page.locator(`[data-field-error="place-${field}"]`);
  }

  row(name: string): Locator {
    return this.page.locator('table tbody tr').filter({ has: this.page.getByRole('rowheader', { name: new RegExp(name) }) });
  }

  async upload(name: string, content: string, mimeType = 'text/csv'): Promise<void> {
    await this.page.getByLabel('Nhập từ tệp CSV:').setInputFiles({ name, mimeType, buffer: Buffer.from(content, 'utf8') });
  }

  get uploadSuccess(): Locator {
    return this.page.locator('.staff-upload .notice-success');
  }

  get uploadError(): Locator {
    return this.page.locator('.staff-upload [role="alert"]');
  }
}
