import type { Locator, Page } from 'playwright-core';

/** Staff screen of announcements: Markdown editor, draft → published, list. */
export class StaffAnnouncementsPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('/staff/announcements');
    await this.page.getByRole('heading', { level: 1, name: 'Soạn và đăng thông báo' }).waitFor();
  }

  get editor(): Locator {
    return this.page.getByTestId('announcement-editor');
  }

  async startNew(): Promise<void> {
    await this.page.getByRole('button', { name: 'Thông báo mới' }).click();
    await this.editor.waitFor();
  }

  async fill(values: { kind?: string; title: string; issuingBody: string; number?: string; date?: string; body: string }): Promise<void> {
    if (values.kind) await this.editor.getByLabel('Loại', { exact: true }).selectOption({ label: values.kind });
    await this.editor.getByLabel('Tiêu đề', { exact: true }).fill(values.title);
    await this.editor.getByLabel('Cơ quan ban hành', { exact: true }).fill(values.issuingBody);
    if (values.number) await this.editor.getByLabel('Số hiệu văn bản', { exact: true }).fill(values.number);
    if (values.date) await this.editor.getByLabel('Ngày văn bản', { exact: true }).fill(values.date);
    await this.editor.getByLabel('Nội dung (Markdown)', { exact: true }).fill(values.body);
  }

  async save(): Promise<void> {
    await this.editor.getByRole('button', { name: 'Lưu', exact: true }).click();
  }

  async publish(): Promise<void> {
    await this.editor.getByRole('button', { name: 'Đăng', exact: true }).click();
  }

  get notice(): Locator {
    return this.editor.locator('.notice-success');
  }

  get error(): Locator {
    return this.editor.locator('[role="alert"]');
  }
}
