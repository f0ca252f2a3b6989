import type { Locator, Page } from 'playwright-core';

/** `/staff/cases/:id`: a case, finding its contacts, reviewing them in bulk, notices and chain. */
export class CasePage {
  constructor(readonly page: Page) {}

  async open(id: string): Promise<void> {
    await this.page.goto(`/staff/cases/${id}`);
    await this.page.getByTestId('case-screen').waitFor();
  }

  get screen(): Locator {
    return this.page.getByTestId('case-screen');
  }

  /** "Find contacts", with the reason asked for. */
  async findContacts(reason: string): Promise<void> {
    await this.page.getByTestId('propose-open').click();
    await this.page.getByLabel('Lý do (ghi vào nhật ký truy cập)').fill(reason);
    await this.page.getByTestId('propose-form').getByRole('button', { name: 'Tìm người tiếp xúc' }).click();
    await this.page.getByTestId('propose-result').waitFor();
  }

  get proposeResult(): Locator {
    return this.page.getByTestId('propose-result');
  }

  /** The reading reason asked before a list of people is shown (once per session). */
  async giveReadReason(reason: string): Promise<void> {
    await this.page.getByLabel('Lý do xem thông tin cá nhân').fill(reason);
    await this.page.getByTestId('read-reason').getByRole('button', { name: 'Xem' }).click();
  }

  get rows(): Locator {
    return this.page.getByTestId('contact-row');
  }

  row(name: string): Locator {
    return this.rows.filter({ hasText: name });
  }

  async choose(name: string): Promise<void> {
    await this.page.getByRole('checkbox', { name: `Chọn ${name}` }).check();
  }

  /** Chooses the action in the bulk form, fills the extra fields given (by label) and applies it. */
  async apply(action: string, fields: Record<string, string> = {}): Promise<void> {
    const form = this.page.getByTestId('bulk-actions');
    await form.getByLabel('Thao tác').selectOption({ label: action });
    for (const [label, value] of Object.entries(fields)) await form.getByLabel(label).fill(value);
    await form.getByRole('button', { name: new RegExp(`^${action} \\(\\d+\\)$`) }).click();
  }

  get results(): Locator {
    return this.page.getByTestId('bulk-result');
  }

  get problems(): Locator {
    return this.page.getByTestId('bulk-problems');
  }
}
