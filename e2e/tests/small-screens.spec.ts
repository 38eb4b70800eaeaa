import type { Page } from '@playwright/test';
import { expect, serverForThisFile, test } from '../support/fixtures';
import { SCREENS, signInByApi } from '../support/screens';

const server = serverForThisFile();

/** The narrowest phone WCAG 1.4.10 (reflow) asks for: 320 CSS pixels. */
const NARROW = { width: 320, height: 640 };

/**
 * The header's two rows (brand, sync state and account; then the sections) each on one line:
 * a row is on one line when every item starts above where every other one ends.
 */
async function headerRows(
  page: Page,
): Promise<{ bar: boolean; sections: boolean; height: number; sticky: boolean }> {
  return page.evaluate(() => {
    const oneLine = (selector: string) => {
      const rects = Array.from(document.querySelectorAll(selector))
        .map((e) => e.getBoundingClientRect())
        .filter((r) => r.width > 1 && r.height > 1);
      return Math.max(...rects.map((r) => r.top)) < Math.min(...rects.map((r) => r.bottom));
    };
    return {
      bar: oneLine('.nav__bar > *'),
      sections: oneLine('.nav__list > li'),
      height: document.querySelector('header')?.getBoundingClientRect().height ?? 0,
      sticky: getComputedStyle(document.querySelector('header') ?? document.body).position === 'sticky',
    };
  });
}

/**
 * What makes a screen unusable at this width: the page scrolls sideways, a control reaches past
 * the screen's edge, or a control's own text overflows its box (cut, or spilling onto another).
 */
async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const root = document.scrollingElement ?? document.documentElement;
    if (root.scrollWidth > root.clientWidth)
      problems.push(`page scrolls sideways: ${root.scrollWidth} > ${root.clientWidth}`);
    const width = document.documentElement.clientWidth;
    const controls = document.querySelectorAll<HTMLElement>(
      'a[href], button, input, select, textarea, summary, [role="button"], [tabindex="0"]',
    );
    for (const el of Array.from(controls)) {
      const rect = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      // Hidden, or visually hidden on purpose (skip link, a label's text that only names an icon).
      if (rect.width <= 1 || rect.height <= 1 || style.visibility === 'hidden') continue;
      if (el.closest('[hidden], dialog:not([open])')) continue;
      const name = `${el.tagName.toLowerCase()} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}"`;
      if (rect.left < -1 || rect.right > width + 1)
        problems.push(`${name} reaches past the screen: ${Math.round(rect.left)}…${Math.round(rect.right)}`);
      // Text fields scroll their own value; an inline link's box is its text.
      const ownsText = !['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName) && style.display !== 'inline';
      if (ownsText && el.scrollWidth > el.clientWidth + 1)
        problems.push(`${name} text overflows: ${el.scrollWidth} > ${el.clientWidth}`);
    }
    return problems;
  });
}

for (const lang of ['en', 'fr', 'es', 'ru', 'ar'] as const) {
  test(`${lang}, 320 px: the header fits in two rows on every screen, and at 200% text no screen scrolls sideways or clips a control`, async ({
    newDevice,
  }) => {
    test.setTimeout(180_000);
    const { context, page } = await newDevice(server.url, { uiLang: lang, context: { viewport: NARROW } });
    const found: string[] = [];
    for (const signedIn of [false, true]) {
      if (signedIn) await signInByApi(context);
      for (const screen of SCREENS.filter((s) => s.signedIn === signedIn)) {
        await screen.open(page);
        await expect(page.locator('html')).toHaveAttribute('lang', lang);
        const rows = await headerRows(page);
        if (!rows.bar) found.push(`${screen.name}: the header's first row wraps`);
        if (!rows.sections) found.push(`${screen.name}: the sections wrap`);
        found.push(...(await layoutProblems(page)).map((p) => `${screen.name} at 100%: ${p}`));

        // Large text as a reader sets it: every rem-sized thing doubles. Through the CSSOM, which the
        // app's CSP (style-src 'self') allows where a <style> tag would be refused; the next screen reloads.
        const rootSize = await page.evaluate(() => {
          document.documentElement.style.setProperty('font-size', '200%', 'important');
          return getComputedStyle(document.documentElement).fontSize;
        });
        expect(rootSize).toBe('32px');
        found.push(...(await layoutProblems(page)).map((p) => `${screen.name} at 200%: ${p}`));
        // A header that stays stuck to the top takes at most a quarter of the screen; a taller one scrolls away.
        await expect
          .poll(async () => {
            const { height, sticky } = await headerRows(page);
            return !sticky || height <= NARROW.height / 4;
          })
          .toBe(true);
      }
    }
    expect(found).toEqual([]);
  });
}
