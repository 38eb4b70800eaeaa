import type { Locator, Page } from '@playwright/test';
import { expect, serverForThisFile, test } from '../support/fixtures';
import { DEMO, DEMO_PASSWORD, DEMO_SPACE } from '../support/journeys';

const server = serverForThisFile();

/** Presses Tab until `target` has the focus, as a keyboard user would; fails if it never gets it. */
async function tabTo(page: Page, target: Locator, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) {
      // WCAG 2.4.7: where the focus is can be seen (on the control, or on the card it fills).
      const outlined = await target.evaluate((el) => {
        for (let node: Element | null = el, up = 0; node && up < 3; node = node.parentElement, up++)
          if (getComputedStyle(node).outlineStyle !== 'none') return true;
        return false;
      });
      expect(outlined, `focus indicator on ${target.toString()}`).toBe(true);
      return;
    }
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

test('keyboard only: sign in, reply to a comment, post a comment, without a pointer', async ({
  newDevice,
}) => {
  const { page } = await newDevice(server.url);
  const stamp = Date.now();
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  await tabTo(page, page.getByRole('link', { name: 'Sign in' }));
  await page.keyboard.press('Enter');
  // Arriving on a screen puts the focus on its title, so the next Tab starts from there.
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeFocused();
  await tabTo(page, page.getByLabel('Email'));
  await page.keyboard.type(DEMO.ben);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Password')).toBeFocused();
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();

  await tabTo(page, page.getByRole('main').locator(`a[href="/s/${DEMO_SPACE}"]`));
  await page.keyboard.press('Enter');
  await tabTo(page, page.getByRole('main').locator(`a[href^="/s/${DEMO_SPACE}/q/"]`).first());
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();

  const first = page.getByRole('article').first();
  await tabTo(page, first.getByRole('button', { name: 'Reply', exact: true }));
  await page.keyboard.press('Space');
  // The reply box opens with the focus in it.
  await expect(page.getByLabel('Your reply')).toBeFocused();
  const reply = `A reply typed on a keyboard (${stamp}).`;
  await page.keyboard.type(reply);
  await tabTo(page, first.getByRole('button', { name: 'Post', exact: true }));
  await page.keyboard.press('Enter');
  const myReply = page.getByRole('article', { name: 'Reply by Ben Okafor' }).filter({ hasText: reply });
  await expect(myReply.getByText('Awaiting moderation')).toBeVisible();

  const comment = `A comment typed on a keyboard (${stamp}).`;
  await tabTo(page, page.getByLabel('Your comment'));
  await page.keyboard.type(comment);
  await tabTo(page, page.getByLabel('Post as Anonymous'));
  await page.keyboard.press('Space');
  await expect(page.getByLabel('Post as Anonymous')).toBeChecked();
  await page.keyboard.press('Tab');
  await expect(page.locator('#compose').getByRole('button', { name: 'Post', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  const myComment = page.getByRole('article', { name: 'Comment by Ben Okafor' }).filter({ hasText: comment });
  await expect(myComment.getByText('Awaiting moderation')).toBeVisible();
  await expect(myComment.getByText('posted as Anonymous')).toBeVisible();
});
