import { expect, serverForThisFile, testInOwnBrowser as test } from '../support/fixtures';
import { backgroundSyncQueued, DEMO, signIn, waitForServiceWorker } from '../support/journeys';
import type { Moderation } from '@parley/shared';
import {
  apiGet,
  approvePosts,
  demoQuestions,
  publicBodies,
  pushPosts,
  shot,
} from '../support/moderation-api';
import { apiSignIn, serverPosts } from '../support/server-api';

const server = serverForThisFile();

// Issue 19, item 8: a moderator opens the installed app with no connection at all (a cold start:
// no page of Parley open), decides from the queue kept on the phone, and closes the app. The
// decisions wait in the service worker's Background Sync queue like posts, and are delivered once
// the connection returns; one that another moderator had already taken shows as not applied, with
// that moderator's name.
test('a moderator decides offline from a cold start; the decisions arrive, a superseded one says so', async ({
  newDevice,
}) => {
  const stamp = Date.now();
  const anaText = `The bus to the border office now runs twice a day (${stamp}).`;
  const benText = `Our language café needs a room on Thursdays (${stamp}).`;
  const [question] = await demoQuestions(server.url);
  const [anaPost] = await pushPosts(server.url, DEMO.ana, question!, [anaText]);
  const [benPost] = await pushPosts(server.url, DEMO.ben, question!, [benText]);

  // Online once: sign in, the queue syncs to the phone, the service worker installs.
  const mod = await newDevice(server.url);
  await signIn(mod.page, DEMO.regionalModerator);
  await mod.page.goto('/moderate');
  await expect(mod.page.getByRole('heading', { level: 1, name: 'Moderation queue' })).toBeVisible();
  await expect(mod.page.getByText(anaText)).toBeVisible();
  await expect(mod.page.getByText(benText)).toBeVisible();
  await waitForServiceWorker(mod.page);

  // The app is closed; meanwhile another moderator approves Ben's post.
  await mod.page.close();
  await approvePosts(server.url, DEMO.globalModerator, [benPost!]);

  // Cold start with no connection: the queue is there, as last synced.
  await mod.context.setOffline(true);
  const page = await mod.context.newPage();
  await page.goto('/moderate');
  await expect(page.getByRole('heading', { level: 1, name: 'Moderation queue' })).toBeVisible();
  await expect(page.getByTestId('sync-indicator')).toContainText('Offline');
  const anaItem = page
    .getByRole('article', { name: 'Pending post by Ana Lima' })
    .filter({ hasText: anaText });
  const benItem = page
    .getByRole('article', { name: 'Pending post by Ben Okafor' })
    .filter({ hasText: benText });
  await expect(anaItem).toBeVisible();
  await expect(benItem).toBeVisible();
  await expect(page.getByRole('link', { name: 'Moderation, 2 pending' })).toBeVisible();

  await anaItem.getByRole('button', { name: 'Approve' }).click();
  await benItem.getByRole('button', { name: 'Approve' }).click();
  const recent = page.getByRole('region', { name: 'Your recent decisions' });
  await expect(recent.getByText('Decision queued')).toHaveCount(2);
  // Nothing left waiting for this moderator, also in the menu's count.
  await expect(page.getByRole('link', { name: 'Moderation', exact: true })).toBeVisible();
  await shot(page, 'offline-moderation-queued');
  // Both wait in the service worker too, so they go even if the app stays closed.
  await expect.poll(() => backgroundSyncQueued(page)).toBe(2);
  expect((await serverPosts(server.url)).find((p) => p.id === anaPost)?.status).toBe('pending');

  // The app is closed again; the connection returns. Background Sync delivers with no page open.
  await page.close();
  await mod.context.setOffline(false);
  await expect
    .poll(async () => (await serverPosts(server.url)).find((p) => p.id === anaPost)?.status, {
      timeout: 60_000,
    })
    .toBe('approved');
  expect(await publicBodies(server.url)).toContain(anaText);

  // Next time the app opens: Ana's approval done; the one on Ben's post was not applied, and says
  // who decided first.
  const later = await mod.context.newPage();
  await later.goto('/moderate');
  const recentLater = later.getByRole('region', { name: 'Your recent decisions' });
  await expect(recentLater.getByText('done')).toHaveCount(1, { timeout: 30_000 });
  await expect(recentLater.getByText(/not applied: already decided by/)).toHaveCount(1);
  await expect(recentLater.getByText('Decision queued')).toHaveCount(0);
  await shot(later, 'offline-moderation-superseded');
  // Delivered once, whatever the service worker and the page both sent: one decision per post.
  const cookie = await apiSignIn(server.url, DEMO.globalModerator);
  const log = await apiGet<{ documents: Moderation[] }>(
    server.url,
    '/api/sync/moderation/pull?limit=1000',
    cookie,
  );
  expect(log.documents.filter((m) => m.postId === anaPost).map((m) => m.outcome)).toEqual(['applied']);
  expect(log.documents.filter((m) => m.postId === benPost).map((m) => m.outcome)).toEqual([
    'applied',
    'superseded',
  ]);
});
