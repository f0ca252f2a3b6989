import type { Download, Locator, Page } from 'playwright-core';

/** Staff screen of the QR check-in points: list, form, the code and its poster, CSV import. */
export class VenuesPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('/staff/venues');
    await this.page.getByRole('heading', { level: 1, name: 'Điểm quét mã QR' }).waitFor();
  }

  get form(): Locator {
    return this.page.getByTestId('venue-form');
  }

  async startNew(): Promise<void> {
    await this.page.getByRole('button', { name: 'Thêm điểm', exact: true }).click();
    await this.form.waitFor();
  }

  async fill(values: { name: string; kind?: string; communeCode: string; lat: string; lon: string; address?: string; dwell?: string }): Promise<void> {
    if (values.kind) await this.form.getByLabel('Loại', { exact: true }).selectOption({ label: values.kind });
    await this.form.getByLabel('Tên', { exact: true }).fill(values.name);
    if (values.address) await this.form.getByLabel('Địa chỉ', { exact: true }).fill(values.address);
    await this.form.locator('#venue-commune').selectOption(values.communeCode);
    await this.form.getByLabel('Vĩ độ', { exact: true }).fill(values.lat);
    await this.form.getByLabel('Kinh độ', { exact: true }).fill(values.lon);
    if (values.dwell) await this.form.locator('#venue-dwell').fill(values.dwell);
  }

  async save(): Promise<void> {
    await this.form.getByRole('button', { name: 'Lưu', exact: true }).click();
  }

  fieldError(field: string): Locator {
    return this.page.locator(`[data-field-error="venue-${field}"]`);
  }

  async search(text: string): Promise<void> {
    await this.page.getByLabel('Tìm theo tên hoặc mã').fill(text);
  }

  get total(): Locator {
    return this.page.getByTestId('venues-total');
  }

  row(name: string): Locator {
    return this.page.getByTestId('venues-table').locator('tbody tr').filter({ has: this.page.getByRole('rowheader', { name }) });
  }

  /** The QR dialog: opened after creating a venue, or from a row. */
  get qrDialog(): Locator {
    return this.page.getByTestId('venue-qr');
  }

  async openQr(name: string): Promise<void> {
    await this.row(name).getByRole('button', { name: 'Mã QR' }).click();
    await this.qrDialog.waitFor();
  }

  /** The URL the drawn QR encodes (the canvas carries it for tests and assistive tools). */
  async qrText(): Promise<string> {
    return (await this.qrDialog.locator('canvas.venue-qr').getAttribute('data-qr-text')) ?? '';
  }

  /** The drawn QR's pixels, to decode in the test. */
  async qrPixels(): Promise<{ data: number[]; width: number; height: number }> {
    return this.qrDialog.locator('canvas.venue-qr').evaluate((canvas: HTMLCanvasElement) => {
      const image = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      return { data: [...image.data], width: image.width, height: image.height };
    });
  }

  async downloadPoster(): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.qrDialog.getByRole('button', { name: 'Tải áp phích (PDF)' }).click();
    return download;
  }

  get reissueDialog(): Locator {
    return this.page.getByTestId('reissue-dialog');
  }

  async reissue(reason: string): Promise<void> {
    await this.qrDialog.getByRole('button', { name: 'Cấp lại mã' }).click();
    await this.reissueDialog.waitFor();
    await this.reissueDialog.getByLabel(/Lý do/).fill(reason);
    await this.reissueDialog.getByRole('button', { name: 'Cấp lại mã' }).click();
    await this.reissueDialog.waitFor({ state: 'detached' });
  }

  async closeQr(): Promise<void> {
    await this.qrDialog.getByRole('button', { name: 'Đóng cửa sổ' }).click();
    await this.qrDialog.waitFor({ state: 'detached' });
  }

  async upload(name: string, csv: string): Promise<void> {
    const open = this.page.getByRole('button', { name: 'Nhập từ CSV' });
    if ((await open.getAttribute('aria-expanded')) !== 'true') await open.click();
    await this.page.getByLabel('Chọn tệp CSV').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  }

  get importProgress(): Locator {
    return this.page.getByTestId('import-progress');
  }

  get importDone(): Locator {
    return this.page.getByTestId('import-done');
  }

  get importProblems(): Locator {
    return this.page.getByTestId('import-problems');
  }
}
