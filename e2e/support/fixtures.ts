import {
  test as base,
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from '@playwright/test';
import { findChromium } from './browser';
import { startServer, type RunningServer } from './server';

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
export interface DeviceOptions {
  /**
   * The UI language this device has chosen (as if picked in the language menu), so that signing in
   * as a demo account whose language is Spanish keeps the English labels the journeys look for.
   * `null`: no choice, the app follows the account, then the browser (as a new phone would).
   */
  uiLang?: string | null;
  /** Extra context options (colorScheme, locale, viewport…). */
  context?: BrowserContextOptions;
}

export const test = base.extend<
  { newDevice: (baseURL: string, options?: DeviceOptions) => Promise<Device> },
  { browser: Browser }
>({
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
    await devicesOn(browser, use);
  },
});

type NewDevice = (baseURL: string, options?: DeviceOptions) => Promise<Device>;

/** Hands the test a `newDevice` that opens phones (contexts) in `browser`, closed afterwards. */
async function devicesOn(browser: Browser, use: (newDevice: NewDevice) => Promise<void>): Promise<void> {
  const contexts: BrowserContext[] = [];
  await use(async (baseURL, options = {}) => {
    const context = await browser.newContext({ ...PHONE, ...options.context, baseURL });
    contexts.push(context);
    const uiLang = options.uiLang === undefined ? 'en' : options.uiLang;
    // Only when nothing is chosen yet: a language picked during the test survives reloads.
    if (uiLang)
      await context.addInitScript((lang) => {
        if (!localStorage.getItem('parley.lang')) localStorage.setItem('parley.lang', lang);
      }, uiLang);
    return { context, page: await context.newPage() };
  });
  await Promise.all(contexts.map((c) => c.close()));
}

/**
 * The same, but the phones open in a browser launched for this test alone. The offline journey
 * reloads with no network and needs its service worker to answer: in CI, after some twenty spec
 * files in one browser, that reload failed in two runs of two (ERR_INTERNET_DISCONNECTED) and
 * passed on the retry, which starts a fresh browser; it never failed alone (13 runs, also under
 * load). A phone does not carry other tests' service workers either.
 */
export const testInOwnBrowser = test.extend({
  // Playwright reads a fixture's dependencies from its first parameter's pattern.
  // eslint-disable-next-line no-empty-pattern
  newDevice: async ({}, use) => {
    const launch = await findChromium();
    const browser = await chromium.launch({ ...launch, headless: true });
    try {
      await devicesOn(browser, use);
    } finally {
      await browser.close();
    }
  },
});

export { expect } from '@playwright/test';

/**
 * The app's server for the spec file that calls this: started before its first test, stopped
 * after its last (each file gets its own database, so files never see each other's posts).
 * `env` adds to the server's environment.
 */
export function serverForThisFile(env?: Record<string, string>): {
  readonly url: string;
  readonly dataDir: string;
} {
  let server: RunningServer | undefined;
  test.beforeAll(async () => {
    server = await startServer(env ? { env } : {});
  });
  test.afterAll(async () => {
    await server?.stop();
  });
  return {
    get url() {
      if (!server) throw new Error('The server starts in beforeAll: read its url inside a test.');
      return server.url;
    },
    /** Its DATA_DIR: without SMTP_URL, the e-mails it sends are .eml files in DATA_DIR/mail. */
    get dataDir() {
      if (!server) throw new Error('The server starts in beforeAll: read its dataDir inside a test.');
      return server.dataDir;
    },
  };
}
