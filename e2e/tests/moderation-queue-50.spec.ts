import { expect, serverForThisFile, test } from '../support/fixtures';
import { DEMO, signIn } from '../support/journeys';
import { demoQuestions, pushPosts, shot } from '../support/moderation-api';
import { apiSignIn, serverPosts } from '../support/server-api';
import type { Post } from '@parley/shared';

const server = serverForThisFile();

async function ownPosts(email: string): Promise<Post[]> {
  const cookie = await apiSignIn(server.url, email);
  const res = await fetch(`${server.url}/api/sync/posts/pull?limit=1000`, { headers: { cookie } });
  const page = (await res.json()) as { documents: Post[] };
  return page.documents;
}

// The "done when": a moderator clears a queue of 50 posts on a phone-sized screen, partly
// offline (single decisions and bulk approval), and every state change reaches the authors.
test('a moderator clears a queue of 50 posts on a phone, partly offline', async ({ newDevice }) => {
  test.setTimeout(180_000);
  const [question] = await demoQuestions(server.url);
  const stamp = Date.now();
  const bodies = (who: string) =>
    Array.from({ length: 25 }, (_, i) => `${who} report ${i + 1} from the field (${stamp}).`);
  await pushPosts(server.url, DEMO.ana, question!, bodies('Ana'));
  await pushPosts(server.url, DEMO.ben, question!, bodies('Ben'));

  // Ana keeps the app open: her notifications must count what moderators decide.
  const ana = await newDevice(server.url);
  await signIn(ana.page, DEMO.ana);

  const mod = await newDevice(server.url);
  await signIn(mod.page, DEMO.regionalModerator);
  await mod.page.goto('/moderate');
  await expect(mod.page.getByText('50 posts to review')).toBeVisible({ timeout: 30_000 });
  const items = mod.page.getByRole('main').getByRole('article');
  await expect(items).toHaveCount(50);

  // Online: reject the first five (Ana's oldest), each with a ready-made reason.
  for (let i = 0; i < 5; i += 1) {
    await items.first().getByRole('button', { name: 'Reject' }).click();
    const dialog = mod.page.getByRole('dialog', { name: 'Reject post' });
    await dialog.getByRole('radio').nth(1).check();
    await dialog.getByRole('button', { name: 'Reject post' }).click();
    await expect(items).toHaveCount(49 - i);
  }

  // The five rejections reached the server (the menu's pending count says so) before the
  // connection goes: the screen is settled, nothing moves under the thumb.
  await expect(mod.page.getByRole('link', { name: 'Moderation, 45 pending' })).toBeVisible({
    timeout: 30_000,
  });

  // Offline: approve five one by one, then select the rest and approve them together.
  await mod.context.setOffline(true);
  for (let i = 0; i < 5; i += 1) {
    await items.first().getByRole('button', { name: 'Approve' }).click();
    await expect(items).toHaveCount(44 - i);
  }
  await mod.page.getByLabel('Select all 40 shown').check();
  await expect(mod.page.getByRole('region', { name: 'Decide on the selected posts' })).toBeVisible();
  await shot(mod.page, 'bulk-selected', false);
  await mod.page.getByRole('button', { name: 'Approve 40' }).click();
  await expect(mod.page.getByText('No posts are waiting.')).toBeVisible();
  // Still offline: nothing reached the server yet.
  const whileOffline = (await serverPosts(server.url)).filter((p) => p.body.includes(`(${stamp})`));
  expect(whileOffline.filter((p) => p.status === 'approved')).toHaveLength(0);

  await mod.context.setOffline(false);
  await expect
    .poll(
      async () => {
        const mine = (await serverPosts(server.url)).filter((p) => p.body.includes(`(${stamp})`));
        return [
          mine.filter((p) => p.status === 'approved').length,
          mine.filter((p) => p.status === 'rejected').length,
        ];
      },
      { timeout: 60_000 },
    )
    .toEqual([45, 5]);

  // Every author's state: Ana's five oldest were rejected with the reason, the rest published.
  const anas = (await ownPosts(DEMO.ana)).filter(
    (p) => p.body.startsWith('Ana report') && p.body.includes(`(${stamp})`),
  );
  expect(anas.filter((p) => p.status === 'rejected').map((p) => p.moderationReasonTemplateId)).toEqual(
    Array(5).fill('off-topic'),
  );
  expect(anas.filter((p) => p.status === 'approved')).toHaveLength(20);
  const bens = (await ownPosts(DEMO.ben)).filter(
    (p) => p.body.startsWith('Ben report') && p.body.includes(`(${stamp})`),
  );
  expect(bens.filter((p) => p.status === 'approved')).toHaveLength(25);

  // Ana's phone was told of all 25 decisions.
  await expect(ana.page.getByRole('link', { name: 'Notifications, 25 unread' })).toBeVisible({
    timeout: 30_000,
  });
  // The moderator's log has every one of them.
  await mod.page.goto('/moderate/log');
  await expect(mod.page.getByText(/^5\d decisions$/)).toBeVisible();
});
