import type { Page } from '@playwright/test';
import { expect, serverForThisFile, test } from '../support/fixtures';
import { DEMO, DEMO_SPACE, openFirstQuestion, signIn } from '../support/journeys';
import { signInByApi } from '../support/screens';

const server = serverForThisFile();

test('two tabs share one replication and update live; a second device sees its own posts', async ({
  newDevice,
}) => {
  const text = `Posted from the second tab (${Date.now()}).`;
  const { context, page: first } = await newDevice(server.url);
  await signIn(first, DEMO.ana);
  await openFirstQuestion(first);
  const threadUrl = first.url();

  // A second tab of the same app: one of the two leads replication, the other follows.
  const second = await context.newPage();
  await second.goto(threadUrl);
  await second.getByLabel('Your comment').fill(text);
  await second.getByRole('button', { name: 'Post' }).click();

  for (const page of [first, second]) {
    const post = page.getByRole('article', { name: 'Comment by Ana Lima' }).filter({ hasText: text });
    await expect(post.getByText('Awaiting moderation')).toBeVisible({ timeout: 20_000 });
  }
  // The draft typed in the second tab was discarded on posting: the first tab's count follows.
  await expect(first.getByRole('link', { name: 'Drafts', exact: true })).toBeVisible();

  // Ana's phone: her pending post is there too (nobody else sees it before moderation).
  const phone = await newDevice(server.url);
  await signIn(phone.page, DEMO.ana);
  await phone.page.getByRole('link', { name: 'My posts' }).click();
  await expect(
    phone.page
      .getByRole('main')
      .getByRole('article')
      .filter({ hasText: text })
      .getByText('Awaiting moderation'),
  ).toBeVisible();

  const ben = await newDevice(server.url);
  await ben.page.goto(`/s/${DEMO_SPACE}`);
  await openFirstQuestion(ben.page);
  await expect(ben.page.getByText(text)).toHaveCount(0);
});

test("a sign-in in another tab never fills this tab's database with the new session's view", async ({
  newDevice,
}) => {
  test.setTimeout(90_000);
  const text = `Only for moderators until approved (${Date.now()}).`;
  const ana = await newDevice(server.url);
  await signIn(ana.page, DEMO.ana);
  await openFirstQuestion(ana.page);
  await ana.page.getByLabel('Your comment').fill(text);
  await ana.page.getByRole('button', { name: 'Post' }).click();
  await expect(ana.page.getByText('Awaiting moderation').first()).toBeVisible({ timeout: 20_000 });

  // A shared phone: this tab is signed out; the moderator signs in elsewhere on the phone (the
  // cookie changes under the running app), and the tab pulls again when the network comes back.
  const { context, page } = await newDevice(server.url);
  await openFirstQuestion(page);
  await expect(page.getByRole('main').getByRole('article').first()).toBeVisible();
  await signInByApi(context, DEMO.globalModerator);
  await context.setOffline(true);
  await context.setOffline(false);

  // The server refuses to fill the signed-out database for the moderator's session: the tab asks
  // who is signed in and switches to the moderator's own database.
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('link', { name: /^Moderation, \d+ pending$/ })).toBeVisible({
    timeout: 20_000,
  });
  expect(await storedTextIn(page, 'parley-anon', text)).toBe(false);

  // Signed out again, the phone holds only what anyone may see.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('dialog', { name: 'Sign out' }).getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
  await openFirstQuestion(page);
  await expect(page.getByRole('main').getByRole('article').first()).toBeVisible();
  await expect(page.getByText(text)).toHaveCount(0);
  expect(await storedTextIn(page, 'parley-anon', text)).toBe(false);
});

/** Whether any IndexedDB store of a viewer's RxDB database on the device holds this text. */
function storedTextIn(page: Page, database: string, text: string): Promise<boolean> {
  return page.evaluate(
    async ({ prefix, text }) => {
      const names = (await indexedDB.databases())
        .map((d) => d.name ?? '')
        .filter((n) => n.startsWith(prefix));
      for (const name of names) {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const open = indexedDB.open(name);
          open.onsuccess = () => resolve(open.result);
          open.onerror = () => reject(new Error(`IndexedDB ${name}: ${String(open.error)}`));
        });
        try {
          for (const store of Array.from(db.objectStoreNames)) {
            const rows = await new Promise<unknown[]>((resolve, reject) => {
              const all = db.transaction(store).objectStore(store).getAll();
              all.onsuccess = () => resolve(all.result);
              all.onerror = () => reject(new Error(`IndexedDB ${name}: ${String(all.error)}`));
            });
            if (JSON.stringify(rows).includes(text)) return true;
          }
        } finally {
          db.close();
        }
      }
      if (names.length === 0) throw new Error(`no IndexedDB database named ${prefix}…`);
      return false;
    },
    { prefix: `rxdb-dexie-${database}--`, text },
  );
}
