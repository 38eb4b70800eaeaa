import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '../support/fixtures';
import { DEMO, signIn } from '../support/journeys';
import { shot } from '../support/moderation-api';
import { startServer, type RunningServer } from '../support/server';

let server: RunningServer;
test.beforeAll(async () => {
  // No SMTP_URL: e-mails are written to DATA_DIR/mail, as in a demo.
  server = await startServer();
});
test.afterAll(async () => {
  await server?.stop();
});

/** The reset link of the newest .eml in DATA_DIR/mail (quoted-printable undone). */
async function linkFromMailFolder(): Promise<string> {
  const folder = join(server.dataDir, 'mail');
  let files: string[] = [];
  // The folder appears with the first e-mail, written just after the 202 answer.
  await expect
    .poll(() => (files = existsSync(folder) ? readdirSync(folder).sort() : []).length)
    .toBeGreaterThan(0);
  const raw = readFileSync(join(folder, files.at(-1)!), 'utf8')
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  expect(raw).toMatch(/^To: ben@parley\.test$/m);
  const m = /(http:\/\/\S+\/reset-password#token=[\w-]+)/.exec(raw);
  expect(m?.[1]).toBeDefined();
  return m![1]!;
}

test('forgot password: the e-mailed link sets a new password, used once', async ({ newDevice }) => {
  const { page } = await newDevice(server.url);
  await page.goto('/signin');
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await expect(page.getByRole('heading', { name: 'Forgot your password?' })).toBeVisible();
  await page.getByLabel('Email').fill(DEMO.ben);
  await shot(page, 'forgot-password');
  await page.getByRole('button', { name: 'Send the link' }).click();
  await expect(page.getByRole('main').getByRole('status')).toContainText(`If an account uses ${DEMO.ben}`);
  await shot(page, 'forgot-password-sent');

  const link = await linkFromMailFolder();
  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
  // The token is taken out of the address bar at once.
  expect(new URL(page.url()).hash).toBe('');
  await page.getByLabel('New password').fill('ben-new-secret');
  await shot(page, 'choose-new-password');
  await page.getByRole('button', { name: 'Save the new password' }).click();
  await expect(page.getByRole('main').getByRole('status')).toContainText('Your password is changed');
  await shot(page, 'choose-new-password-done');

  await signIn(page, DEMO.ben, 'ben-new-secret');

  // The same link a second time: refused, with a way to ask again.
  await page.goto(link);
  await page.getByLabel('New password').fill('another-secret');
  await page.getByRole('button', { name: 'Save the new password' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toContainText(
    'This link has expired or was already used.',
  );
  await expect(page.getByRole('link', { name: 'Ask for a new link' })).toBeVisible();
  await shot(page, 'choose-new-password-used');
});
