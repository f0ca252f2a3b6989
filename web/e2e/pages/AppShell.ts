import type { Locator, Page } from 'playwright-core';

/** Header, navigation, language switch and demo banner: present on every signed-in screen. */
export class AppShell {
  constructor(readonly page: Page) {}

  get demoBanner(): Locator {
    return this.page.getByTestId('demo-banner');
  }

  get menuButton(): Locator {
    return this.page.locator('button[aria-controls="app-menu"]');
  }

  get nav(): Locator {
    return this.page.locator('#app-menu nav');
  }

  navLink(name: string): Locator {
    return this.nav.getByRole('link', { name, exact: true });
  }

  /** The user block that is showing: in the header when wide, inside the menu when narrow. */
  get user(): Locator {
    return this.page.getByTestId('user-block').filter({ visible: true });
  }

  async go(name: string): Promise<void> {
    if (await this.menuButton.isVisible()) {
      if ((await this.menuButton.getAttribute('aria-expanded')) !== 'true') await this.menuButton.click();
    }
    await this.navLink(name).click();
  }

  /** Switches and waits until the page is in that language (English is fetched when first chosen). */
  async switchLanguage(code: 'VI' | 'EN'): Promise<void> {
    await this.page.getByRole('group', { name: /Ngôn ngữ|Language/ }).getByRole('button', { name: code === 'VI' ? 'Tiếng Việt' : 'English' }).click();
    await this.page.waitForFunction((lang) => document.documentElement.lang === lang, code.toLowerCase());
  }

  heading(name: string | RegExp): Locator {
    return this.page.getByRole('heading', { level: 1, name });
  }
}
