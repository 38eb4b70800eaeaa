import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'parley-demo';
export const DEMO = {
  admin: 'admin@parley.test',
  globalModerator: 'moderator@parley.test',
  regionalModerator: 'regional@parley.test',
  /** Moderates the demo space's second question only. */
  questionModerator: 'questions@parley.test',
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

/**
 * Resolves once the service worker controls the page, has finished activating and holds the app
 * shell (index.html) in its precache: only then does a reload with no network open the app. A page
 * can already have a controller while its worker is still activating.
 */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.waitForFunction(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    if (registration?.active?.state !== 'activated' || navigator.serviceWorker.controller === null)
      return false;
    for (const name of await caches.keys()) {
      if (!name.includes('precache')) continue;
      const keys = await (await caches.open(name)).keys();
      if (keys.some((request) => new URL(request.url).pathname === '/index.html')) return true;
    }
    return false;
  });
}

/** Opens the reply composer under the first comment of the open thread. */
export async function startReply(page: Page): Promise<void> {
  await page.getByRole('article').first().getByRole('button', { name: 'Reply', exact: true }).click();
  await expect(page.getByLabel('Your reply')).toBeVisible();
}

/** Requests waiting in the service worker's Background Sync queue (workbox's IndexedDB store). */
export async function backgroundSyncQueued(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const open = indexedDB.open('workbox-background-sync');
        open.onerror = () => resolve(0);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('requests')) return resolve(0);
          const count = db.transaction('requests').objectStore('requests').count();
          count.onsuccess = () => resolve(count.result);
          count.onerror = () => resolve(0);
        };
      }),
  );
}
