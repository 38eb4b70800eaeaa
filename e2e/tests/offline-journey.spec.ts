import { expect, serverForThisFile, testInOwnBrowser as test } from '../support/fixtures';
import {
  backgroundSyncQueued,
  DEMO,
  openFirstQuestion,
  signIn,
  startReply,
  waitForServiceWorker,
} from '../support/journeys';
import { countOnServer } from '../support/server-api';

const server = serverForThisFile();

// Journey 1 of PRODUCT.md: read offline, write offline, a reload keeps the draft, the post waits
// for a connection and is delivered exactly once when it returns.
test('journey 1: a reply written offline survives a reload and is delivered once', async ({ newDevice }) => {
  const text = `Written on the bus with no signal (${Date.now()}).`;
  const { context, page } = await newDevice(server.url);

  // Online visit: sign in, open the thread; the service worker takes the page.
  await signIn(page, DEMO.ana);
  const title = await openFirstQuestion(page);
  const firstComment = page.getByRole('article').first();
  await expect(firstComment).toBeVisible();
  const firstText = (await firstComment.locator('.post__body').innerText()).trim();
  await waitForServiceWorker(page);

  // Offline, and the thread is still readable after a reload.
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByText(firstText.slice(0, 60))).toBeVisible();
  const indicator = page.getByTestId('sync-indicator');
  await expect(indicator).toContainText('Offline');
  await expect(indicator).toContainText('Last synced');

  // Write a reply; reload offline: the draft is there, in its composer.
  await startReply(page);
  await page.getByLabel('Your reply').fill(text);
  await expect(page.getByText('Draft saved on this device.')).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Your reply')).toHaveValue(text);
  await expect(page.getByRole('link', { name: 'Drafts, 1 draft' })).toBeVisible();

  // Post: it waits for a connection.
  await page.getByRole('button', { name: 'Post' }).click();
  const reply = page.getByRole('article', { name: 'Reply by Ana Lima' }).filter({ hasText: text });
  await expect(reply.getByText('Waiting for connection')).toBeVisible();
  // Background Sync: the same push request also waits in the service worker's queue.
  await expect.poll(() => backgroundSyncQueued(page)).toBe(1);
  // Delivered to the outbox: the draft is gone.
  await expect(page.getByRole('link', { name: 'Drafts', exact: true })).toBeVisible();

  // The connection returns: delivered, exactly once, and now awaiting moderation.
  await context.setOffline(false);
  await expect(reply.getByText('Awaiting moderation')).toBeVisible({ timeout: 30_000 });
  await expect(indicator).not.toContainText('Offline');
  expect(await countOnServer(server.url, text)).toBe(1);
});
