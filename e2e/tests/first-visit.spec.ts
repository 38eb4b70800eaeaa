import { expect, serverForThisFile, test } from '../support/fixtures';
import { DEMO_SPACE } from '../support/journeys';

const server = serverForThisFile();

test('a first visit on a slow link shows the spaces as loading, never "no spaces yet", until the first pull answers', async ({
  newDevice,
}) => {
  const { page } = await newDevice(server.url);
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let asked!: () => void;
  const firstPull = new Promise<void>((resolve) => (asked = resolve));
  // The link is slow: the answer to the spaces pull takes as long as the test wants.
  await page.route('**/api/sync/spaces/pull**', async (route) => {
    asked();
    await held;
    await route.continue();
  });
  await page.goto('/');
  await firstPull;
  // By now the device's database is open and its (still empty) list of spaces has been read.
  await page.waitForTimeout(1_000);
  await expect(page.getByRole('heading', { name: 'Discussion spaces' })).toBeVisible();
  await expect(page.getByText('Syncing')).toBeVisible();
  await expect(page.getByText('There are no discussion spaces yet.')).toHaveCount(0);

  release();
  await expect(page.locator(`main a[href="/s/${DEMO_SPACE}"]`)).toBeVisible();
  await expect(page.getByText('There are no discussion spaces yet.')).toHaveCount(0);
});

test('a link cut while the app fetches its data layer is retried: the spaces still arrive', async ({
  newDevice,
}) => {
  // No service worker: once installed it would answer the second attempt from its precache, out of
  // the test's sight (CI saw one fetch and the spaces arrive), so every attempt goes to the network.
  const { page } = await newDevice(server.url, { context: { serviceWorkers: 'block' } });
  let fetches = 0;
  // The first fetch of the chunk holding RxDB and the replication dies half-way, as on a phone.
  await page.route(/\/assets\/data-layer-[^/]+\.js$/, async (route) => {
    fetches++;
    if (fetches === 1) await route.abort('connectionreset');
    else await route.continue();
  });
  await page.goto('/');
  await expect(page.locator(`main a[href="/s/${DEMO_SPACE}"]`)).toBeVisible();
  expect(fetches).toBeGreaterThanOrEqual(2);
});
