import { test as base, chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { findChromium } from './browser';

/** A mid-range Android phone, the device Parley is designed for. */
export const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  userAgent:
    'Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/147.0.0.0 Mobile Safari/537.36',
  locale: 'en-GB',
};

export interface Device {
  context: BrowserContext;
  page: Page;
}

/**
 * `browser` is launched with the Chromium that findChromium() picks (no browser downloads here);
 * `newDevice` opens another phone: its own cookies, storage and service worker.
 */
export const test = base.extend<{ newDevice: (baseURL: string) => Promise<Device> }, { browser: Browser }>({
  browser: [
    // Playwright reads a fixture's dependencies from its first parameter's pattern.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const launch = await findChromium();
      const browser = await chromium.launch({ ...launch, headless: true });
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],
  newDevice: async ({ browser }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (baseURL) => {
      const context = await browser.newContext({ ...PHONE, baseURL });
      contexts.push(context);
      return { context, page: await context.newPage() };
    });
    await Promise.all(contexts.map((c) => c.close()));
  },
});

export { expect } from '@playwright/test';
