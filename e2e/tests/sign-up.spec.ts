import type { Page } from '@playwright/test';
import { axeViolations } from '../support/axe';
import { expect, serverForThisFile, test } from '../support/fixtures';
import { DEMO } from '../support/journeys';
import { mailsIn, signUpTokenIn } from '../support/mailbox';
import { shot } from '../support/moderation-api';

// No SMTP_URL: the server writes its e-mails to DATA_DIR/mail, as in a demo; sign-up by e-mailed
// link is asked for (without SMTP it would otherwise sign up at once).
const server = serverForThisFile({ SIGNUP_CONFIRMATION: 'email' });

/** The one e-mail the server wrote to `address` (it leaves just after the 202 answer). */
async function mailTo(address: string) {
  const mails = await mailsIn(server.dataDir, address);
  expect(mails).toHaveLength(1);
  return mails[0]!;
}

/** Fills the sign-up form and sends it; resolves with the server's answer. */
async function signUp(page: Page, person: { name: string; email: string; password: string }) {
  await page.goto('/signup');
  await expect(page.getByRole('heading', { level: 1, name: 'Create an account' })).toBeVisible();
  await page.getByLabel('Display name').fill(person.name);
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password', { exact: true }).fill(person.password);
  const answer = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/auth/register');
  await page.getByRole('button', { name: 'Create account' }).click();
  const response = await answer;
  await expect(page.getByRole('heading', { level: 1, name: 'Check your email' })).toBeVisible();
  return { status: response.status(), body: (await response.json()) as unknown };
}

/** The "check your email" screen's text, the address taken out: it must not depend on it. */
async function sentScreen(page: Page, email: string): Promise<string> {
  return (await page.getByRole('main').innerText()).replaceAll(email, '<address>');
}

test('a new person signs up, opens the e-mailed link once, and is signed in', async ({ newDevice }) => {
  // No service worker on this phone: the test holds and cuts the confirm request (page.route does
  // not see what a service worker fetches).
  const { page } = await newDevice(server.url, { context: { serviceWorkers: 'block' } });
  const email = `nadia-${Date.now()}@parley.test`;

  const answer = await signUp(page, { name: 'Nadia Newcomer', email, password: 'nadia-secret-1' });
  expect(answer).toEqual({ status: 202, body: { accepted: true } });
  const status = page.getByRole('main').getByRole('status');
  await expect(status).toContainText(email);
  await expect(status).toContainText('The link works for 24 hours.');
  await expect(status).toContainText('If this address already has an account, the email says so');
  // Nobody is signed in until the link is opened.
  await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
  expect(await axeViolations(page)).toEqual([]);
  await shot(page, 'sign-up-sent');

  // "Use another address": back to the form as it was, on the address.
  await page.getByRole('button', { name: 'Use another address' }).click();
  await expect(page.getByLabel('Email')).toBeFocused();
  await expect(page.getByLabel('Email')).toHaveValue(email);
  await expect(page.getByLabel('Display name')).toHaveValue('Nadia Newcomer');

  const mail = await mailTo(email);
  expect(signUpTokenIn(mail), mail.text).not.toBeNull();
  const link = /(http:\/\/\S+\/finish-sign-up#token=[\w-]+)/.exec(mail.text)![1]!;

  // The first try finds no connection: the page waits, then says so and offers to try again.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/auth/register/confirm', async (route) => {
    await held;
    await route.abort('internetdisconnected');
  });
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1, name: 'Finish creating your account' })).toBeVisible();
  await expect(page.getByRole('main').getByRole('status')).toHaveText('Creating your account…');
  // The token is taken out of the address bar at once.
  expect(new URL(page.url()).hash).toBe('');
  expect(await axeViolations(page)).toEqual([]);
  release();
  await expect(page.getByRole('main').getByRole('alert')).toContainText(
    'Finishing your account needs the internet',
  );
  expect(await axeViolations(page)).toEqual([]);
  await shot(page, 'finish-sign-up-offline');

  await page.unroute('**/api/auth/register/confirm');
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  expect(new URL(page.url()).pathname).toBe('/');
  const me = (await (await page.request.get('/api/auth/me')).json()) as { displayName: string };
  expect(me.displayName).toBe('Nadia Newcomer');

  // The same link a second time: refused, with a way to sign up again.
  await page.goto(link);
  await expect(page.getByRole('main').getByRole('alert')).toContainText(
    'This link has expired or was already used.',
  );
  await expect(page.getByRole('link', { name: 'Sign up again' })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await shot(page, 'finish-sign-up-used');
});

test('an address that already has an account gets the same screen, and an e-mail without a link', async ({
  newDevice,
}) => {
  const stranger = await newDevice(server.url);
  const fresh = `someone-${Date.now()}@parley.test`;
  const freshAnswer = await signUp(stranger.page, {
    name: 'Someone',
    email: fresh,
    password: 'some-secret-1',
  });

  const owner = await newDevice(server.url);
  const takenAnswer = await signUp(owner.page, {
    name: 'Someone',
    email: DEMO.ana,
    password: 'some-secret-1',
  });

  // Nothing on the page, in the answer or in the screen, tells the two apart.
  expect(takenAnswer).toEqual(freshAnswer);
  expect(await sentScreen(owner.page, DEMO.ana)).toBe(await sentScreen(stranger.page, fresh));
  await expect(owner.page.getByRole('main').getByRole('status')).toContainText(DEMO.ana);
  await expect(owner.page.getByRole('button', { name: 'Sign out' })).toHaveCount(0);

  // Only the owner of the address learns which it was: a note, and no link that would create anything.
  const mail = await mailTo(DEMO.ana);
  expect(signUpTokenIn(mail)).toBeNull();
  expect(mail.text).not.toContain('finish-sign-up');
  expect(mail.text).not.toContain('token=');
  expect(mail.text).toMatch(/http:\/\/\S+\/signin\b/);
  expect(signUpTokenIn(await mailTo(fresh))).not.toBeNull();

  // The same screen in Arabic (right to left), picked from the header's language menu.
  await owner.page
    .getByRole('combobox', { name: 'Language', exact: true })
    .selectOption({ label: 'العربية' });
  await expect(owner.page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(owner.page.getByRole('heading', { level: 1, name: 'تحقق من بريدك الإلكتروني' })).toBeVisible();
  await expect(owner.page.getByRole('main').getByRole('status')).toContainText(DEMO.ana);
  expect(await axeViolations(owner.page)).toEqual([]);
  await shot(owner.page, 'sign-up-sent-ar');
});
