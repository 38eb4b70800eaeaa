import { randomUUID } from 'node:crypto';
import type { Locator, Page } from '@playwright/test';
import type { Moderation } from '@parley/shared';
import { axeViolations } from '../support/axe';
import { expect, serverForThisFile, test } from '../support/fixtures';
import { DEMO, openFirstQuestion, signIn } from '../support/journeys';
import { approvePosts, demoQuestions, publicBodies, pushPosts, shot } from '../support/moderation-api';
import { apiSession, serverPosts } from '../support/server-api';

const server = serverForThisFile();

// Issue 19, item 1: a participant edits and withdraws their own post, online and offline. An edit
// of a published post goes back to moderation (nobody else sees it until approved again); a
// withdrawal removes it from every other device. Screenshots land in SHOTS_DIR when it is set.

async function expectNoAxeViolations(page: Page): Promise<void> {
  expect(await axeViolations(page)).toEqual([]);
}

/** Every control a thumb has to hit: at least 44 px each way. */
async function expectTouchSized(...controls: Locator[]): Promise<void> {
  for (const control of controls) {
    const box = await control.boundingBox();
    expect(box, String(control)).not.toBeNull();
    expect(box!.height).toBeGreaterThanOrEqual(44);
    expect(box!.width).toBeGreaterThanOrEqual(44);
  }
}

async function statusOnServer(body: string): Promise<string | undefined> {
  return (await serverPosts(server.url)).find((p) => p.body === body)?.status;
}

/** A moderator hides a published post, as the queue's Hide would (one push of a decision). */
async function hideByApi(postId: string): Promise<void> {
  const { pushHeaders } = await apiSession(server.url, DEMO.regionalModerator);
  const decision: Moderation = {
    id: randomUUID(),
    postId,
    spaceId: null,
    decision: 'hide',
    reason: 'Names a private person',
    reasonTemplateId: null,
    basedOnStatus: 'approved',
    moderatorId: null,
    moderatorName: null,
    createdAt: new Date().toISOString(),
    outcome: null,
    updatedAt: null,
  };
  const res = await fetch(`${server.url}/api/sync/moderation/push`, {
    method: 'POST',
    headers: pushHeaders,
    body: JSON.stringify([{ assumedMasterState: null, newDocumentState: decision }]),
  });
  expect(await res.json()).toEqual([]);
}

test('a participant edits a published post (back to moderation) and withdraws it offline; it leaves every device', async ({
  newDevice,
}) => {
  const stamp = Date.now();
  const first = `I am Ana from the north district, my brother works at the bakery on Rua Alta (${stamp}).`;
  const edited = `Someone in my family works near the north district (${stamp}).`;

  // 1. Ana posts; a moderator approves; Ben, on his own phone, reads it.
  const ana = await newDevice(server.url);
  await signIn(ana.page, DEMO.ana);
  await openFirstQuestion(ana.page);
  await ana.page.getByLabel('Your comment').fill(first);
  await ana.page.getByRole('button', { name: 'Post', exact: true }).click();
  const anaPost = ana.page
    .getByRole('article', { name: 'Comment by Ana Lima' })
    .filter({ hasText: stamp.toString() });
  await expect(anaPost.getByText('Awaiting moderation')).toBeVisible();
  const postId = (await serverPosts(server.url)).find((p) => p.body === first)!.id;
  await approvePosts(server.url, DEMO.regionalModerator, [postId]);
  await expect(anaPost.getByText('Awaiting moderation')).toHaveCount(0);

  const ben = await newDevice(server.url);
  await signIn(ben.page, DEMO.ben);
  await openFirstQuestion(ben.page);
  await expect(ben.page.getByText(first)).toBeVisible();

  // 2. From My posts, Ana edits: the composer opens in the thread with her text.
  await ana.page.getByRole('link', { name: 'My posts' }).click();
  const card = ana.page.getByRole('article', { name: 'Your comment' }).filter({ hasText: first });
  await expect(card.getByText('Published')).toBeVisible();
  await expectTouchSized(
    card.getByRole('link', { name: 'Edit' }),
    card.getByRole('button', { name: 'Withdraw' }),
  );
  await expectNoAxeViolations(ana.page);
  await shot(ana.page, 'my-posts');
  await card.getByRole('link', { name: 'Edit' }).click();
  const editor = ana.page.getByLabel('Edit your comment');
  await expect(editor).toHaveValue(first);
  await expect(editor).toBeFocused();
  // Before saving, she is told what an edit of a published post does.
  await expect(ana.page.getByText('nobody else sees it until they approve the new text')).toBeVisible();
  await expectNoAxeViolations(ana.page);
  await shot(ana.page, 'edit-composer', editor);
  await editor.fill(edited);
  await ana.page.getByRole('button', { name: 'Save changes' }).click();
  const editedPost = ana.page
    .getByRole('article', { name: 'Comment by Ana Lima' })
    .filter({ hasText: edited });
  await expect(editedPost.getByText('Edited — waiting for moderation')).toBeVisible();
  await shot(ana.page, 'edited-awaiting', editedPost);

  // 3. The edit is back in the moderators' queue; the old text is gone for everyone else, the new
  //    one is not shown until approved (the server keeps one version of a post).
  expect(await statusOnServer(edited)).toBe('pending');
  expect(await statusOnServer(first)).toBeUndefined();
  await expect(ben.page.getByText(first)).toHaveCount(0);
  await expect(ben.page.getByText(edited)).toHaveCount(0);
  const publicNow = await publicBodies(server.url);
  expect(publicNow).not.toContain(first);
  expect(publicNow).not.toContain(edited);

  const mod = await newDevice(server.url);
  await signIn(mod.page, DEMO.regionalModerator);
  await mod.page.getByRole('link', { name: /^Moderation/ }).click();
  const queued = mod.page
    .getByRole('article', { name: 'Pending post by Ana Lima' })
    .filter({ hasText: edited });
  await expect(queued).toBeVisible();
  await queued.getByRole('button', { name: 'Approve' }).click();
  await expect(ben.page.getByText(edited)).toBeVisible({ timeout: 30_000 });
  await expect(editedPost.getByText('Edited — waiting for moderation')).toHaveCount(0);

  // 4. Offline, Ana withdraws it, with the keyboard: the dialog says plainly what it does.
  await ana.context.setOffline(true);
  const withdraw = editedPost.getByRole('button', { name: 'Withdraw' });
  await withdraw.focus();
  await ana.page.keyboard.press('Enter');
  const dialog = ana.page.getByRole('dialog', { name: 'Withdraw this post?' });
  await expect(dialog.getByText('removed for everyone, on every device')).toBeVisible();
  await expectNoAxeViolations(ana.page);
  await shot(ana.page, 'withdraw-dialog', dialog);
  // Escape keeps the post, and focus goes back to Withdraw.
  await ana.page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(withdraw).toBeFocused();
  await ana.page.keyboard.press('Enter');
  await expectTouchSized(
    dialog.getByRole('button', { name: 'Keep my post' }),
    dialog.getByRole('button', { name: 'Withdraw for everyone' }),
  );
  await dialog.getByRole('button', { name: 'Withdraw for everyone' }).click();
  await expect(editedPost.getByText('Withdrawn — waiting to send')).toBeVisible();
  await shot(ana.page, 'withdrawn-offline', editedPost);
  // Not sent yet: the server and Ben still have it.
  expect(await statusOnServer(edited)).toBe('approved');
  await expect(ben.page.getByText(edited)).toBeVisible();

  // 5. Back online: the withdrawal is delivered; the post leaves Ben's phone without a reload,
  //    and Ana's thread; My posts keeps it as withdrawn, without its words.
  await ana.context.setOffline(false);
  await expect(editedPost).toHaveCount(0, { timeout: 30_000 });
  await expect.poll(() => statusOnServer(edited), { timeout: 15_000 }).toBe('withdrawn');
  await expect(ben.page.getByText(edited)).toHaveCount(0, { timeout: 30_000 });
  expect(await publicBodies(server.url)).not.toContain(edited);
  await ana.page.getByRole('link', { name: 'My posts' }).click();
  const withdrawnCard = ana.page
    .getByRole('article', { name: 'Your comment' })
    .filter({ hasText: 'You withdrew this post' });
  await expect(withdrawnCard.getByText('Withdrawn', { exact: true })).toBeVisible();
  await expect(ana.page.getByText(edited)).toHaveCount(0);
  await expect(withdrawnCard.getByRole('button', { name: 'Withdraw' })).toHaveCount(0);
  await expect(withdrawnCard.getByRole('link', { name: 'Edit' })).toHaveCount(0);
  await expectNoAxeViolations(ana.page);
  await shot(ana.page, 'my-posts-withdrawn');

  // A new device of Ben's (a fresh pull) never receives it either.
  const benAgain = await newDevice(server.url);
  await signIn(benAgain.page, DEMO.ben);
  await openFirstQuestion(benAgain.page);
  await expect(benAgain.page.getByRole('article').first()).toBeVisible();
  await expect(benAgain.page.getByText(edited)).toHaveCount(0);
});

test('an edit that waited offline while a moderator decided is not lost: Ana is told, and edits again', async ({
  newDevice,
}) => {
  const stamp = Date.now();
  const original = `The clinic on Rua Alta asked for my papers twice (${stamp}).`;
  const rewrite = `A clinic asked for papers twice (${stamp}).`;
  const [question] = await demoQuestions(server.url);
  const [postId] = await pushPosts(server.url, DEMO.ana, question!, [original]);
  await approvePosts(server.url, DEMO.regionalModerator, [postId!]);

  const ana = await newDevice(server.url);
  await signIn(ana.page, DEMO.ana);
  await openFirstQuestion(ana.page);
  const post = ana.page
    .getByRole('article', { name: 'Comment by Ana Lima' })
    .filter({ hasText: stamp.toString() });
  await expect(post.getByText(original)).toBeVisible();

  // Offline, she edits: the edit waits on the phone like a post does.
  await ana.context.setOffline(true);
  await post.getByRole('button', { name: 'Edit' }).click();
  await post.getByLabel('Edit your comment').fill(rewrite);
  await post.getByRole('button', { name: 'Save changes' }).click();
  await expect(post.getByText('Waiting for connection')).toBeVisible();
  await shot(ana.page, 'edit-offline-waiting', post);

  // Meanwhile a moderator hides the published version.
  await hideByApi(postId!);

  // Back online: the server keeps the moderator's version; Ana reads why, and her text is kept.
  await ana.context.setOffline(false);
  const notice = post.getByRole('alert');
  await expect(notice).toContainText('Your changes were not saved', { timeout: 30_000 });
  await expect(post.getByText('Hidden by a moderator')).toBeVisible();
  await expectNoAxeViolations(ana.page);
  await shot(ana.page, 'edit-conflict', notice);
  await notice.getByRole('button', { name: 'Edit again' }).click();
  await expect(post.getByLabel('Edit your comment')).toHaveValue(rewrite);
  await post.getByRole('button', { name: 'Save changes' }).click();
  await expect(post.getByText('Edited — waiting for moderation')).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => statusOnServer(rewrite)).toBe('pending');

  // The same screens in Arabic, right to left.
  await ana.page.evaluate(() => localStorage.setItem('parley.lang', 'ar'));
  await ana.page.reload();
  await expect(ana.page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(ana.page.getByText('عُدِّلت — في انتظار الإشراف')).toBeVisible();
  await expectNoAxeViolations(ana.page);
  const arPost = ana.page.getByRole('article').filter({ hasText: stamp.toString() });
  await shot(ana.page, 'ar-thread-edited', arPost);
  await arPost.getByRole('button', { name: 'سحب', exact: true }).click();
  const arDialog = ana.page.getByRole('dialog', { name: 'هل تريد سحب هذه المشاركة؟' });
  await expect(arDialog).toBeVisible();
  await shot(ana.page, 'ar-withdraw-dialog', arDialog);
  await ana.page.keyboard.press('Escape');
  await ana.page.goto('/me/posts');
  await expect(ana.page.getByRole('link', { name: 'تعديل', exact: true }).first()).toBeVisible();
  await shot(ana.page, 'ar-my-posts');
});
