import type { Locator, Page } from 'playwright-core';
import { AppShell } from './AppShell';

export class LoginPage {
  constructor(readonly page: Page) {}

  get error(): Locator {
    return this.page.getByTestId('login-error');
  }

  async open(): Promise<void> {
    await this.page.goto('/login');
    await this.page.getByLabel('Tên đăng nhập').waitFor();
  }

  async submit(username: string, password: string): Promise<void> {
    await this.page.getByLabel('Tên đăng nhập').fill(username);
    await this.page.getByLabel('Mật khẩu').fill(password);
    await this.page.getByRole('button', { name: 'Đăng nhập' }).click();
  }

  /** Signs in and waits for the app shell. */
  async signIn(username: string, password: string): Promise<AppShell> {
    await this.open();
    await this.submit(username, password);
    const shell = new AppShell(this.page);
    await this.page.locator('#app-menu').waitFor({ state: 'attached' });
    return shell;
  }
}
