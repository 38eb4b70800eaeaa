import { expect, serverForThisFile, test } from '../support/fixtures';
import { DEMO, openFirstQuestion, signIn } from '../support/journeys';

const server = serverForThisFile();

test('a reply travels from one phone, through a moderator on another, to a third without a reload', async ({
  newDevice,
}) => {
  const text = `From the border crossing at dawn: the new help desk works (${Date.now()}).`;

  // Ben is already reading the thread when Ana replies.
  const ben = await newDevice(server.url);
  await signIn(ben.page, DEMO.ben);
  await openFirstQuestion(ben.page);

  const ana = await newDevice(server.url);
  await signIn(ana.page, DEMO.ana);
  await openFirstQuestion(ana.page);
  const firstComment = ana.page.getByRole('article').first();
  await firstComment.getByRole('button', { name: 'Reply' }).first().click();
  await ana.page.getByLabel('Your reply').fill(text);
  await ana.page.getByRole('button', { name: 'Post' }).click();

  const anasReply = ana.page.getByRole('article', { name: 'Reply by Ana Lima' }).filter({ hasText: text });
  await expect(anasReply).toBeVisible();
  await expect(anasReply.getByText('Awaiting moderation')).toBeVisible();

  // Pending text never reaches another participant.
  await expect(ben.page.getByText(text)).toHaveCount(0);

  const moderator = await newDevice(server.url);
  await signIn(moderator.page, DEMO.regionalModerator);
  await moderator.page.getByRole('link', { name: /^Moderation/ }).click();
  await expect(moderator.page.getByRole('heading', { level: 1, name: 'Moderation queue' })).toBeVisible();
  const item = moderator.page
    .getByRole('article', { name: 'Pending post by Ana Lima' })
    .filter({ hasText: text });
  await item.getByRole('button', { name: 'Approve' }).click();
  await expect(item).toHaveCount(0);

  // Ben's page was never reloaded: the approved reply arrives over the live stream.
  await expect(
    ben.page.getByRole('article', { name: 'Reply by Ana Lima' }).filter({ hasText: text }),
  ).toBeVisible();

  // Ana learns that her reply is published.
  await ana.page.getByRole('link', { name: 'My posts' }).click();
  await expect(ana.page.getByRole('heading', { level: 1, name: 'My posts' })).toBeVisible();
  await expect(
    ana.page.getByRole('main').getByRole('article').filter({ hasText: text }).getByText('Published'),
  ).toBeVisible();
});
