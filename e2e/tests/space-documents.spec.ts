import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Download, Page, TestInfo } from '@playwright/test';
import { axeViolations } from '../support/axe';
// Offline reloads need this page's service worker to answer: in its own browser, as the offline
// journey (see testInOwnBrowser; a reload here once failed offline in CI and passed on the retry).
import { expect, testInOwnBrowser as test } from '../support/fixtures';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy';
import { DEMO, DEMO_SPACE, signIn, waitForServiceWorker } from '../support/journeys';
import { startServer, type RunningServer } from '../support/server';

// The second test reads what the first one published.
test.describe.configure({ mode: 'serial' });

let server: RunningServer;
// The reader's link to the server: setOffline does not reach the service worker's own fetches
// (Playwright #2311), so "offline" also takes this link down, for the page and the worker alike.
let link: FaultProxy;
test.beforeAll(async () => {
  server = await startServer();
  link = await startFaultProxy(Number(new URL(server.url).port));
});
test.afterAll(async () => {
  await link?.close();
  await server?.stop();
});

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
// A PDF by its magic bytes (the server sniffs the content).
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n%âãÏÓ\n', 'latin1'), randomBytes(300 * 1024)]);
const NAME = 'Concept note.pdf';
const EN = 'What we heard: housing comes first.';
const FR = 'Ce que nous avons entendu : le logement d’abord.';

async function downloadDocument(page: Page, name: string): Promise<Download> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name }).click(),
  ]);
  return download;
}

/** A full-page screenshot in the test's output folder, for a person to look at (not compared). */
async function shoot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

async function bytesOf(download: Download): Promise<Uint8Array> {
  return new Uint8Array(await readFile(await download.path()));
}

test('an admin adds a document and publishes an announcement; a French reader gets both, offline too', async ({
  newDevice,
}, testInfo) => {
  test.setTimeout(120_000);
  // The organiser: adds the concept note on the space page, then publishes the summary.
  const admin = await newDevice(server.url);
  await signIn(admin.page, DEMO.admin);
  await admin.page.goto(`/s/${DEMO_SPACE}`);
  const documents = admin.page.getByRole('region', { name: 'Documents' });
  await expect(documents.getByText('No documents yet.')).toBeVisible();
  await documents.locator('input[type="file"]').setInputFiles({
    name: NAME,
    mimeType: 'application/pdf',
    buffer: PDF,
  });
  await expect(documents.getByRole('link', { name: NAME })).toBeVisible();

  await admin.page.goto(`/s/${DEMO_SPACE}/report`);
  const form = admin.page.getByRole('region', { name: 'Publish as announcement' });
  // Only the default language is required: a missing one is said so in the UI language.
  await form.getByRole('button', { name: 'Publish announcement' }).click();
  await expect(form.getByRole('alert')).toContainText('Write the English version at least');
  await form.getByLabel('Text in English').fill(EN);
  await form.getByLabel('Text in French').fill(FR);
  await form.getByRole('button', { name: 'Publish announcement' }).click();
  await expect(form.getByRole('status')).toHaveText('The announcement is published.');
  await shoot(admin.page, testInfo, 'report-admin-390');
  expect(await axeViolations(admin.page)).toEqual([]);
  await admin.page.goto(`/s/${DEMO_SPACE}`);
  await expect(admin.page.getByTestId('announcement')).toContainText(EN);
  await shoot(admin.page, testInfo, 'space-admin-390');
  expect(await axeViolations(admin.page)).toEqual([]);

  // A participant's phone in French.
  const { page, context } = await newDevice(link.url);
  await signIn(page, DEMO.ana);
  await page.evaluate(() => localStorage.setItem('parley.lang', 'fr'));
  await page.goto(`/s/${DEMO_SPACE}`);
  const announcement = page.getByRole('region', { name: 'Épinglé Annonce' });
  await expect(announcement).toContainText(FR);
  // The English version is there, folded away under "other languages".
  await expect(announcement.getByText(EN)).toBeHidden();
  // Pinned at the top: before the space's introduction and everything else.
  const main = page.getByRole('main');
  await expect(main.locator('section').first()).toHaveAttribute('data-testid', 'announcement');

  const item = page.getByTestId('space-document').filter({ hasText: NAME });
  await expect(item).toContainText('Disponible hors connexion');
  const online = await downloadDocument(page, NAME);
  expect(online.suggestedFilename()).toBe(NAME);
  expect(sha256(await bytesOf(online))).toBe(sha256(PDF));

  await shoot(page, testInfo, 'space-fr-390');

  // Offline, after a reload: the space comes from the device and the document from its cache.
  await waitForServiceWorker(page);
  await context.setOffline(true);
  link.setDown(true);
  await page.reload();
  await expect(page.getByRole('region', { name: 'Épinglé Annonce' })).toContainText(FR);
  await expect(item).toContainText('Disponible hors connexion');
  const offline = await downloadDocument(page, NAME);
  expect(sha256(await bytesOf(offline))).toBe(sha256(PDF));

  // Still offline, the link opened in a new tab: the service worker answers from the same cache.
  const url = (await item.getByRole('link', { name: NAME }).getAttribute('href')) ?? '';
  expect(url).toMatch(/^\/api\/attachments\//);
  const tab = await context.newPage();
  const [inTab] = await Promise.all([
    // Offline with no copy to answer from, the tab shows an error page and no download comes.
    tab.waitForEvent('download', { timeout: 15_000 }),
    // A download aborts the navigation, so goto rejects; the download is what counts.
    tab.goto(url).catch(() => undefined),
  ]);
  expect(inTab.suggestedFilename()).toBe(NAME);
  expect(sha256(await bytesOf(inTab))).toBe(sha256(PDF));

  // Only what the page kept is served: not another id, even one sitting in some other cache.
  await tab.goto(`/s/${DEMO_SPACE}`);
  await waitForServiceWorker(tab);
  const fetched = await tab.evaluate(async (kept) => {
    const other = '/api/attachments/00000000-0000-4000-8000-000000000000';
    await (await caches.open('not-space-documents')).put(other, new Response('private'));
    const status = (path: string) =>
      fetch(path).then(
        (r) => r.status,
        () => 'failed',
      );
    return { kept: await status(kept), other: await status(other) };
  }, url);
  expect(fetched).toEqual({ kept: 200, other: 'failed' });
  link.setDown(false);
  await context.setOffline(false);
  // Back online, an id not kept goes to the server as before (which knows no such file).
  const online404 = await tab.evaluate(() =>
    fetch('/api/attachments/00000000-0000-4000-8000-000000000000').then((r) => r.status),
  );
  expect(online404).toBe(404);
});

test('a reader whose language the announcement lacks sees the default, marked; narrow screens', async ({
  newDevice,
}, testInfo) => {
  // Runs after the first test (one worker, in order): the announcement and document exist.
  for (const [lang, width, colorScheme] of [
    ['ar', 390, 'light'],
    ['en', 320, 'light'],
    ['ar', 390, 'dark'],
  ] as const) {
    const { page } = await newDevice(server.url, {
      uiLang: lang,
      context: { viewport: { width, height: 844 }, colorScheme },
    });
    await page.goto(`/s/${DEMO_SPACE}`);
    const announcement = page.getByTestId('announcement');
    await expect(announcement).toContainText(EN);
    if (lang === 'ar') await expect(announcement.locator('.fallback-marker')).toBeVisible();
    await expect(page.getByTestId('space-document')).toHaveCount(1);
    await shoot(page, testInfo, `space-${lang}-${width}-${colorScheme}`);
    expect(await axeViolations(page)).toEqual([]);
  }
});

test('a moderator removes the announcement; the space no longer shows it', async ({ newDevice }) => {
  const { page } = await newDevice(server.url);
  await signIn(page, DEMO.regionalModerator);
  await page.goto(`/s/${DEMO_SPACE}/report`);
  const form = page.getByRole('region', { name: 'Publish as announcement' });
  // Prefilled from the published one, to be corrected or removed.
  await expect(form.getByLabel('Text in French')).toHaveValue(FR);
  await form.getByRole('button', { name: 'Remove announcement' }).click();
  await expect(form.getByRole('status')).toHaveText('The announcement was removed.');
  await page.goto(`/s/${DEMO_SPACE}`);
  await expect(page.getByRole('region', { name: 'Documents' })).toBeVisible();
  await expect(page.getByTestId('announcement')).toHaveCount(0);
});
