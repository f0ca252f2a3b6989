import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      // MapLibre draws with WebGL: SwiftShader provides it in headless Chromium
      '--enable-unsafe-swiftshader',
    ],
  });
}

/** A fresh context per test: its own localStorage, so no test sees another's session or language. */
export async function newPage(
  browser: Browser,
  baseURL: string,
  viewport = { width: 1280, height: 900 },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL, viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  return { context, page };
}
