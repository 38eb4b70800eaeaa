import { expect as baseExpect, type BrowserContext, type Page } from '@playwright/test';
import { DEMO, DEMO_PASSWORD, DEMO_SPACE } from './journeys';

// Also used outside the test runner (the screenshot script), where expect's default is 5 s.
const expect = baseExpect.configure({ timeout: 15_000 });

/** Every screen of the app, for the accessibility check and the screenshot script. */
export interface Screen {
  name: string;
  /** Signed in as the administrator (who moderates every space), or signed out. */
  signedIn: boolean;
  open: (page: Page) => Promise<void>;
}

async function settle(page: Page): Promise<void> {
  await expect(page.getByRole('main').getByRole('heading', { level: 1 })).toBeVisible();
  // Lists fill in from the device's database just after the title: wait for the placeholders to go.
  await expect(page.locator('.loading')).toHaveCount(0);
  await page.evaluate(() => document.fonts.ready);
}

const at = (path: string) => async (page: Page) => {
  await page.goto(path);
  await settle(page);
};

export const SCREENS: Screen[] = [
  { name: 'sign-in', signedIn: false, open: at('/signin') },
  { name: 'sign-up', signedIn: false, open: at('/signup') },
  { name: 'forgot-password', signedIn: false, open: at('/forgot-password') },
  { name: 'spaces', signedIn: true, open: at('/') },
  { name: 'space', signedIn: true, open: at(`/s/${DEMO_SPACE}`) },
  {
    name: 'thread',
    signedIn: true,
    open: async (page) => {
      await at(`/s/${DEMO_SPACE}`)(page);
      await page.getByRole('main').locator(`a[href^="/s/${DEMO_SPACE}/q/"]`).first().click();
      await settle(page);
      await expect(page.locator('form.composer textarea')).toBeVisible();
      await expect(page.getByRole('article').first()).toBeVisible();
    },
  },
  { name: 'report', signedIn: true, open: at(`/s/${DEMO_SPACE}/report`) },
  { name: 'search', signedIn: true, open: at('/search') },
  { name: 'my-posts', signedIn: true, open: at('/me/posts') },
  { name: 'drafts', signedIn: true, open: at('/drafts') },
  { name: 'settings', signedIn: true, open: at('/settings') },
  { name: 'notifications', signedIn: true, open: at('/notifications') },
  { name: 'moderation-queue', signedIn: true, open: at('/moderate') },
  { name: 'moderation-published', signedIn: true, open: at('/moderate/published') },
  { name: 'moderation-log', signedIn: true, open: at('/moderate/log') },
  { name: 'moderation-email', signedIn: true, open: at('/moderate/email') },
  { name: 'moderation-team', signedIn: true, open: at('/moderate/team') },
  { name: 'organiser-new', signedIn: true, open: at('/organise/new') },
  {
    // Saved empty: each field says what is wrong, in the UI language.
    name: 'organiser-new-problems',
    signedIn: true,
    open: async (page) => {
      await at('/organise/new')(page);
      await page.getByRole('main').locator('button[type="submit"]').click();
      await expect(page.locator('[aria-invalid="true"]').first()).toBeVisible();
    },
  },
  { name: 'organiser-edit', signedIn: true, open: at(`/organise/${DEMO_SPACE}`) },
  { name: 'organiser-questions', signedIn: true, open: at(`/organise/${DEMO_SPACE}/questions`) },
];

/** Signs the device in without the form, whatever language the UI is in. */
export async function signInByApi(context: BrowserContext, email: string = DEMO.admin): Promise<void> {
  const res = await context.request.post('/api/auth/login', { data: { email, password: DEMO_PASSWORD } });
  expect(res.status()).toBe(200);
}
