import { readFileSync } from 'node:fs';
import { expect, serverForThisFile, test } from '../support/fixtures';
import type { Space } from '@parley/shared';
import { DEMO, DEMO_PASSWORD, DEMO_SPACE, openFirstQuestion, signIn } from '../support/journeys';
import { apiGet, publicBodies, shot } from '../support/moderation-api';
import { apiSession } from '../support/server-api';

const server = serverForThisFile();

test('download my data, then delete my account; the password is asked and checked', async ({ newDevice }) => {
  const { page } = await newDevice(server.url);
  await signIn(page, DEMO.ben);
  await page.goto('/settings');
  const account = page.getByRole('region', { name: 'Your account' });
  await expect(account).toBeVisible();
  await shot(page, 'settings-account');

  const download = page.waitForEvent('download');
  await account.getByRole('button', { name: 'Download my data' }).click();
  const file = await (await download).path();
  const data = JSON.parse(readFileSync(file, 'utf8')) as { account: { email: string }; posts: unknown[] };
  expect(data.account.email).toBe(DEMO.ben);
  expect(Array.isArray(data.posts)).toBe(true);

  // Decision e-mails: off by default, kept on the account (a reload asks the server again).
  const emails = account.getByRole('checkbox', { name: 'E-mail me when a moderator decides on my posts' });
  await expect(emails).not.toBeChecked();
  await emails.check();
  await expect(page.getByText('Decision e-mails are on.')).toBeAttached();
  await page.reload();
  await expect(emails).toBeChecked();
  const me = (await (await page.request.get(`${server.url}/api/auth/me`)).json()) as unknown;
  expect(me).toMatchObject({ notifyByEmail: true });

  // The demo space keeps posts: said in plain words, and no choice is offered.
  await expect(
    account.getByText(/your posts stay in their discussions, shown as “Former participant”/),
  ).toBeVisible();
  await expect(account.getByRole('group', { name: 'Your posts in spaces that let you choose' })).toHaveCount(
    0,
  );

  await account.getByLabel('Your password, to confirm').fill('not my password');
  await account.getByRole('button', { name: 'Delete my account' }).click();
  await expect(account.getByRole('alert')).toHaveText('That password is not right.');

  await account.getByLabel('Your password, to confirm').fill(DEMO_PASSWORD);
  await account.getByRole('button', { name: 'Delete my account' }).click();
  await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: DEMO.ben, password: DEMO_PASSWORD }),
  });
  expect(login.status).toBe(401);
});

test('quick exit leaves at once for a neutral site, and Back does not return to the app', async ({
  newDevice,
}) => {
  const { page } = await newDevice(server.url);
  // No network here: the neutral site answers from the test.
  await page.route('https://www.wikipedia.org/**', (route) =>
    route.fulfill({ contentType: 'text/html', body: '<title>Wikipedia</title>' }),
  );
  await page.goto('/');
  await page.goto('/settings');
  await shot(page, 'quick-exit', false);
  await page.getByRole('button', { name: 'Quick exit' }).click();
  await expect(page).toHaveURL('https://www.wikipedia.org/');
  await page.goBack();
  // The entry replaced was /settings: Back lands on the page before it, never on the one left.
  expect(page.url()).not.toContain('/settings');
});

test('signing out on a shared phone can wipe drafts too; by default they stay, hidden until the author is back', async ({
  newDevice,
}) => {
  const { page } = await newDevice(server.url);
  const signOut = async (wipe: boolean) => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sign out' });
    if (wipe) await dialog.getByLabel('This phone is shared: also remove my drafts and saved files').check();
    await shot(page, wipe ? 'sign-out-wipe' : 'sign-out', false);
    await dialog.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
  };
  const draftCount = page.getByTestId('drafts-count');

  await signIn(page, DEMO.ana);
  await openFirstQuestion(page);
  await page.getByLabel('Your comment').fill('a half-written thought');
  await expect(draftCount).toHaveText('1');
  await signOut(false);
  // Kept on the phone for Ana, out of sight of whoever uses it next.
  await expect(draftCount).toHaveCount(0);

  await signIn(page, DEMO.ana);
  await expect(draftCount).toHaveText('1');
  await signOut(true);
  await expect(draftCount).toHaveCount(0);
  await signIn(page, DEMO.ana);
  await expect(draftCount).toHaveCount(0);
  await page.goto('/drafts');
  await expect(page.getByText('a half-written thought')).toHaveCount(0);
});

// Last in this file: it changes the demo space's policy and deletes Ana.
test('where the space lets the author choose, deleting the account can remove their posts for everyone', async ({
  newDevice,
}) => {
  const anasPost = /^En nuestra ciudad, el ayuntamiento/;
  expect((await publicBodies(server.url)).some((b) => anasPost.test(b))).toBe(true);
  // An administrator sets the demo space to "author chooses" (as the organiser's device would push it).
  const admin = await apiSession(server.url, DEMO.admin);
  const spaces = await apiGet<{ documents: Space[] }>(
    server.url,
    '/api/sync/spaces/pull?limit=100',
    admin.cookie,
  );
  const space = spaces.documents.find((s) => s.slug === DEMO_SPACE)!;
  const pushed = await fetch(`${server.url}/api/sync/spaces/push`, {
    method: 'POST',
    headers: admin.pushHeaders,
    body: JSON.stringify([
      { assumedMasterState: space, newDocumentState: { ...space, deletionPolicy: 'author-chooses' } },
    ]),
  });
  expect(await pushed.json()).toEqual([]);

  const { page } = await newDevice(server.url);
  await signIn(page, DEMO.ana);
  await page.goto('/settings');
  const account = page.getByRole('region', { name: 'Your account' });
  await expect(account.getByText(/, you choose below\./)).toBeVisible();
  const choice = account.getByRole('group', { name: 'Your posts in spaces that let you choose' });
  await expect(choice.getByRole('radio', { name: /^Keep them/ })).toBeChecked();
  await choice.getByRole('radio', { name: 'Remove them' }).check();
  await shot(page, 'delete-account-choice');
  await account.getByLabel('Your password, to confirm').fill(DEMO_PASSWORD);
  await account.getByRole('button', { name: 'Delete my account' }).click();
  await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();

  // Gone for every reader; other people's posts stay.
  const after = await publicBodies(server.url);
  expect(after.some((b) => anasPost.test(b))).toBe(false);
  expect(after.some((b) => b.startsWith('That matches what we saw'))).toBe(true);
});
