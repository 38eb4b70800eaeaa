import { randomUUID } from 'node:crypto';
import { expect, serverForThisFile, test } from '../support/fixtures';
import { DEMO, openFirstQuestion, signIn, waitForServiceWorker } from '../support/journeys';
import { approvePosts, demoQuestions, pushPosts, shot } from '../support/moderation-api';

const server = serverForThisFile();

/**
 * Payloads that would run script if any part of the app parsed user text as HTML or followed a
 * script URL. Each sets a marker or opens a dialog; the test asserts none did.
 */
const CORPUS = [
  '<script>window.__pwned = 1; alert(1)</script>',
  '<img src=x onerror="window.__pwned = 2; alert(2)">',
  '"><img src=x onerror=alert(3)>',
  '<svg onload="window.__pwned = 4"><script>alert(4)</script></svg>',
  '<a href="javascript:alert(5)">click me</a>',
  'javascript:window.__pwned=6',
  'JaVaScRiPt:alert(7)',
  '[a link](javascript:alert(8))',
  '<iframe src="javascript:alert(9)"></iframe>',
  '<math><mi xlink:href="javascript:alert(10)">x</mi></math>',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  '<style>body { display: none }</style>',
  "{{constructor.constructor('alert(11)')()}}",
  '\u202Ehttps://evil.example/gpj.exe and https://bank.example\u200B.evil.test',
  '<scr\u200Bipt>alert(12)</scr\u200Bipt> \uFEFF<img src=x onerror=alert(13)> \u0130<IMG SRC=x ONERROR=alert(14)>',
  'A safe link: https://example.org/path?q=1.',
];

test('a corpus of script payloads renders as text: no dialog, no script, only safe links', async ({
  newDevice,
}) => {
  const [question] = await demoQuestions(server.url);
  const tag = randomUUID().slice(0, 8);
  const label = (i: number) => `xss-${tag}-${String(i).padStart(2, '0')} `;
  const bodies = CORPUS.map((payload, i) => label(i) + payload);
  const ids = await pushPosts(server.url, DEMO.ana, question!, bodies);

  // The space's moderator approves them all, as the moderation queue would.
  await approvePosts(server.url, DEMO.regionalModerator, ids);

  const reader = await newDevice(server.url);
  const { page } = reader;
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  // Content-Security-Policy violations the page reports: the app itself must cause none.
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      w.__csp.push(`${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });

  await signIn(page, DEMO.ben);
  await openFirstQuestion(page);
  for (const body of bodies.slice(0, 3)) {
    await expect(page.getByText(body.slice(0, 16), { exact: false }).first()).toBeVisible();
  }
  const posts = page.locator('.post__body');
  for (let i = 0; i < bodies.length; i++) {
    await expect(posts.filter({ hasText: label(i) })).toHaveCount(1);
  }
  await shot(page, 'xss-thread');

  // Every payload is shown as its own text, character for character.
  const shown = await posts.evaluateAll((els) => els.map((el) => (el.textContent ?? '').trim()));
  for (const body of bodies) expect(shown).toContain(body);

  // Nothing from the payloads became an element: post bodies hold only paragraphs, text and links.
  const tags = await posts.evaluateAll((els) =>
    [...new Set(els.flatMap((el) => Array.from(el.querySelectorAll('*'), (child) => child.tagName)))].sort(),
  );
  expect(
    tags.every((t) => t === 'P' || t === 'A'),
    tags.join(','),
  ).toBe(true);
  // Every link is an http(s) address opened safely; the only one in the corpus is the safe one.
  const links = await posts.locator('a').evaluateAll((els) =>
    els.map((a) => ({
      href: a.getAttribute('href'),
      rel: a.getAttribute('rel'),
      target: a.getAttribute('target'),
    })),
  );
  const corpusLinks = links.filter((l) => l.href !== null);
  expect(corpusLinks).toContainEqual({
    href: 'https://example.org/path?q=1',
    rel: 'noopener noreferrer nofollow',
    target: '_blank',
  });
  for (const link of corpusLinks) {
    expect(link.href).toMatch(/^https?:\/\//);
    expect(link.href).not.toMatch(/evil/);
    expect(link.rel).toBe('noopener noreferrer nofollow');
  }

  expect(dialogs).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(await page.locator('iframe, object, embed, math, script:not([src])').count()).toBe(0);

  // The strict policy leaves the app whole: service worker and manifest load, nothing was blocked.
  await waitForServiceWorker(page);
  const manifest = await page.evaluate(async () => (await fetch('/manifest.webmanifest')).status);
  expect(manifest).toBe(200);
  expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
});
