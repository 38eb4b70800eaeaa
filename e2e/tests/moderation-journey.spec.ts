import { expect, serverForThisFile, test } from '../support/fixtures';
import { DEMO, openFirstQuestion, signIn } from '../support/journeys';
import { publicBodies, shot } from '../support/moderation-api';
import { serverPosts } from '../support/server-api';

const server = serverForThisFile();

const TEMPLATE_EN = 'It names or identifies a private person. Remove the personal details and post again.';

// Journey 2 of PRODUCT.md: a moderator on a phone, partly offline, approves one post and rejects
// another with a reason; once synced the approved post reaches other devices, the rejected author
// reads why, and nobody else ever saw either post before the decision.
test('journey 2: a moderator decides on a phone, partly offline, and every device learns the outcome', async ({
  newDevice,
}) => {
  const stamp = Date.now();
  const anaText = `The shelter in the north district now has a legal clinic on Tuesdays (${stamp}).`;
  const benText = `My neighbour Carlos Pérez at 12 Rua Alta was turned away twice (${stamp}).`;

  const ana = await newDevice(server.url);
  await signIn(ana.page, DEMO.ana);
  await openFirstQuestion(ana.page);
  await ana.page.getByLabel('Your comment').fill(anaText);
  await ana.page.getByRole('button', { name: 'Post', exact: true }).click();
  await expect(
    ana.page
      .getByRole('article', { name: 'Comment by Ana Lima' })
      .filter({ hasText: anaText })
      .getByText('Awaiting moderation'),
  ).toBeVisible();

  const ben = await newDevice(server.url);
  await signIn(ben.page, DEMO.ben);
  await openFirstQuestion(ben.page);
  await ben.page.getByLabel('Your comment').fill(benText);
  await ben.page.getByRole('button', { name: 'Post', exact: true }).click();
  await expect(
    ben.page
      .getByRole('article', { name: 'Comment by Ben Okafor' })
      .filter({ hasText: benText })
      .getByText('Awaiting moderation'),
  ).toBeVisible();

  // Before any decision: neither participant, nor the public, sees the other's pending post.
  await expect(ana.page.getByText(benText)).toHaveCount(0);
  await expect(ben.page.getByText(anaText)).toHaveCount(0);
  expect(await publicBodies(server.url)).not.toContain(anaText);
  expect(await publicBodies(server.url)).not.toContain(benText);

  const mod = await newDevice(server.url);
  await signIn(mod.page, DEMO.regionalModerator);
  await mod.page.getByRole('link', { name: /^Moderation/ }).click();
  await expect(mod.page.getByRole('heading', { level: 1, name: 'Moderation queue' })).toBeVisible();
  const anaItem = mod.page
    .getByRole('article', { name: 'Pending post by Ana Lima' })
    .filter({ hasText: anaText });
  const benItem = mod.page
    .getByRole('article', { name: 'Pending post by Ben Okafor' })
    .filter({ hasText: benText });
  await expect(anaItem).toBeVisible();
  await expect(benItem).toBeVisible();
  // In context: the question it answers is named on the card.
  await expect(anaItem.getByRole('link')).toHaveAttribute('href', /\/s\/regional-review\/q\//);
  await shot(mod.page, 'queue');

  // 1. Offline: the approval is queued on the phone.
  await mod.context.setOffline(true);
  await anaItem.getByRole('button', { name: 'Approve' }).click();
  await expect(anaItem).toHaveCount(0);
  const recent = mod.page.getByRole('region', { name: 'Your recent decisions' });
  await expect(recent.getByText('Decision queued')).toBeVisible();
  await shot(mod.page, 'queue-offline-decision');
  // Still offline: the server has not heard of it, nobody sees Ana's post.
  expect((await serverPosts(server.url)).find((p) => p.body === anaText)?.status).toBe('pending');
  await expect(ben.page.getByText(anaText)).toHaveCount(0);

  // 2. Back online: the rejection, with a ready-made reason.
  await mod.context.setOffline(false);
  await benItem.getByRole('button', { name: 'Reject' }).click();
  const dialog = mod.page.getByRole('dialog', { name: 'Reject post' });
  await expect(dialog).toBeVisible();
  await shot(mod.page, 'reject-dialog');
  await dialog.getByLabel(TEMPLATE_EN).check();
  await dialog.getByRole('button', { name: 'Reject post' }).click();
  await expect(benItem).toHaveCount(0);

  // Both decisions reach the server and come back applied.
  await expect(recent.getByText('done')).toHaveCount(2, { timeout: 30_000 });
  await expect(recent.getByText('Decision queued')).toHaveCount(0);

  // Ben's page was never reloaded: Ana's approved comment arrives; his own shows the reason.
  await expect(
    ben.page.getByRole('article', { name: 'Comment by Ana Lima' }).filter({ hasText: anaText }),
  ).toBeVisible();
  const benOwn = ben.page
    .getByRole('article', { name: 'Comment by Ben Okafor' })
    .filter({ hasText: benText });
  await expect(benOwn.getByText('Not published')).toBeVisible();
  await expect(benOwn.getByText(TEMPLATE_EN)).toBeVisible();

  // Ben's notifications: one unread, the reason, and his text can go back into a draft.
  const bell = ben.page.getByRole('link', { name: 'Notifications, 1 unread' });
  await expect(bell).toBeVisible();
  await bell.click();
  const notice = ben.page.getByRole('article', { name: 'Your post was not published' });
  await expect(notice.getByText(TEMPLATE_EN)).toBeVisible();
  await shot(ben.page, 'notifications');
  await expect(ben.page.getByRole('link', { name: 'Notifications', exact: true })).toBeVisible();
  await notice.getByRole('button', { name: 'Edit and post again' }).click();
  await expect(ben.page.getByLabel('Your comment')).toHaveValue(benText);

  // Ana learns hers is published.
  await ana.page.getByRole('link', { name: 'Notifications, 1 unread' }).click();
  await expect(
    ana.page.getByRole('article', { name: 'Your post is published' }).filter({ hasText: anaText }),
  ).toBeVisible();

  // Nobody else ever received the rejected post; the public has the approved one only.
  await expect(ana.page.getByText(benText)).toHaveCount(0);
  const publicNow = await publicBodies(server.url);
  expect(publicNow).toContain(anaText);
  expect(publicNow).not.toContain(benText);
});
