import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'parley-demo';
export const DEMO = {
  admin: 'admin@parley.test',
  globalModerator: 'moderator@parley.test',
  regionalModerator: 'regional@parley.test',
  ana: 'ana@parley.test',
  ben: 'ben@parley.test',
} as const;
export const DEMO_SPACE = 'regional-review';

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/signin');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}

/** Opens the first guiding question of the demo space, the one open for comments. */
export async function openFirstQuestion(page: Page): Promise<string> {
  await page.goto(`/s/${DEMO_SPACE}`);
  const question = page.getByRole('main').locator('a[href*="/q/"]').first();
  const title = (await question.innerText()).trim();
  await question.click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  return title;
}
