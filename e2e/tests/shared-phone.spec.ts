import type { Page } from '@playwright/test';
import { expect, serverForThisFile, test } from '../support/fixtures';
import {
  backgroundSyncQueued,
  DEMO,
  openFirstQuestion,
  signIn,
  startReply,
  waitForServiceWorker,
} from '../support/journeys';
import { serverPosts } from '../support/server-api';

const server = serverForThisFile();

/** Requests in one of the service worker's Background Sync queues (workbox's IndexedDB store). */
function queuedIn(page: Page, queueName: string): Promise<number> {
  return page.evaluate(
    (name) =>
      new Promise<number>((resolve) => {
        const open = indexedDB.open('workbox-background-sync');
        open.onerror = () => resolve(0);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('requests')) return resolve(0);
          const all = db.transaction('requests').objectStore('requests').getAll();
          all.onsuccess = () =>
            resolve((all.result as { queueName: string }[]).filter((r) => r.queueName === name).length);
          all.onerror = () => resolve(0);
        };
      }),
    queueName,
  );
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('dialog', { name: 'Sign out' }).getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
}

// A phone shared by two people: Ana's drafts and the post she queued offline are hers alone. Ben,
// signed in next on the same phone, never sees them, and the queued post never goes out under his
// name; Ana finds both when she signs in again, and her post is delivered as hers.
test('two people on one phone never see or send each other’s drafts or queued posts', async ({
  newDevice,
}) => {
  const stamp = Date.now();
  const draft = `Ana's half-written thought, to post anonymously (${stamp}).`;
  const queued = `Ana's reply, written on the bus with no signal (${stamp}).`;
  const { context, page } = await newDevice(server.url);
  expect(page.viewportSize()).toEqual({ width: 390, height: 844 });
  const draftsCount = page.getByTestId('drafts-count');

  // Ana starts a comment, anonymously, and leaves it as a draft.
  await signIn(page, DEMO.ana);
  await openFirstQuestion(page);
  await waitForServiceWorker(page);
  await page.getByLabel('Post as Anonymous').check();
  await page.getByLabel('Your comment').fill(draft);
  await expect(page.getByText('Draft saved on this device.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Drafts, 1 draft' })).toBeVisible();

  // Offline, she replies to the first comment: the reply waits, also in the service worker's queue.
  await context.setOffline(true);
  await startReply(page);
  await page.getByLabel('Your reply').fill(queued);
  await page.getByRole('button', { name: 'Post' }).click();
  const reply = page.getByRole('article', { name: 'Reply by Ana Lima' }).filter({ hasText: queued });
  await expect(reply.getByText('Waiting for connection')).toBeVisible();
  await expect.poll(() => backgroundSyncQueued(page)).toBe(1);

  // The signal returns but her pushes do not get through (a captive portal, say); she signs out.
  await context.route('**/api/sync/posts/push', (route) => route.abort('internetdisconnected'));
  await context.setOffline(false);
  await signOut(page);
  await expect(draftsCount).toHaveCount(0);
  await context.unroute('**/api/sync/posts/push');
  expect((await serverPosts(server.url)).filter((p) => p.body === queued)).toEqual([]);

  // Ben signs in on the same phone, online. None of Ana's drafts is his.
  await signIn(page, DEMO.ben);
  await expect(page.getByRole('link', { name: 'Drafts', exact: true })).toBeVisible();
  await expect(draftsCount).toHaveCount(0);
  await page.goto('/drafts');
  await expect(page.getByText('No drafts.', { exact: false })).toBeVisible();
  await expect(page.getByText(draft)).toHaveCount(0);
  await openFirstQuestion(page);
  await expect(page.getByLabel('Your comment')).toHaveValue('');
  await expect(page.getByLabel('Post as Anonymous')).not.toBeChecked();
  await expect(page.getByText(queued)).toHaveCount(0);

  // Ana's queued reply is replayed while Ben is signed in: the server refuses it for Ben's session
  // and the service worker keeps it for Ana, instead of sending it as Ben's or dropping it.
  await expect.poll(() => queuedIn(page, 'parley-outbox-held'), { timeout: 30_000 }).toBe(1);
  const whileBen = (await serverPosts(server.url)).filter((p) => p.body === queued);
  expect(whileBen).toEqual([]);
  expect(await backgroundSyncQueued(page)).toBe(1);
  await signOut(page);

  // Ana signs in again: her draft is back, anonymous tick and all, and her reply goes out as hers.
  await signIn(page, DEMO.ana);
  await expect(page.getByRole('link', { name: 'Drafts, 1 draft' })).toBeVisible();
  await page.goto('/drafts');
  await expect(page.getByText(draft)).toBeVisible();
  await openFirstQuestion(page);
  await expect(page.getByLabel('Your comment')).toHaveValue(draft);
  await expect(page.getByLabel('Post as Anonymous')).toBeChecked();

  await expect
    .poll(async () => (await serverPosts(server.url)).filter((p) => p.body === queued), { timeout: 30_000 })
    .toEqual([expect.objectContaining({ authorName: 'Ana Lima', anonymous: false })]);
  await expect(
    page.getByRole('article', { name: 'Reply by Ana Lima' }).filter({ hasText: queued }),
  ).toBeVisible();
  await expect.poll(() => backgroundSyncQueued(page)).toBe(0);
  expect(
    (await serverPosts(server.url)).filter((p) => p.authorName === 'Ben Okafor' && p.body === queued),
  ).toEqual([]);
});

// Where no service worker queues posts (Safari, Firefox, or a write the app believed was online),
// the post waits in its author's database: signing out keeps that database while it holds
// something unsent, and the post goes out as soon as its author signs in again.
test('a post not yet sent survives its author signing out, and goes out at their next sign-in', async ({
  newDevice,
}) => {
  const unsent = `Ana's comment that could not be sent yet (${Date.now()}).`;
  const { context, page } = await newDevice(server.url, { context: { serviceWorkers: 'block' } });
  await signIn(page, DEMO.ana);
  await openFirstQuestion(page);
  await context.route('**/api/sync/posts/push', (route) =>
    route.fulfill({ status: 503, body: 'maintenance' }),
  );
  await page.getByLabel('Your comment').fill(unsent);
  await page.getByRole('button', { name: 'Post' }).click();
  await expect(
    page.getByRole('article', { name: 'Comment by Ana Lima' }).filter({ hasText: unsent }),
  ).toBeVisible();
  await signOut(page);
  await context.unroute('**/api/sync/posts/push');
  await page.waitForTimeout(500);
  expect((await serverPosts(server.url)).filter((p) => p.body === unsent)).toEqual([]);

  await signIn(page, DEMO.ana);
  await expect
    .poll(async () => (await serverPosts(server.url)).filter((p) => p.body === unsent), { timeout: 30_000 })
    .toEqual([expect.objectContaining({ authorName: 'Ana Lima' })]);
});
