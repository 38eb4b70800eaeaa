/**
 * Screenshots of every screen in every UI language, for a person to look at (not a test):
 *
 *   npm run build -w client && npx tsx e2e/screenshots.ts /tmp/shots [--width 320] [--dark]
 *     [--only organiser] [--langs en,ar]   (screens whose name starts with…, some languages)
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
  const valueOf = (flag: string) => {
    const at = args.indexOf(flag);
    return at >= 0 ? args[at + 1] : undefined;
  };
  const only = valueOf('--only');
  const langs = valueOf('--langs')?.split(',') ?? LANGS;
  const folder = args.find(
    (a, i) => !a.startsWith('--') && !/^\d+$/.test(a) && !['--only', '--langs'].includes(args[i - 1] ?? ''),
  );
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
    for (const lang of langs) {
      const context = await browser.newContext({
        ...PHONE,
        viewport: { width, height: PHONE.viewport.height },
        colorScheme,
        baseURL: server.url,
      });
      await context.addInitScript((l) => localStorage.setItem('parley.lang', l), lang);
      const page = await context.newPage();
      for (const signedIn of [false, true]) {
        const screens = SCREENS.filter((s) => s.signedIn === signedIn && (!only || s.name.startsWith(only)));
        if (screens.length === 0) continue;
        if (signedIn) await signInByApi(context);
        for (const screen of screens) {
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
