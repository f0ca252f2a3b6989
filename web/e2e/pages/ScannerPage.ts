import type { Locator, Page } from 'playwright-core';

/** The staff scanner: venue choice, queue status, camera, typed national ID, feedback. */
export class ScannerPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('/staff/scanner');
    await this.page.getByRole('heading', { level: 1, name: 'Quét mã QR' }).waitFor();
  }

  async chooseVenue(name: string): Promise<void> {
    const chooser = this.page.getByTestId('venue-chooser');
    await chooser.getByLabel('Tìm theo tên hoặc mã').fill(name);
    await chooser.getByRole('button', { name }).click();
    await this.page.getByTestId('scanner-venue').getByText(name).waitFor();
  }

  get status(): Locator {
    return this.page.getByTestId('queue-status');
  }

  /** Waits until the queue shows `count` waiting scans. */
  async waitForWaiting(count: number, timeout = 20_000): Promise<void> {
    await this.page.locator(`[data-testid="queue-status"][data-waiting="${count}"]`).waitFor({ timeout });
  }

  get feedback(): Locator {
    return this.page.getByTestId('scan-feedback');
  }

  /** Types a national ID (or what a handheld scanner types) and presses Enter. */
  async type(text: string): Promise<void> {
    const input = this.page.getByLabel('Số CCCD (12 chữ số)');
    await input.fill(text);
    await input.press('Enter');
  }

  get cameraToggle(): Locator {
    return this.page.getByTestId('camera-toggle');
  }

  async startCamera(): Promise<void> {
    await this.page.getByRole('button', { name: 'Bật camera' }).click();
  }

  get rejected(): Locator {
    return this.page.getByTestId('rejected-scans');
  }

  get declaration(): Locator {
    return this.page.getByTestId('declaration-card');
  }
}
