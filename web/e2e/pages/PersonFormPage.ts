import type { Locator, Page } from 'playwright-core';

export interface PersonInput {
  fullName: string;
  nationalId: string;
  birthYear: string;
  sex: 'male' | 'female' | 'other';
  phone?: string;
}

/** The "new person" form; fields are found by their Vietnamese labels. */
export class PersonFormPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('/people/new');
    await this.page.getByRole('heading', { level: 1, name: 'Thêm người mới' }).waitFor();
  }

  async fill(input: PersonInput): Promise<void> {
    await this.page.getByLabel('Họ và tên').fill(input.fullName);
    await this.page.getByLabel('Số CCCD (12 chữ số)').fill(input.nationalId);
    await this.page.getByLabel('Năm sinh (khi không rõ ngày)').fill(input.birthYear);
    await this.page.getByLabel('Giới tính').selectOption(input.sex);
    if (input.phone) await this.page.getByLabel('Số điện thoại').fill(input.phone);
    await this.page.locator('#person-communeCode').selectOption({ index: 1 });
  }

  async submit(): Promise<void> {
    await this.page.getByRole('button', { name: 'Lưu hồ sơ' }).click();
  }

  /** The server's message shown under a field, e.g. fieldError('nationalId'). */
  fieldError(field: string): Locator {
    return this.page.locator(`[data-field-error="person-${field}"]`);
  }
}
