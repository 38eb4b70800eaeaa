import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import type { Question, Space } from '@parley/shared';
import { axeViolations } from '../support/axe';
import { expect, serverForThisFile, test } from '../support/fixtures';
import { DEMO, DEMO_SPACE, signIn } from '../support/journeys';
import { apiGet, approvePosts, demoQuestions, pushPosts, shot } from '../support/moderation-api';
import { apiSession, countOnServer } from '../support/server-api';

// A device follows the spaces it needs: the others stay listed, but their posts are not
// downloaded (and those already there are removed); following one again brings it in complete.
// Settings shows the device's storage use and a budget the user sets.

const server = serverForThisFile();

const HARBOUR = 'harbour-works';

/** A second space (the demo has one), with one open question, made as an organiser's device would. */
async function makeSecondSpace(baseURL: string): Promise<Question> {
  const admin = await apiSession(baseURL, DEMO.admin);
  const spaces = await apiGet<{ documents: Space[] }>(baseURL, '/api/sync/spaces/pull?limit=100');
  const demo = spaces.documents.find((s) => s.slug === DEMO_SPACE)!;
  const phases = demo.phases.map((p) => ({ ...p, id: randomUUID() }));
  const space: Space = {
    ...demo,
    id: randomUUID(),
    slug: HARBOUR,
    title: { en: 'Harbour works' },
    intro: { en: 'Plans for the old harbour.' },
    audience: { en: 'People who live near the harbour.' },
    languages: ['en'],
    phases,
    documents: [],
    announcement: null,
    moderators: [],
    updatedAt: null,
  };
  const demoQuestion = (await demoQuestions(baseURL))[0]!;
  const question: Question = {
    ...demoQuestion,
    id: randomUUID(),
    spaceId: space.id,
    phaseId: phases[demo.phases.findIndex((p) => p.id === demoQuestion.phaseId)]!.id,
    title: { en: 'What should the harbour become?' },
    body: { en: 'Tell us.' },
    updatedAt: null,
  };
  for (const [collection, doc] of [
    ['spaces', space],
    ['questions', question],
  ] as const) {
    const res = await fetch(`${baseURL}/api/sync/${collection}/push`, {
      method: 'POST',
      headers: admin.pushHeaders,
      body: JSON.stringify([{ assumedMasterState: null, newDocumentState: doc }]),
    });
    expect(await res.json()).toEqual([]);
  }
  // A new space starts as a draft that only organisers receive: published, it reaches everyone.
  const published = await fetch(`${baseURL}/api/spaces/${HARBOUR}/status`, {
    method: 'PUT',
    headers: admin.pushHeaders,
    body: JSON.stringify({ status: 'published' }),
  });
  expect(published.status).toBe(200);
  return question;
}

/** Published posts, as participants write them and a moderator approves them. */
async function publish(baseURL: string, question: Question, bodies: string[]): Promise<void> {
  const ids = await pushPosts(baseURL, DEMO.ben, question, bodies);
  await approvePosts(baseURL, DEMO.globalModerator, ids);
}

/**
 * The post bodies in the viewer's database on the device (RxDB's IndexedDB store of posts; a
 * removed post keeps a tombstone without its text). `database`: parley-anon, or parley-u-<id>.
 */
async function bodiesOnDevice(page: Page, database = 'parley-anon'): Promise<string[]> {
  return page.evaluate(async (database) => {
    const names = (await indexedDB.databases())
      .map((d) => d.name ?? '')
      .filter((n) => n.startsWith(`rxdb-dexie-${database}--`) && /--\d+--posts$/.test(n));
    const bodies: string[] = [];
    for (const name of names) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(new Error(String(open.error)));
      });
      try {
        const rows = await new Promise<{ body?: string; _deleted?: unknown }[]>((resolve, reject) => {
          const all = db.transaction('docs').objectStore('docs').getAll();
          all.onsuccess = () => resolve(all.result as { body?: string; _deleted?: unknown }[]);
          all.onerror = () => reject(new Error(String(all.error)));
        });
        for (const row of rows) if (row.body) bodies.push(row.body);
      } finally {
        db.close();
      }
    }
    return bodies;
  }, database);
}

const harbourOn = async (page: Page, database?: string) =>
  (await bodiesOnDevice(page, database)).filter((b) => b.startsWith('HARBOUR')).sort();

test('an unfollowed space stays listed but its posts are not downloaded; following it again brings them all', async ({
  newDevice,
}) => {
  const question = await makeSecondSpace(server.url);
  await publish(server.url, question, ['HARBOUR one', 'HARBOUR two']);
  const [demoQuestion] = await demoQuestions(server.url);

  const { page } = await newDevice(server.url);
  const pulls: string[] = [];
  page.on('request', (r) => {
    if (/\/api\/sync\/posts\/(pull|stream)/.test(r.url())) pulls.push(r.url());
  });
  await page.goto('/');
  await expect(page.getByRole('link', { name: 'Harbour works' })).toBeVisible();
  // Every space is followed until the user says otherwise (what every device did before).
  await expect.poll(() => harbourOn(page)).toEqual(['HARBOUR one', 'HARBOUR two']);

  // Unfollow the harbour on its page: what the device held of it is removed.
  await page.getByRole('link', { name: 'Harbour works' }).click();
  const follow = page.getByRole('checkbox', { name: 'Follow this space on this device' });
  await expect(follow).toBeChecked();
  await follow.uncheck();
  await expect(follow).not.toBeChecked();
  await expect(page.getByText(/^Not followed: this space stays listed/)).toBeVisible();
  // "Make this space available offline" would download it: not for an unfollowed space.
  await expect(page.getByRole('button', { name: 'Make this space available offline' })).toHaveCount(0);
  expect(await axeViolations(page)).toEqual([]);
  await shot(page, 'follow-space-unfollowed');
  await expect.poll(() => harbourOn(page)).toEqual([]);

  // New posts: the demo space's arrive, the harbour's do not (nor does the device ask for them).
  pulls.length = 0;
  await publish(server.url, question, ['HARBOUR three']);
  await publish(server.url, demoQuestion!, ['Demo post after the unfollow']);
  await expect
    .poll(async () => (await bodiesOnDevice(page)).includes('Demo post after the unfollow'))
    .toBe(true);
  await page.reload();
  await expect(page.getByRole('checkbox', { name: 'Follow this space on this device' })).not.toBeChecked();
  await expect.poll(() => pulls.length).toBeGreaterThan(0);
  for (const url of pulls) {
    const spaces = new URL(url).searchParams.get('spaces');
    expect(spaces, url).not.toBeNull();
    expect(spaces).not.toContain(question.spaceId);
    expect(spaces).toContain(demoQuestion!.spaceId);
  }
  expect(await harbourOn(page)).toEqual([]);

  // Still listed, marked as not followed.
  await page.goto('/');
  const card = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Harbour works' }) });
  await expect(card.getByText('Not followed on this device')).toBeVisible();
  await shot(page, 'follow-spaces-list');

  // Settings lists the spaces with what the device holds of each; following there brings the
  // harbour in completely, including the post written while it was not followed.
  await page.goto('/settings');
  const storage = page.getByRole('region', { name: 'Storage on this device' });
  const followed = storage.getByRole('group', { name: 'Spaces followed on this device' });
  const harbour = followed.getByRole('checkbox', { name: 'Harbour works' });
  await expect(harbour).not.toBeChecked();
  await expect(harbour).toHaveAccessibleDescription('0 posts stored');
  await harbour.check();
  await expect.poll(() => harbourOn(page)).toEqual(['HARBOUR one', 'HARBOUR three', 'HARBOUR two']);
  await expect(harbour).toHaveAccessibleDescription('3 posts stored');

  await page.goto(`/s/${HARBOUR}/q/${question.id}`);
  await expect(page.getByText('HARBOUR three')).toBeVisible();
  await page.goto('/');
  await expect(page.getByText('Not followed on this device')).toHaveCount(0);
});

test('unfollowing never removes what the device has not sent yet', async ({ newDevice }) => {
  const spaces = await apiGet<{ documents: Space[] }>(server.url, '/api/sync/spaces/pull?limit=100');
  const harbourId = spaces.documents.find((s) => s.slug === HARBOUR)!.id;
  const question = (
    await apiGet<{ documents: Question[] }>(server.url, '/api/sync/questions/pull?limit=100')
  ).documents.find((q) => q.spaceId === harbourId)!;
  const { context, page } = await newDevice(server.url);
  await signIn(page, DEMO.ana);
  const ana = (await (await page.request.get('/api/auth/me')).json()) as { id: string };
  const database = `parley-u-${ana.id.toLowerCase()}`;
  await page.goto(`/s/${HARBOUR}/q/${question.id}`);
  await expect(page.getByText('HARBOUR one')).toBeVisible();

  // Written with no connection: only on this device.
  await context.setOffline(true);
  const text = 'HARBOUR written on the ferry, not sent yet';
  await page.getByLabel('Your comment').fill(text);
  await page.getByRole('button', { name: 'Post' }).click();
  await expect(page.getByText('Waiting for connection')).toBeVisible();

  // Unfollowed meanwhile (in Settings, reached without the network).
  await page.getByRole('link', { name: 'Settings' }).click();
  await page
    .getByRole('group', { name: 'Spaces followed on this device' })
    .getByRole('checkbox', { name: 'Harbour works' })
    .uncheck();
  await context.setOffline(false);

  // Delivered once, and kept on the device (it is Ana's); other people's harbour posts are gone.
  await expect.poll(() => countOnServer(server.url, text), { timeout: 30_000 }).toBe(1);
  await expect.poll(() => harbourOn(page, database)).toEqual([text]);
});

test('Settings shows the storage the device uses, and a budget that is kept and warned about', async ({
  newDevice,
}) => {
  const { page } = await newDevice(server.url);
  await page.goto('/settings');
  const storage = page.getByRole('region', { name: 'Storage on this device' });
  // The amounts are isolated for right-to-left text (U+2068…U+2069).
  await expect(
    storage.getByText(
      /^Parley uses \u2068[\d.,]+ (byte|kB|MB|GB)\u2069 of the \u2068[\d.,]+ (kB|MB|GB)\u2069 this browser allows\.$/,
    ),
  ).toBeVisible();
  const budget = storage.getByRole('combobox', { name: 'Storage budget' });
  await expect(budget).toHaveValue('');
  await budget.selectOption({ label: '200 MB' });
  await page.reload();
  await expect(storage.getByRole('combobox', { name: 'Storage budget' })).toHaveValue(String(200 * 2 ** 20));
  // Under budget: nothing to say.
  await expect(storage.getByRole('alert')).toHaveCount(0);
  expect(await axeViolations(page)).toEqual([]);
  await shot(page, 'settings-storage');
});

test('over budget, Settings says so and suggests unfollowing, in Arabic too', async ({ newDevice }) => {
  for (const lang of ['en', 'ar']) {
    const { page, context } = await newDevice(server.url, { uiLang: lang });
    // A phone that holds 300 MB (the browser's estimate is all Parley knows of it).
    await context.addInitScript(() => {
      Object.defineProperty(navigator.storage, 'estimate', {
        value: () => Promise.resolve({ usage: 300 * 2 ** 20, quota: 4 * 2 ** 30 }),
      });
    });
    await page.goto('/settings');
    const budget = page.getByRole('combobox', { name: lang === 'en' ? 'Storage budget' : 'حدّ التخزين' });
    await budget.selectOption(String(200 * 2 ** 20));
    const alert = page.getByRole('alert').filter({ hasText: /300/ });
    await expect(alert).toBeVisible();
    if (lang === 'en') {
      await expect(alert).toHaveText(
        /^Parley uses \u2068300 MB\u2069, more than your budget of \u2068200 MB\u2069\. Unfollow the spaces/,
      );
      await budget.selectOption({ label: 'No limit' });
      await expect(alert).toHaveCount(0);
      await budget.selectOption(String(200 * 2 ** 20));
    }
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, `settings-storage-over-${lang}`);
    if (lang === 'ar') {
      await page.goto(`/s/${DEMO_SPACE}`);
      await expect(page.getByRole('checkbox', { name: 'متابعة هذه المساحة على هذا الجهاز' })).toBeChecked();
      expect(await axeViolations(page)).toEqual([]);
      await shot(page, 'follow-space-ar');
    }
  }
});
