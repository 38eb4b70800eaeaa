import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { axeViolations } from '../support/axe';
import { expect, serverForThisFile, test } from '../support/fixtures';
import { DEMO, openFirstQuestion, signIn } from '../support/journeys';
import { mailsIn } from '../support/mailbox';
import { approvePosts, shot } from '../support/moderation-api';
import { signInByApi } from '../support/screens';
import { serverPosts } from '../support/server-api';

// Sign-up through the e-mailed link (written to DATA_DIR/mail), as a real deployment does.
const server = serverForThisFile({ SIGNUP_CONFIRMATION: 'email' });

// Issue 19, item 5: who is speaking. A participant changes their display name and sets the
// organisation they speak for in Settings; a new post shows "Name · Organisation" to another
// reader once a moderator approved it. Screenshots land in SHOTS_DIR when it is set.
if (process.env.SHOTS_DIR) mkdirSync(process.env.SHOTS_DIR, { recursive: true });

async function expectTouchSized(page: Page, name: string): Promise<void> {
  const box = await page.getByRole('button', { name }).boundingBox();
  expect(box?.height).toBeGreaterThanOrEqual(44);
  expect(box?.width).toBeGreaterThanOrEqual(44);
}

test('a participant changes their name and organisation; another reader sees "Name · Organisation" after approval', async ({
  newDevice,
}) => {
  const text = `The help desk at the crossing needs Arabic speakers on weekends (${Date.now()}).`;

  const ana = await newDevice(server.url);
  await signIn(ana.page, DEMO.ana);
  await ana.page.goto('/settings');
  const name = ana.page.getByLabel('Display name');
  const organisation = ana.page.getByLabel('Organisation (optional)');
  await expect(name).toHaveValue('Ana Lima');
  await name.fill('Ana M. Lima');
  await organisation.fill('  Border Aid Network ');
  await ana.page.getByRole('button', { name: 'Save name and organisation' }).click();
  await expect(ana.page.getByText('Your name and organisation are saved.')).toBeAttached();
  await expect(organisation).toHaveValue('Border Aid Network');
  await expectTouchSized(ana.page, 'Save name and organisation');
  expect(await axeViolations(ana.page)).toEqual([]);
  await ana.page.getByRole('heading', { name: 'Your name on posts' }).scrollIntoViewIfNeeded();
  await shot(ana.page, 'who-settings', false);

  // A name of only spaces is refused, and the form says why.
  await name.fill('   ');
  await ana.page.getByRole('button', { name: 'Save name and organisation' }).click();
  await expect(ana.page.getByRole('alert')).toContainText('The name needs 1 to 80 characters');
  await name.fill('Ana M. Lima');

  // A new comment carries the organisation from the account.
  await openFirstQuestion(ana.page);
  await ana.page.getByLabel('Your comment').fill(text);
  await ana.page.getByRole('button', { name: 'Post' }).click();
  const own = ana.page.getByRole('article', { name: 'Comment by Ana M. Lima · Border Aid Network' }).filter({
    hasText: text,
  });
  await expect(own).toBeVisible();

  // Ben reads the thread: nothing of it yet, then the moderator approves and it arrives.
  const ben = await newDevice(server.url);
  await signIn(ben.page, DEMO.ben);
  await openFirstQuestion(ben.page);
  await expect(ben.page.getByText(text)).toHaveCount(0);

  await expect
    .poll(async () => (await serverPosts(server.url)).find((p) => p.body === text)?.id)
    .toBeTruthy();
  const post = (await serverPosts(server.url)).find((p) => p.body === text);
  expect(post?.authorOrganisation).toBe('Border Aid Network');
  // The moderator's queue says who is speaking, as readers will see it.
  const mod = await newDevice(server.url);
  await signIn(mod.page, DEMO.regionalModerator);
  await mod.page.goto('/moderate');
  const card = mod.page
    .getByRole('article', { name: 'Pending post by Ana M. Lima' })
    .filter({ hasText: text });
  await expect(card.getByText('· Border Aid Network')).toBeVisible();
  await approvePosts(server.url, DEMO.regionalModerator, [post!.id]);

  const seen = ben.page.getByRole('article', { name: 'Comment by Ana M. Lima · Border Aid Network' }).filter({
    hasText: text,
  });
  await expect(seen).toBeVisible();
  await expect(seen.getByText('Ana M. Lima · Border Aid Network')).toBeVisible();
  // Her earlier published posts carry the new name too: one name everywhere.
  await expect(ben.page.getByRole('article', { name: /by Ana Lima$/ })).toHaveCount(0);
  expect(await axeViolations(ben.page)).toEqual([]);
  await seen.scrollIntoViewIfNeeded();
  await shot(ben.page, 'who-thread', false);

  // The same thread and settings in Arabic, right to left.
  const arabic = await newDevice(server.url, { uiLang: 'ar' });
  await signInByApi(arabic.context, DEMO.ana);
  await arabic.page.goto('/settings');
  await expect(arabic.page.getByLabel('الجهة (اختياري)')).toHaveValue('Border Aid Network');
  expect(await axeViolations(arabic.page)).toEqual([]);
  await arabic.page.getByLabel('الجهة (اختياري)').scrollIntoViewIfNeeded();
  await shot(arabic.page, 'who-settings-ar', false);
  await openFirstQuestion(arabic.page);
  const inArabic = arabic.page.getByRole('article').filter({ hasText: text });
  await expect(inArabic.getByText('Ana M. Lima · Border Aid Network')).toBeVisible();
  await inArabic.scrollIntoViewIfNeeded();
  await shot(arabic.page, 'who-thread-ar', false);
});

test('the organisation typed at sign-up is kept when the e-mailed link is opened, on another device too', async ({
  newDevice,
}) => {
  const { page } = await newDevice(server.url);
  const email = `omar-${Date.now()}@parley.test`;
  await page.goto('/signup');
  await page.getByLabel('Display name').fill('Omar Haddad');
  await page.getByLabel('Organisation (optional)').fill('Riverside Residents');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill('omar-secret-1');
  expect(await axeViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Check your email' })).toBeVisible();

  const [mail] = await mailsIn(server.dataDir, email);
  const link = /(http:\/\/\S+\/finish-sign-up#token=[\w-]+)/.exec(mail!.text)![1]!;
  // The mail is read on a computer: the organisation was kept by the server, not the phone.
  const computer = await newDevice(server.url);
  await computer.page.goto(link);
  await expect(computer.page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await computer.page.goto('/settings');
  await expect(computer.page.getByLabel('Display name')).toHaveValue('Omar Haddad');
  await expect(computer.page.getByLabel('Organisation (optional)')).toHaveValue('Riverside Residents');
});
