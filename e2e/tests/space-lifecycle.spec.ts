import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { Question } from '@parley/shared';
import { axeViolations } from '../support/axe';
import { expect, serverForThisFile, test } from '../support/fixtures';
import { DEMO, signIn } from '../support/journeys';
import { apiGet, approvePosts, pushPosts, shot } from '../support/moderation-api';
import { apiSession } from '../support/server-api';

const server = serverForThisFile();

// Issue 19, item 4: spaces as drafts. An organiser prepares a space unpublished (a participant's
// phone never receives it), publishes it, closes it (read-only, no composer) and removes a
// question, which leaves the participant's phone with its comments. Screenshots land in SHOTS_DIR.
const SHOTS = process.env.SHOTS_DIR;
if (SHOTS) mkdirSync(SHOTS, { recursive: true });

const DAY = 86_400_000;

/** The wall clock in UTC as `<input type="datetime-local">` takes it, to the minute. */
const wallClock = (ms: number) => new Date(ms).toISOString().slice(0, 16);

async function expectNoAxeViolations(page: Page): Promise<void> {
  expect(await axeViolations(page)).toEqual([]);
}

/** The organiser's questions, as the server holds them (an administrator's pull sees drafts). */
async function questionsOf(spaceSlug: string, title: string): Promise<Question> {
  const { cookie } = await apiSession(server.url, DEMO.admin);
  const spaces = await apiGet<{ documents: { id: string; slug: string }[] }>(
    server.url,
    '/api/sync/spaces/pull?limit=1000',
    cookie,
  );
  const spaceId = spaces.documents.find((s) => s.slug === spaceSlug)?.id;
  const questions = await apiGet<{ documents: Question[] }>(
    server.url,
    '/api/sync/questions/pull?limit=1000',
    cookie,
  );
  const question = questions.documents.find((q) => q.spaceId === spaceId && q.title.en === title);
  if (!question) throw new Error(`no question ${title} in ${spaceSlug}`);
  return question;
}

test('an organiser drafts, publishes and closes a space and removes a question; a participant sees only what is published', async ({
  newDevice,
}) => {
  test.setTimeout(240_000);
  const slug = `river-${Date.now()}`;
  const organiser = await newDevice(server.url);
  const o = organiser.page;
  await signIn(o, DEMO.admin);

  // 1. A draft: title, web address, one phase open now, two questions.
  await o.getByRole('link', { name: 'New space' }).click();
  await o.getByLabel('Title (English)').fill('River clean-up');
  await o.getByLabel('Introduction (English)').fill('Where should the clean-up start?');
  await o.getByLabel('Web address').fill(slug);
  // A new space comes with one phase to fill in.
  const phase = o.getByRole('group', { name: 'Phase 1' });
  await phase.getByLabel('Name (English)').fill('Listening');
  await phase.getByLabel('Time zone').fill('UTC');
  await phase.getByLabel('Opens').fill(wallClock(Date.now() - DAY));
  await phase.getByLabel('Closes').fill(wallClock(Date.now() + 10 * DAY));
  await o.getByRole('button', { name: 'Save space' }).click();
  await expect(o.getByRole('heading', { level: 1, name: 'Questions' })).toBeVisible();
  for (const title of ['Which stretch first?', 'Who should help?']) {
    await o.getByLabel('Question (English)').fill(title);
    await o.getByLabel('Explanation (English)').fill(`About: ${title}`);
    await o.getByRole('button', { name: 'Save question' }).click();
    await expect(o.getByRole('listitem').filter({ hasText: title })).toBeVisible();
  }
  const status = o.getByRole('region', { name: /^Status/ });
  await expect(status).toContainText('Draft');
  await expect(status).toContainText('Only organisers can see this space.');
  await expectNoAxeViolations(o);
  await shot(o, 'lifecycle-draft');

  // 2. A participant on another phone: the demo space arrives, the draft never does.
  const participant = await newDevice(server.url);
  const p = participant.page;
  await signIn(p, DEMO.ana);
  await p.goto('/');
  await expect(p.getByRole('link', { name: /Regional Review on Migration/ })).toBeVisible();
  await expect(p.getByRole('link', { name: 'River clean-up' })).toHaveCount(0);
  await p.goto(`/s/${slug}`);
  await expect(p.getByText('This space does not exist, or this device has not loaded it yet.')).toBeVisible();

  // 3. Publish, confirmed in a dialog.
  await status.getByRole('button', { name: 'Publish', exact: true }).click();
  const publish = o.getByRole('dialog', { name: 'Publish this space?' });
  await expect(publish).toContainText('A published space cannot go back to draft.');
  await expectNoAxeViolations(o);
  await shot(o, 'lifecycle-publish-dialog', false);
  await publish.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(status).toContainText('Published');
  await expect(status.getByRole('button', { name: 'Close the space' })).toBeVisible();

  // The participant's phone receives it, questions included, without a reload.
  await expect(p.getByRole('heading', { level: 1, name: 'River clean-up' })).toBeVisible();
  await p.getByRole('link', { name: 'Which stretch first?' }).click();
  await expect(p.getByRole('heading', { name: 'Add a comment' })).toBeVisible();

  // Comments on the second question, approved, so that removing it takes something with it.
  const second = await questionsOf(slug, 'Who should help?');
  const ids = await pushPosts(server.url, DEMO.ana, second, ['The school could help.', 'And the anglers.']);
  await approvePosts(server.url, DEMO.admin, ids);

  // 4. Closed: still readable, no composer, and the server refuses a post sent anyway.
  await status.getByRole('button', { name: 'Close the space' }).click();
  await o
    .getByRole('dialog', { name: 'Close this space?' })
    .getByRole('button', { name: 'Close the space' })
    .click();
  await expect(status).toContainText('Closed');
  await expect(status.getByRole('button', { name: 'Reopen' })).toBeVisible();
  await expect(
    p.getByText('This space is closed. You can read it, but it takes no new comments or replies.'),
  ).toBeVisible();
  await expect(p.getByRole('heading', { name: 'Add a comment' })).toHaveCount(0);
  await expect(p.getByLabel('Your comment')).toHaveCount(0);
  await expectNoAxeViolations(p);
  await shot(p, 'lifecycle-closed-thread');
  const { pushHeaders } = await apiSession(server.url, DEMO.ana);
  const refused = await fetch(`${server.url}/api/sync/posts/push`, {
    method: 'POST',
    headers: pushHeaders,
    body: JSON.stringify([
      {
        assumedMasterState: null,
        newDocumentState: {
          id: '0192f0c1-7a4e-7cc0-8f3e-000000000001',
          spaceId: second.spaceId,
          questionId: second.id,
          parentId: null,
          authorId: null,
          authorName: '',
          authorOrganisation: null,
          anonymous: false,
          lang: 'en',
          body: 'Sent anyway',
          attachments: [],
          status: 'pending',
          moderationReason: null,
          moderationReasonTemplateId: null,
          onBehalfOf: null,
          mailNote: null,
          fromModerator: false,
          writtenBeforeClose: false,
          flags: [],
          createdAt: new Date().toISOString(),
          receivedAt: null,
          updatedAt: null,
          refusal: null,
        },
      },
    ]),
  });
  expect(await refused.json()).toMatchObject([{ status: 'rejected', refusal: { code: 'space_closed' } }]);
  await p.goto('/');
  const card = p.getByRole('listitem').filter({ hasText: 'River clean-up' });
  await expect(card.getByText('Closed', { exact: true })).toBeVisible();
  await shot(p, 'lifecycle-spaces-list');

  // 5. The organiser removes the second question, told how many comments go with it.
  await p.goto('/me/posts');
  await expect(p.getByText('The school could help.')).toBeVisible();
  await o.getByRole('button', { name: 'Remove: Who should help?' }).click();
  const removal = o.getByRole('dialog', { name: 'Remove this question?' });
  await expect(removal).toContainText(
    '“Who should help?” will disappear from everyone’s phone and computer, with the 2 comments on it.',
  );
  await expectNoAxeViolations(o);
  await shot(o, 'lifecycle-remove-dialog', false);
  await removal.getByRole('button', { name: 'Remove the question' }).click();
  await expect(o.getByRole('listitem').filter({ hasText: 'Who should help?' })).toHaveCount(0);
  // Its comments leave the participant's phone (My posts is read from the device), then the question.
  await expect(p.getByText('The school could help.')).toHaveCount(0);
  await expect(p.getByText('And the anglers.')).toHaveCount(0);
  await p.goto(`/s/${slug}`);
  await expect(p.getByRole('link', { name: 'Which stretch first?' })).toBeVisible();
  await expect(p.getByRole('link', { name: 'Who should help?' })).toHaveCount(0);
  await expect(p.getByText('This space is closed.', { exact: false })).toBeVisible();
  await shot(p, 'lifecycle-closed-space');

  // 6. Arabic, right to left: the organiser's status panel and the closed space.
  for (const page of [o, p]) {
    await page.evaluate(() => localStorage.setItem('parley.lang', 'ar'));
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  }
  await expect(o.getByRole('region', { name: /الحالة/ })).toContainText('مغلق');
  await expectNoAxeViolations(o);
  await shot(o, 'lifecycle-organiser-ar');
  await expect(p.getByText('هذه المساحة مغلقة.', { exact: false })).toBeVisible();
  await expectNoAxeViolations(p);
  await shot(p, 'lifecycle-space-ar');
});
