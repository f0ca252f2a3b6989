import type { Locator, Page } from 'playwright-core';

/** Staff screen of lockdown zones and isolation areas: GeoJSON import, list, lift. */
export class StaffZonesPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('/staff/zones');
    await this.page.getByRole('heading', { level: 1, name: 'Khu phong tỏa và khu cách ly y tế' }).waitFor();
  }

  async upload(name: string, content: string): Promise<void> {
    await this.page.getByLabel('Nhập từ tệp GeoJSON:').setInputFiles({ name, mimeType: 'application/geo+json', buffer: Buffer.from(content, 'utf8') });
  }

  get uploadSuccess(): Locator {
    return this.page.locator('.staff-upload .notice-success');
  }

  get uploadError(): Locator {
    return this.page.locator('.staff-upload [role="alert"]');
  }

  row(name: string): Locator {
    return this.page.locator('table tbody tr').filter({ has: this.page.getByRole('rowheader', { name }) });
  }
}
