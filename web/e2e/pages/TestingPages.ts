// Page objects of the testing screens: the collector's phone page, the laboratory and the public look-up.
import type { Locator, Page } from 'playwright-core';

export class CollectorPage {
  constructor(readonly page: Page) {}

  /** Opens the collector on a session (the sessions screen links here the same way). */
  async open(sessionId: string, sessionName: string): Promise<void> {
    await this.page.goto(`/staff/testing/collect?session=${sessionId}`);
    await this.page.getByTestId('collect-session').getByText(sessionName).waitFor();
  }

  get feedback(): Locator {
    return this.page.getByTestId('collect-feedback');
  }

  get status(): Locator {
    return this.page.getByTestId('queue-status');
  }

  get tubeCard(): Locator {
    return this.page.getByTestId('tube-card');
  }

  get rejected(): Locator {
    return this.page.getByTestId('rejected-samples');
  }

  get picker(): Locator {
    return this.page.getByTestId('represent-picker');
  }

  /** Types a tube barcode or a national ID (what a handheld scanner types) and presses Enter. */
  async type(text: string): Promise<void> {
    const input = this.page.locator('#collect-typed');
    await input.fill(text);
    await input.press('Enter');
  }

  async waitForWaiting(count: number, timeout = 20_000): Promise<void> {
    await this.page.locator(`[data-testid="queue-status"][data-waiting="${count}"]`).waitFor({ timeout });
  }

  async waitForFilled(count: number): Promise<void> {
    await this.page.locator(`[data-testid="tube-card"][data-filled="${count}"]`).waitFor();
  }

  async startCamera(): Promise<void> {
    await this.page.getByRole('button', { name: 'Bật camera' }).click();
  }

  async stopCamera(): Promise<void> {
    await this.page.getByRole('button', { name: 'Tắt camera' }).click();
  }

  async seal(): Promise<void> {
    await this.page.getByTestId('seal').click();
    await this.page.getByTestId('seal-confirm').click();
  }

  /** The tube as listed under "tubes filled on this phone". */
  deviceTube(barcode: string): Locator {
    return this.page.locator(`[data-testid="device-tubes"] li[data-barcode="${barcode}"]`);
  }
}

export class LabPage {
  constructor(readonly page: Page) {}

  async open(tab: 'receive' | 'results' | 'import' | 'retests' | 'proposals'): Promise<void> {
    await this.page.goto(`/staff/testing/lab?tab=${tab}`);
    await this.page.getByRole('heading', { level: 1, name: 'Phòng xét nghiệm' }).waitFor();
  }

  /** Chooses a CSV file made of `text` and imports it. */
  async importCsv(text: string, name = 'ket-qua.csv'): Promise<void> {
    await this.page.getByLabel('Tệp CSV', { exact: true }).setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });
    await this.page.getByRole('button', { name: 'Nhập tệp' }).click();
  }

  get importProblems(): Locator {
    return this.page.getByTestId('import-problems');
  }

  get importDone(): Locator {
    return this.page.getByTestId('import-done');
  }

  get resultForm(): Locator {
    return this.page.getByTestId('result-form');
  }

  /** Enters a tube's result by hand; `ct` by gene (N, ORF1ab, E); `reason` when it corrects another. */
  async enterResult(barcode: string, outcome: 'Âm tính' | 'Dương tính' | 'Không xác định (làm lại)', ct: Record<string, string> = {}, reason?: string): Promise<void> {
    const form = this.resultForm;
    await form.getByLabel('Mã ống').fill(barcode);
    await form.getByLabel(outcome, { exact: true }).check();
    for (const [gene, value] of Object.entries(ct)) await form.getByLabel(`Ct gen ${gene}`).fill(value);
    if (reason !== undefined) await form.getByLabel('Lý do sửa kết quả').fill(reason);
    await form.getByRole('button', { name: /Lưu kết quả/ }).click();
  }

  get saved(): Locator {
    return this.page.getByTestId('result-saved');
  }

  history(barcode: string): Locator {
    return this.page.locator(`[data-testid="tube-history"][data-barcode="${barcode}"]`);
  }
}

export class LookupPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('/results');
    await this.page.getByRole('heading', { level: 1, name: 'Tra cứu kết quả xét nghiệm' }).waitFor();
  }

  async byNationalId(nationalId: string, birthYear: number): Promise<void> {
    await this.page.getByLabel('Số CCCD (12 chữ số)').fill(nationalId);
    await this.page.getByLabel('Năm sinh').fill(String(birthYear));
    await this.page.getByRole('button', { name: 'Tra cứu', exact: true }).click();
  }

  get results(): Locator {
    return this.page.getByTestId('lookup-results');
  }
}
