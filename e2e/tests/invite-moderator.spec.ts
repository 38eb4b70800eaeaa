import type { Locator } from '@playwright/test';
import { axeViolations } from '../support/axe';
import { expect, serverForThisFile, test } from '../support/fixtures';
import { DEMO, signIn } from '../support/journeys';
import { mailsIn } from '../support/mailbox';
import { demoQuestions, pushPosts, shot } from '../support/moderation-api';

const server = serverForThisFile();

// Issue 19, item 3: an organiser invites a moderator of one question by e-mail; the invitee opens
// the link, creates the account and sees only that question's pending posts. Screenshots land in
// SHOTS_DIR when it is set.

/** Every control a thumb has to hit: at least 44 px high. */
async function expectTouchSized(...controls: Locator[]): Promise<void> {
  for (const control of controls) {
    const box = await control.boundingBox();
    expect(box, String(control)).not.toBeNull();
    expect(box!.height).toBeGreaterThanOrEqual(44);
  }
}

test('an organiser invites a question moderator by e-mail; the invitee sees only that question in the queue', async ({
  newDevice,
}) => {
  const [first, second] = await demoQuestions(server.url);
  const stamp = Date.now();
  const onFirst = `On the first question ${stamp}`;
  const onSecond = `On the second question ${stamp}`;
  await pushPosts(server.url, DEMO.ana, first!, [onFirst]);
  await pushPosts(server.url, DEMO.ben, second!, [onSecond]);
  const invitee = `new-moderator-${stamp}@example.org`;

  // 1. The organiser invites from the team screen: moderator of the first question only.
  const organiser = await newDevice(server.url);
  await signIn(organiser.page, DEMO.admin);
  await organiser.page.goto('/moderate/team');
  // The demo's question moderator is listed with the question she moderates.
  const team = organiser.page.getByRole('region', { name: 'Who moderates this space' });
  const leila = team.getByRole('listitem').filter({ hasText: 'Leïla Haddad' }).first();
  await expect(leila.getByText('questions', { exact: true })).toBeVisible();
  await expect(leila.getByText(/^Question 2\./)).toBeVisible();
  await shot(organiser.page, 'invite-team-list', team);
  const form = organiser.page.getByRole('region', { name: 'Invite by e-mail' });
  await expect(form).toBeVisible();
  await form.getByLabel('E-mail address to invite').fill(invitee);
  await form.getByRole('radio', { name: 'Moderator of one question' }).check();
  await form.getByLabel('Question', { exact: true }).selectOption(first!.id);
  await expectTouchSized(
    form.getByRole('radio', { name: 'Moderator of one question' }).locator('xpath=..'),
    form.getByRole('button', { name: 'Send the invitation' }),
  );
  await form.getByRole('button', { name: 'Send the invitation' }).click();
  await expect(form.getByRole('status')).toHaveText(
    `Invitation sent to ${invitee}. The link works for 7 days.`,
  );
  expect(await axeViolations(organiser.page)).toEqual([]);
  await shot(organiser.page, 'invite-team', form);

  // 2. The e-mail carries the link (the e2e server writes its mail to DATA_DIR/mail).
  const [mail] = await mailsIn(server.dataDir, invitee);
  expect(mail!.subject).toBe('Parley Admin invites you to Parley');
  const link = /(http:\/\/[^\s]+\/invitation#token=[\w-]+)/.exec(mail!.text)?.[1];
  expect(link, mail!.text).toBeTruthy();

  // The page in Arabic, right to left (looking does not use the link up).
  const arabic = await newDevice(server.url, { uiLang: 'ar' });
  await arabic.page.goto(link!);
  await expect(arabic.page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(arabic.page.getByRole('button', { name: 'قبول الدعوة وإنشاء حسابي' })).toBeVisible();
  expect(await axeViolations(arabic.page)).toEqual([]);
  await shot(arabic.page, 'invite-page-ar');

  // 3. The invitee opens it, chooses a name and a password: the account is made and signed in.
  const phone = await newDevice(server.url);
  await phone.page.goto(link!);
  await expect(phone.page.getByRole('heading', { level: 1, name: 'Invitation' })).toBeVisible();
  await expect(
    phone.page.getByText(/Parley Admin invites you to moderate the question “Question 1\./),
  ).toBeVisible();
  await expect(phone.page).not.toHaveURL(/token=/);
  expect(await axeViolations(phone.page)).toEqual([]);
  await shot(phone.page, 'invite-page');
  await phone.page.getByLabel('Display name').fill('Nadia Moderator');
  await phone.page.getByLabel('Password', { exact: true }).fill('a long new password');
  await phone.page.getByRole('button', { name: 'Accept and create my account' }).click();

  // 4. Straight to the queue: the first question's pending post, never the second's.
  await expect(phone.page.getByRole('heading', { level: 1, name: 'Moderation queue' })).toBeVisible();
  const mine = phone.page
    .getByRole('article', { name: 'Pending post by Ana Lima' })
    .filter({ hasText: onFirst });
  await expect(mine).toBeVisible({ timeout: 30_000 });
  await expect(phone.page.getByText(onSecond)).toHaveCount(0);
  expect(await axeViolations(phone.page)).toEqual([]);
  await shot(phone.page, 'invite-queue');

  // 5. The space page says who moderates which question (the demo's Leïla has the second).
  await phone.page.goto('/s/regional-review');
  const questions = phone.page.getByRole('region', { name: 'Guiding questions' });
  await expect(questions.getByText('Moderated by Nadia Moderator')).toBeVisible({ timeout: 30_000 });
  await expect(questions.getByText('Moderated by Leïla Haddad')).toBeVisible();
  await shot(phone.page, 'invite-space-questions', questions.getByText('Moderated by Nadia Moderator'));

  // 6. The link works once.
  const again = await newDevice(server.url);
  await again.page.goto(link!);
  await expect(again.page.getByText('This invitation was already accepted.', { exact: false })).toBeVisible();
  await shot(again.page, 'invite-used');
});
