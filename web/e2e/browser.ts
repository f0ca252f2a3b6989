import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export interface LaunchOptions {
  /**
   * A .y4m video Chromium shows as the camera (getUserMedia answers without asking). Without it
   * there is no camera at all.
   */
  fakeCamera?: string;
  /** false: a browser without WebGL (as on old phones), for the map's fallback. Default true. */
  webgl?: boolean;
}

export function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  const camera = options.fakeCamera
    ? ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${options.fakeCamera}`]
    : [];
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
      ...(options.webgl === false ? ['--disable-webgl', '--disable-3d-apis'] : ['--enable-unsafe-swiftshader']),
      ...camera,
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
