// One browser suite: the real server (fresh embedded database, demo data), one Chromium, an
// admin token for API set-up, and pages in fresh contexts, closed when their test ends: a page
// left open keeps working (a live map redraws on every publication) and slows the next tests.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { after, afterEach, before } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { apiLogin } from './api';
import { launchBrowser, newPage } from './browser';
import { repoRoot, startServer, type RunningServer } from './server';

export interface BrowserSuite {
  server: RunningServer;
  /** the admin's bearer token */
  token: string;
  /** A page in a fresh browser context (no cookies, storage or cache), closed when the test ends. */
  open(viewport?: { width: number; height: number }): Promise<Page>;
}

/** Registers the suite's before/after hooks; the returned object is filled in by `before`. */
export function browserSuite(): BrowserSuite {
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const suite: BrowserSuite = {
    server: undefined as unknown as RunningServer,
    token: '',
    async open(viewport) {
      assert.ok(browser, 'the suite has not started');
      const { context, page } = await newPage(browser, suite.server.baseUrl, viewport);
      contexts.push(context);
      return page;
    },
  };
  before(async () => {
    assert.ok(existsSync(path.join(repoRoot, 'web/dist/index.html')), 'build the web app first: npm run build -w web');
    suite.server = await startServer();
    browser = await launchBrowser();
    suite.token = await apiLogin(suite.server.baseUrl, suite.server.adminPassword);
  }, { timeout: 180_000 });
  afterEach(async () => {
    await Promise.allSettled(contexts.splice(0).map((context) => context.close()));
  });
  after(async () => {
    await Promise.allSettled(contexts.map((context) => context.close()));
    await browser?.close();
    await (suite.server as RunningServer | undefined)?.stop();
  });
  return suite;
}
