import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { SCREENS, signInByApi } from '../support/screens';
import { startServer, type RunningServer } from '../support/server';

const require = createRequire(import.meta.url);
// Evaluated rather than added as a <script>: the app's CSP (script-src 'self') rightly refuses inline scripts.
const AXE_SOURCE = readFileSync(require.resolve('axe-core'), 'utf8');
/** WCAG 2.0, 2.1 and 2.2, levels A and AA. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

async function axe(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async (tags) => {
    const w = window as unknown as {
      axe: { run: (ctx: Document, o: object) => Promise<{ violations: Violation[] }> };
    };
    return (
      await w.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
    ).violations;
  }, TAGS);
  return violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id} (${v.impact}): ${v.help} at ${n.target.join(' ')} ${n.failureSummary ?? ''}`),
  );
}

let server: RunningServer;
test.beforeAll(async () => {
  server = await startServer();
});
test.afterAll(async () => {
  await server?.stop();
});

for (const lang of ['en', 'ar'] as const) {
  for (const colorScheme of ['light', 'dark'] as const) {
    test(`axe (WCAG 2.2 A+AA): every screen in ${lang}, ${colorScheme} theme, has no violation`, async ({
      newDevice,
    }) => {
      test.setTimeout(120_000);
      const { context, page } = await newDevice(server.url, { uiLang: lang, context: { colorScheme } });
      const found: string[] = [];
      for (const signedIn of [false, true]) {
        if (signedIn) await signInByApi(context);
        for (const screen of SCREENS.filter((s) => s.signedIn === signedIn)) {
          await screen.open(page);
          await expect(page.locator('html')).toHaveAttribute('dir', lang === 'ar' ? 'rtl' : 'ltr');
          found.push(...(await axe(page)).map((v) => `${screen.name}: ${v}`));
        }
      }
      expect(found).toEqual([]);

      // The check can fail: an input without a name on the last screen is reported.
      await page.evaluate(() => document.querySelector('main')?.append(document.createElement('input')));
      expect((await axe(page)).some((v) => v.startsWith('label '))).toBe(true);
    });
  }
}
