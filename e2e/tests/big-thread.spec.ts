import type { Page } from '@playwright/test';
import { axeViolations } from '../support/axe';
import { expect, serverForThisFile, test } from '../support/fixtures';
import { DEMO, openFirstQuestion, signIn } from '../support/journeys';
import { approvePosts, demoQuestions, pushPosts } from '../support/moderation-api';

const server = serverForThisFile();

/** Pushes (as Ben) and approves (as the regional moderator) in batches the push route accepts. */
async function publish(
  question: Parameters<typeof pushPosts>[2],
  bodies: string[],
  parents: (string | null)[] = [],
): Promise<string[]> {
  const ids: string[] = [];
  for (let at = 0; at < bodies.length; at += 100) {
    const batch = await pushPosts(
      server.url,
      DEMO.ben,
      question,
      bodies.slice(at, at + 100),
      'en',
      parents.slice(at, at + 100),
    );
    await approvePosts(server.url, DEMO.regionalModerator, batch);
    ids.push(...batch);
  }
  return ids;
}

/** The place (0-based) in the thread of the top-level comment holding the focused element. */
const focusedIndex = (page: Page) =>
  page.evaluate(() => {
    const item = document.activeElement?.closest('.thread__list > li');
    return item ? Number(item.getAttribute('data-index')) : null;
  });

// Issue 17: a question with hundreds of approved comments (replies nested) stays readable on a
// phone: only the comments near the screen are mounted, yet scrolling, the keyboard, search and
// assistive technologies still reach every one of them.
test('a thread of 600 comments: scroll and keyboard reach the last, search finds it, axe passes', async ({
  newDevice,
}) => {
  test.setTimeout(240_000);
  const [question] = await demoQuestions(server.url);
  const stamp = Date.now();
  const roots = await publish(
    question!,
    Array.from(
      { length: 500 },
      (_, i) => `Big thread comment ${i + 1}: a few words about the park (${stamp}).`,
    ),
  );
  await publish(
    question!,
    Array.from({ length: 99 }, (_, i) => `Big thread reply ${i + 1}, answering a neighbour (${stamp}).`),
    Array.from({ length: 99 }, (_, i) => roots[i * 5]!),
  );
  // Alone and after a pause: certainly the newest, so the last in the thread.
  await new Promise((r) => setTimeout(r, 20));
  const lastText = `Last word: meet at the Ñandú crossing (${stamp}).`;
  await publish(question!, [lastText]);

  const { page } = await newDevice(server.url);
  await signIn(page, DEMO.ana);
  await openFirstQuestion(page);
  await expect(page.getByRole('heading', { level: 2, name: /^6\d\d comments$/ })).toBeVisible({
    timeout: 60_000,
  });
  const list = page.locator('.thread__list');
  const firstItems = page.locator('.thread__list > li');
  await expect(firstItems.first()).toBeVisible();
  // Virtualized: a screenful of comments is in the DOM, not 500, each saying where it stands.
  expect(await page.locator('main article').count()).toBeLessThan(150);
  const total = Number(await firstItems.first().getAttribute('aria-setsize'));
  expect(total).toBeGreaterThan(500);
  await expect(firstItems.first()).toHaveAttribute('aria-posinset', '1');
  // Replies stay nested inside their comment, as articles with their accessible names.
  const nested = page
    .locator('.thread__list > li .thread__replies')
    .getByRole('article', { name: 'Reply by Ben Okafor' })
    .filter({ hasText: 'Big thread reply' })
    .first();
  for (let i = 0; i < 60 && !(await nested.isVisible()); i++) await page.mouse.wheel(0, 1_000);
  await expect(nested).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await page.keyboard.press('Home');

  // Focus is not lost when its comment scrolls far away (it stays mounted).
  const firstReply = list.getByRole('button', { name: 'Reply' }).first();
  await firstReply.focus();
  const lastComment = page
    .getByRole('article', { name: 'Comment by Ben Okafor' })
    .filter({ hasText: lastText });
  // By scrolling: wheel down until the last comment shows.
  for (let i = 0; i < 400 && !(await lastComment.isVisible()); i++) await page.mouse.wheel(0, 2_500);
  await expect(lastComment).toBeInViewport();
  await expect(firstReply).toBeFocused();
  expect(await axeViolations(page)).toEqual([]);

  // By keyboard, from the top: Tab walks comment after comment, none skipped, mounting ahead.
  await page.keyboard.press('Home');
  await firstReply.focus();
  let previous = (await focusedIndex(page))!;
  const start = previous;
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const now = await focusedIndex(page);
    expect(now === previous || now === previous + 1, `focus went from ${previous} to ${now}`).toBe(true);
    previous = now!;
  }
  expect(previous - start).toBeGreaterThan(10);
  // End scrolls to the bottom; the last comment is there and Tab goes on to the composer.
  await page.keyboard.press('End');
  await expect(lastComment).toBeInViewport({ timeout: 10_000 });
  await lastComment.getByRole('button', { name: 'Reply' }).focus();
  await expect(lastComment.getByRole('button', { name: 'Reply' })).toBeFocused();
  expect(await focusedIndex(page)).toBe(total - 1);

  // Search (offline index) finds the comment deep in the thread, accents folded and marked.
  await page.getByRole('link', { name: 'Search' }).click();
  const field = page.getByLabel('Search this device');
  await field.fill('nandu crossing');
  await expect(page.getByRole('status').filter({ hasText: '1 result' })).toBeVisible({ timeout: 30_000 });
  const hit = page.getByRole('listitem').filter({ hasText: 'Comment' }).first();
  await expect(hit.locator('mark').first()).toHaveText('Ñandú');

  // A common word: results come a page at a time; "Show more" moves focus to the first new one.
  await field.fill(`park ${stamp}`);
  await expect(page.getByRole('status').filter({ hasText: '500 results' })).toBeVisible();
  const results = page.locator('.search__results > li');
  await expect(results).toHaveCount(50);
  await page.getByRole('button', { name: 'Show more results' }).click();
  await expect(results).toHaveCount(100);
  await expect(results.nth(50).getByRole('link')).toBeFocused();
  expect(await axeViolations(page)).toEqual([]);

  await page.getByLabel('Search this device').fill('nandu crossing');
  await page.getByRole('listitem').filter({ hasText: 'Comment' }).first().getByRole('link').click();
  await expect(page.getByRole('heading', { level: 2, name: /^6\d\d comments$/ })).toBeVisible();
});
