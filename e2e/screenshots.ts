/**
 * Screenshots of every screen in every UI language, for a person to look at (not a test):
 *
 *   npm run build -w client && npx tsx e2e/screenshots.ts /tmp/shots [--width 320] [--dark]
 *
 * Writes <folder>/<lang>-<screen>.png, full page, on the 390×844 phone profile (or the width given).
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { findChromium } from './support/browser';
import { PHONE } from './support/fixtures';
import { SCREENS, signInByApi } from './support/screens';
import { startServer } from './support/server';

const LANGS = ['en', 'fr', 'es', 'ru', 'ar'];

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const folder = args.find((a) => !a.startsWith('--') && !/^\d+$/.test(a));
  if (!folder) {
    console.error('usage: npx tsx e2e/screenshots.ts <folder> [--width 320] [--dark]');
    process.exit(2);
  }
  const widthAt = args.indexOf('--width');
  const width = widthAt >= 0 ? Number(args[widthAt + 1]) : PHONE.viewport.width;
  const colorScheme = args.includes('--dark') ? 'dark' : 'light';
  const out = resolve(folder);
  mkdirSync(out, { recursive: true });

  const server = await startServer();
  const browser = await chromium.launch({ ...(await findChromium()), headless: true });
  try {
    for (const lang of LANGS) {
      const context = await browser.newContext({
        ...PHONE,
        viewport: { width, height: PHONE.viewport.height },
        colorScheme,
        baseURL: server.url,
      });
      await context.addInitScript((l) => localStorage.setItem('parley.lang', l), lang);
      const page = await context.newPage();
      for (const signedIn of [false, true]) {
        if (signedIn) await signInByApi(context);
        for (const screen of SCREENS.filter((s) => s.signedIn === signedIn)) {
          const file = join(out, `${lang}-${screen.name}.png`);
          try {
            await screen.open(page);
          } catch (error) {
            // Still shoot it: a screen that did not settle is worth looking at too.
            console.error(
              `${file}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
            );
          }
          await page.screenshot({ path: file, fullPage: true });
          console.info(file);
        }
      }
      await context.close();
    }
  } finally {
    await browser.close();
    await server.stop();
  }
}

await main();
