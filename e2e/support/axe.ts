import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';

const require = createRequire(import.meta.url);
// Evaluated rather than added as a <script>: the app's CSP (script-src 'self') rightly refuses inline scripts.
const AXE_SOURCE = readFileSync(require.resolve('axe-core'), 'utf8');
/** WCAG 2.0, 2.1 and 2.2, levels A and AA (every screen in accessibility.spec.ts). */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** axe-core's WCAG A/AA violations on the page as it is now, one line per element. */
export async function axeViolations(page: Page): Promise<string[]> {
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
