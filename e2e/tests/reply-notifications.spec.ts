import { mkdirSync } from 'node:fs';
import { axeViolations } from '../support/axe';
import { expect, serverForThisFile, test } from '../support/fixtures';
import { DEMO, openFirstQuestion, signIn, waitForServiceWorker } from '../support/journeys';
import { approvePosts, demoQuestions, pushPosts, shot } from '../support/moderation-api';
import { signInByApi } from '../support/screens';

const server = serverForThisFile();

// Issue 19, item 6: replies reach people. When a moderator approves someone's reply to Ana's
// comment, Ana's phone counts it as unread and lists it under Notifications with a link to the
// thread. Settings offers reply e-mails and, where the browser allows, notifications on the
// device; Chromium here has no push service, so the setting says so plainly.
if (process.env.SHOTS_DIR) mkdirSync(process.env.SHOTS_DIR, { recursive: true });

test('a reply approved by a moderator shows in the author’s notifications, with a link to the thread', async ({
  newDevice,
}) => {
  const mine = `Ana asks: who staffs the help desk at night? (${Date.now()})`;
  const answer = `Ben answers: volunteers from the town, in two shifts (${Date.now()}).`;
  const [question] = await demoQuestions(server.url);
  const [anasId] = await pushPosts(server.url, DEMO.ana, question!, [mine]);
  await approvePosts(server.url, DEMO.regionalModerator, [anasId!]);

  const ana = await newDevice(server.url);
  await signIn(ana.page, DEMO.ana);
  // Read what there was: from here on, only new things count.
  await ana.page.getByRole('link', { name: /^Notifications/ }).click();
  await expect(ana.page.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible();
  await ana.page.goto('/');

  // Ben replies from his phone; it waits for moderation, and Ana is told nothing yet.
  const ben = await newDevice(server.url);
  await signIn(ben.page, DEMO.ben);
  await openFirstQuestion(ben.page);
  const anasComment = ben.page
    .getByRole('article', { name: 'Comment by Ana Lima' })
    .filter({ hasText: mine });
  await anasComment.getByRole('button', { name: 'Reply', exact: true }).click();
  await ben.page.getByLabel('Your reply').fill(answer);
  await ben.page.getByRole('button', { name: 'Post' }).click();
  await expect(
    ben.page.getByRole('article', { name: 'Reply by Ben Okafor' }).filter({ hasText: answer }),
  ).toBeVisible();
  await expect(ana.page.getByRole('link', { name: 'Notifications', exact: true })).toBeVisible();

  // The moderator approves it in the queue.
  const moderator = await newDevice(server.url);
  await signIn(moderator.page, DEMO.regionalModerator);
  await moderator.page.getByRole('link', { name: /^Moderation/ }).click();
  const item = moderator.page
    .getByRole('article', { name: 'Pending post by Ben Okafor' })
    .filter({ hasText: answer });
  await item.getByRole('button', { name: 'Approve' }).click();
  await expect(item).toHaveCount(0);

  // Ana's phone, never reloaded: one unread notification, then the reply in the list.
  const bell = ana.page.getByRole('link', { name: 'Notifications, 1 unread' });
  await expect(bell).toBeVisible();
  await bell.click();
  // Ben's earlier reply to her (from the demo) is listed too, but not as new.
  const notice = ana.page
    .getByRole('article', { name: 'Ben Okafor replied to your post' })
    .filter({ hasText: answer });
  await expect(notice).toBeVisible();
  expect(await axeViolations(ana.page)).toEqual([]);
  await shot(ana.page, 'reply-notification', false);
  await expect(ana.page.getByRole('link', { name: 'Notifications', exact: true })).toBeVisible();

  await notice.getByRole('link', { name: question!.title.en! }).click();
  await expect(ana.page.getByRole('heading', { level: 1, name: question!.title.en! })).toBeVisible();
  await expect(
    ana.page.getByRole('article', { name: 'Reply by Ben Okafor' }).filter({ hasText: answer }),
  ).toBeVisible();

  // Arabic, right to left.
  const arabic = await newDevice(server.url, { uiLang: 'ar' });
  await signInByApi(arabic.context, DEMO.ana);
  await arabic.page.goto('/notifications');
  await expect(
    arabic.page.getByRole('article', { name: 'ردّ Ben Okafor على مشاركتك' }).filter({ hasText: answer }),
  ).toBeVisible();
  expect(await axeViolations(arabic.page)).toEqual([]);
  await shot(arabic.page, 'reply-notification-ar', false);
});

test('Settings offers reply e-mails, and says plainly when this browser cannot show notifications', async ({
  newDevice,
}) => {
  const ana = await newDevice(server.url);
  await ana.context.grantPermissions(['notifications']);
  await signIn(ana.page, DEMO.ana);
  await waitForServiceWorker(ana.page);
  await ana.page.goto('/settings');

  const replies = ana.page.getByRole('checkbox', { name: 'E-mail me when someone replies to me' });
  await expect(replies).not.toBeChecked();
  await replies.check();
  await expect(replies).toBeChecked();
  await ana.page.reload();
  await expect(
    ana.page.getByRole('checkbox', { name: 'E-mail me when someone replies to me' }),
  ).toBeChecked();

  await expect(ana.page.getByRole('heading', { name: 'Notifications on this device' })).toBeVisible();
  const turnOn = ana.page.getByRole('button', { name: 'Turn on notifications' });
  const box = await turnOn.boundingBox();
  expect(box?.height).toBeGreaterThanOrEqual(44);
  // Chromium without a push service: subscribing fails, and the setting says what that means.
  await turnOn.click();
  await expect(ana.page.getByRole('alert')).toContainText(
    'This browser cannot receive notifications from Parley',
  );
  await expect(turnOn).toHaveCount(0);
  expect(await axeViolations(ana.page)).toEqual([]);
  await ana.page.getByRole('heading', { name: 'Notifications on this device' }).scrollIntoViewIfNeeded();
  await shot(ana.page, 'push-setting', false);
});
