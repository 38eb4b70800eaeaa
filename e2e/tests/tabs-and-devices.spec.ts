import { expect, test } from '../support/fixtures';
import { DEMO, DEMO_SPACE, openFirstQuestion, signIn } from '../support/journeys';
import { startServer, type RunningServer } from '../support/server';

let server: RunningServer;
test.beforeAll(async () => {
  server = await startServer();
});
test.afterAll(async () => {
  await server?.stop();
});

test('two tabs share one replication and update live; a second device sees its own posts', async ({
  newDevice,
}) => {
  const text = `Posted from the second tab (${Date.now()}).`;
  const { context, page: first } = await newDevice(server.url);
  await signIn(first, DEMO.ana);
  await openFirstQuestion(first);
  const threadUrl = first.url();

  // A second tab of the same app: one of the two leads replication, the other follows.
  const second = await context.newPage();
  await second.goto(threadUrl);
  await second.getByLabel('Your comment').fill(text);
  await second.getByRole('button', { name: 'Post' }).click();

  for (const page of [first, second]) {
    const post = page.getByRole('article', { name: 'Comment by Ana Lima' }).filter({ hasText: text });
    await expect(post.getByText('Awaiting moderation')).toBeVisible({ timeout: 20_000 });
  }
  // The draft typed in the second tab was discarded on posting: the first tab's count follows.
  await expect(first.getByRole('link', { name: 'Drafts', exact: true })).toBeVisible();

  // Ana's phone: her pending post is there too (nobody else sees it before moderation).
  const phone = await newDevice(server.url);
  await signIn(phone.page, DEMO.ana);
  await phone.page.getByRole('link', { name: 'My posts' }).click();
  await expect(
    phone.page
      .getByRole('main')
      .getByRole('article')
      .filter({ hasText: text })
      .getByText('Awaiting moderation'),
  ).toBeVisible();

  const ben = await newDevice(server.url);
  await ben.page.goto(`/s/${DEMO_SPACE}`);
  await openFirstQuestion(ben.page);
  await expect(ben.page.getByText(text)).toHaveCount(0);
});
