import { expect, serverForThisFile, test } from '../support/fixtures';
import { DEMO, openFirstQuestion, signIn } from '../support/journeys';
import { apiGet, publicBodies, shot } from '../support/moderation-api';
import { apiSignIn } from '../support/server-api';

const server = serverForThisFile();

// An anonymous post: only the queue names its author. Once published it is flagged by a reader,
// comes back to the queue with the flag, and the moderator hides it; the author is told why.
test('anonymous in public, named in the queue; a flag brings a post back; hidden reaches everyone', async ({
  newDevice,
}) => {
  const text = `The mayor's office ignores our letters, I will say no more (${Date.now()}).`;
  const ana = await newDevice(server.url);
  await signIn(ana.page, DEMO.ana);
  await openFirstQuestion(ana.page);
  await ana.page.getByLabel('Your comment').fill(text);
  await ana.page.getByLabel('Post as Anonymous').check();
  await ana.page.getByRole('button', { name: 'Post', exact: true }).click();
  await expect(
    ana.page.getByRole('article').filter({ hasText: text }).getByText('Awaiting moderation'),
  ).toBeVisible();

  const mod = await newDevice(server.url);
  await signIn(mod.page, DEMO.regionalModerator);
  await mod.page.goto('/moderate');
  const item = mod.page.getByRole('article', { name: 'Pending post by Ana Lima' }).filter({ hasText: text });
  await expect(item.getByText('posted as Anonymous')).toBeVisible();
  await item.getByRole('button', { name: 'Approve' }).click();

  // In the thread, even the moderator reads "Anonymous".
  await openFirstQuestion(mod.page);
  const modView = mod.page.getByRole('article', { name: 'Comment by Anonymous' }).filter({ hasText: text });
  await expect(modView).toBeVisible();
  await expect(mod.page.getByRole('article', { name: /Ana Lima/ }).filter({ hasText: text })).toHaveCount(0);
  await expect(modView.getByRole('button', { name: 'Hide' })).toBeVisible();

  // Ben reads it as Anonymous and flags it.
  const ben = await newDevice(server.url);
  await signIn(ben.page, DEMO.ben);
  await openFirstQuestion(ben.page);
  const benView = ben.page.getByRole('article', { name: 'Comment by Anonymous' }).filter({ hasText: text });
  await benView.getByRole('button', { name: 'Flag' }).click();
  const flagDialog = ben.page.getByRole('dialog', { name: 'Flag this post to the moderators' });
  await flagDialog.getByLabel('What is wrong with it?').fill('It accuses a named office without evidence');
  await shot(ben.page, 'flag-dialog', false);
  await flagDialog.getByRole('button', { name: 'Send flag' }).click();
  await expect(benView.getByText('Flagged: the moderators will look at it')).toBeVisible();

  // Back in the queue, with the flag; still public meanwhile.
  expect(await publicBodies(server.url)).toContain(text);
  await mod.page.goto('/moderate');
  const flagged = mod.page
    .getByRole('article', { name: 'Flagged post by Ana Lima' })
    .filter({ hasText: text });
  await expect(flagged.getByText('It accuses a named office without evidence')).toBeVisible();
  await expect(flagged.getByText('Flagged once')).toBeVisible();
  await shot(mod.page, 'queue-flagged');
  await flagged.getByRole('button', { name: 'Hide' }).click();
  const hideDialog = mod.page.getByRole('dialog', { name: 'Hide post' });
  await hideDialog.getByLabel('Another reason (write it)').check();
  await hideDialog
    .getByLabel('Reason', { exact: true })
    .fill('Unsupported accusation against a public office');
  await hideDialog.getByRole('button', { name: 'Hide post' }).click();
  await expect(flagged).toHaveCount(0);

  // Gone from Ben's phone without a reload, and from the public.
  await expect(benView).toHaveCount(0, { timeout: 30_000 });
  await expect.poll(async () => (await publicBodies(server.url)).includes(text)).toBe(false);
  // Ana is told, with the reason.
  await ana.page.getByRole('link', { name: /^Notifications, \d unread/ }).click();
  const notice = ana.page.getByRole('article', { name: 'Your post was hidden by a moderator' });
  await expect(notice.getByText('Unsupported accusation against a public office')).toBeVisible();
  // On her phone it stays, marked hidden, and nobody is offered a reply to what no one can read.
  await openFirstQuestion(ana.page);
  const own = ana.page.getByRole('article').filter({ hasText: text });
  await expect(own).toBeVisible();
  await expect(own.getByRole('button', { name: 'Reply', exact: true })).toHaveCount(0);

  // The published tab lists it as hidden, with Restore; the log has approve and hide.
  await mod.page.goto('/moderate/published');
  await expect(
    mod.page
      .getByRole('article', { name: 'Hidden post by Anonymous' })
      .getByRole('button', { name: 'Restore' }),
  ).toBeVisible();
  await shot(mod.page, 'published');
});

test('an administrator assigns and removes a regional moderator in the app', async ({ newDevice }) => {
  const admin = await newDevice(server.url);
  await signIn(admin.page, DEMO.admin);
  await admin.page.goto('/moderate/team');
  await expect(admin.page.getByRole('heading', { level: 1, name: 'Moderators' })).toBeVisible();
  await expect(admin.page.getByRole('listitem').filter({ hasText: 'Tomás Reyes' })).toBeVisible();
  await admin.page.getByLabel('Account e-mail').fill(DEMO.ben);
  await admin.page.getByRole('button', { name: 'Make moderator' }).click();
  await expect(admin.page.getByRole('main').getByText(`${DEMO.ben} now moderates this space.`)).toBeVisible();
  await expect(admin.page.getByRole('listitem').filter({ hasText: 'Ben Okafor' })).toBeVisible();
  await shot(admin.page, 'team');
  const cookie = await apiSignIn(server.url, DEMO.ben);
  expect(
    (await apiGet<{ moderatorOf: string[] }>(server.url, '/api/auth/me', cookie)).moderatorOf,
  ).toHaveLength(1);

  await admin.page.getByLabel('Account e-mail').fill(DEMO.ben);
  await admin.page.getByRole('button', { name: 'Remove' }).click();
  await expect(
    admin.page.getByRole('main').getByText(`${DEMO.ben} no longer moderates this space.`),
  ).toBeVisible();
  expect((await apiGet<{ moderatorOf: string[] }>(server.url, '/api/auth/me', cookie)).moderatorOf).toEqual(
    [],
  );

  // A participant has no such screen, and the server refuses them anyway.
  const res = await fetch(`${server.url}/api/spaces/regional-review/moderators`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify({ email: DEMO.ana }),
  });
  expect(res.status).toBe(403);
});
