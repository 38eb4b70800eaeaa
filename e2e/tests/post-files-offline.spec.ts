import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { axeViolations } from '../support/axe';
import { expect, serverForThisFile, testInOwnBrowser as test } from '../support/fixtures';
import { DEMO, openFirstQuestion, signIn, waitForServiceWorker } from '../support/journeys';
import { approvePosts, shot } from '../support/moderation-api';
import { serverPosts } from '../support/server-api';

const server = serverForThisFile();

const KB = 1024;
const MB = 1024 * KB;

/** What a fetch of the file answers on this page: its size, or 'failed' (no copy, no network). */
function fetchedSize(page: Page, href: string): Promise<number | 'failed'> {
  return page.evaluate(async (url) => {
    try {
      const response = await fetch(url);
      return response.ok ? (await response.arrayBuffer()).byteLength : 'failed';
    } catch {
      return 'failed';
    }
  }, href);
}

// Issue 19, item 7: the files of the posts a phone holds can be kept for reading offline, within
// the storage budget the person set; they leave the phone at sign-out.
test('files of posts are kept for offline reading within the budget, and leave at sign-out', async ({
  newDevice,
}) => {
  test.setTimeout(120_000);
  // Ana's comment carries a small and a larger PDF (the server sniffs the content).
  const small = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(20 * KB)]);
  const large = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(1 * MB)]);
  const text = `Two papers on the clinic hours (${Date.now()}).`;
  const ana = await newDevice(server.url);
  await signIn(ana.page, DEMO.ana);
  await openFirstQuestion(ana.page);
  await ana.page.getByLabel('Your comment').fill(text);
  await ana.page
    .locator('input[type="file"]')
    .first()
    .setInputFiles([
      { name: 'Clinic hours.pdf', mimeType: 'application/pdf', buffer: small },
      { name: 'Full survey.pdf', mimeType: 'application/pdf', buffer: large },
    ]);
  await ana.page.getByRole('button', { name: 'Post' }).click();
  const own = ana.page.getByRole('article', { name: 'Comment by Ana Lima' }).filter({ hasText: text });
  await expect(own.getByText('Awaiting moderation')).toBeVisible({ timeout: 60_000 });
  // The files follow the post, one upload each: both are on the server once the second lands.
  const onServer = async () => (await serverPosts(server.url)).find((p) => p.body === text);
  await expect.poll(async () => (await onServer())?.attachments.length, { timeout: 60_000 }).toBe(2);
  const post = (await onServer())!;
  await approvePosts(server.url, DEMO.globalModerator, [post.id]);
  const [smallFile, largeFile] = ['Clinic hours.pdf', 'Full survey.pdf'].map(
    (name) => `/api/attachments/${post.attachments.find((a) => a.name === name)!.id}`,
  );

  // Ben's phone is 100 KB short of the 50 MB budget he sets (the browser's estimate is all Parley
  // knows of it): the small file fits, the large one does not.
  const ben = await newDevice(server.url);
  await ben.context.addInitScript(() => {
    Object.defineProperty(navigator.storage, 'estimate', {
      value: () => Promise.resolve({ usage: 50 * 2 ** 20 - 100 * 1024, quota: 4 * 2 ** 30 }),
    });
  });
  await signIn(ben.page, DEMO.ben);
  await openFirstQuestion(ben.page);
  await expect(ben.page.getByRole('article').filter({ hasText: text })).toBeVisible();
  await waitForServiceWorker(ben.page);
  await ben.page.getByRole('link', { name: 'Settings' }).click();
  await ben.page.getByRole('combobox', { name: 'Storage budget' }).selectOption(String(50 * MB));
  const keep = ben.page.getByRole('checkbox', { name: 'Keep files of posts for reading offline' });
  await expect(keep).not.toBeChecked();
  await keep.check();
  await expect(ben.page.getByTestId('kept-files')).toHaveText('1 file kept on this device', {
    timeout: 30_000,
  });
  expect(await axeViolations(ben.page)).toEqual([]);
  await shot(ben.page, 'settings-keep-files');

  // No connection: the kept file opens from the phone, the other one cannot.
  await ben.context.setOffline(true);
  await ben.page.goto(`/s/regional-review`);
  expect(await fetchedSize(ben.page, smallFile!)).toBe(small.length);
  expect(await fetchedSize(ben.page, largeFile!)).toBe('failed');

  // Signing out (offline too) takes the kept files away with the rest of Ben's data.
  await ben.page.getByRole('button', { name: 'Sign out' }).click();
  await ben.page.getByRole('dialog', { name: 'Sign out' }).getByRole('button', { name: 'Sign out' }).click();
  await expect(ben.page.getByRole('link', { name: 'Sign in' })).toBeVisible();
  await expect.poll(() => fetchedSize(ben.page, smallFile!)).toBe('failed');
});

test('the setting reads well in Arabic on a small phone', async ({ newDevice }) => {
  const { page } = await newDevice(server.url, { uiLang: 'ar' });
  await page.goto('/settings');
  const keep = page.getByRole('checkbox', { name: 'الاحتفاظ بملفات المنشورات لقراءتها دون اتصال' });
  await keep.check();
  await expect(page.getByTestId('kept-files')).toContainText('هذا الجهاز');
  expect(await axeViolations(page)).toEqual([]);
  await shot(page, 'settings-keep-files-ar');
});
