import type { Locator, Page } from 'playwright-core';

export interface CitizenDetails {
  fullName: string;
  phone: string;
  birthYear: string;
  nationalId?: string;
  /** a commune code, or 'outside' */
  commune: string;
}

/** `/v/:code`: the page a phone's camera opens from a venue's poster. */
export class CheckinVenuePage {
  constructor(readonly page: Page) {}

  async open(path: string): Promise<void> {
    await this.page.goto(path);
    await this.page.locator('[data-testid="venue"], [data-testid="venue-problem"]').first().waitFor();
  }

  get venueName(): Locator {
    return this.page.getByTestId('venue').getByRole('heading', { level: 1 });
  }

  get problem(): Locator {
    return this.page.getByTestId('venue-problem');
  }

  get nameField(): Locator {
    return this.page.getByLabel('Họ và tên');
  }

  async fillDetails(details: CitizenDetails): Promise<void> {
    await this.nameField.fill(details.fullName);
    await this.page.getByLabel('Số điện thoại').fill(details.phone);
    await this.page.getByLabel('Năm sinh').fill(details.birthYear);
    await this.page.getByLabel('Số CCCD (không bắt buộc)').fill(details.nationalId ?? '');
    await this.page.getByLabel('Nơi ở hiện nay').selectOption(details.commune);
  }

  async submitDetails(): Promise<void> {
    await this.page.getByRole('button', { name: 'Lưu và khai báo vào' }).click();
  }

  fieldError(field: 'fullName' | 'phone' | 'birthYear' | 'nationalId' | 'commune'): Locator {
    return this.page.locator(`[data-field-error="venue-person-${field}"]`);
  }

  /** The one-tap button of a phone that knows its owner. */
  get checkInButton(): Locator {
    return this.page.getByRole('button', { name: /^(Khai báo vào|Gửi lại ngay)$/ });
  }

  get confirmation(): Locator {
    return this.page.getByTestId('checkin-done');
  }

  get queued(): Locator {
    return this.page.getByTestId('checkin-queued');
  }

  async checkOut(): Promise<void> {
    await this.confirmation.getByRole('button', { name: 'Ra về' }).click();
    await this.page.getByTestId('checkout-time').waitFor();
  }
}
