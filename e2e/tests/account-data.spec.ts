import { readFileSync } from 'node:fs';
import { expect, test } from '../support/fixtures';
import { DEMO, DEMO_PASSWORD, openFirstQuestion, signIn } from '../support/journeys';
import { shot } from '../support/moderation-api';
import { startServer, type RunningServer } from '../support/server';

let server: RunningServer;
test.beforeAll(async () => {
  server = await startServer();
});
test.afterAll(async () => {
  await server?.stop();
});

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

test('signing out on a shared phone can wipe drafts too; by default drafts stay', async ({ newDevice }) => {
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
  await expect(draftCount).toHaveText('1');

  await signIn(page, DEMO.ana);
  await signOut(true);
  await expect(draftCount).toHaveCount(0);
  await page.goto('/drafts');
  await expect(page.getByText('a half-written thought')).toHaveCount(0);
});
