import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '../support/fixtures';
import { DEMO, openFirstQuestion, signIn, startReply, waitForServiceWorker } from '../support/journeys';
import { startServer, type RunningServer } from '../support/server';

const built = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'client', 'dist');
let dist: string;
let server: RunningServer;
test.beforeAll(async () => {
  // The server serves a copy of the build, which the test then "deploys" a new version into.
  dist = mkdtempSync(join(tmpdir(), 'parley-e2e-dist-'));
  cpSync(built, dist, { recursive: true });
  server = await startServer({ env: { CLIENT_DIST: dist } });
});
test.afterAll(async () => {
  await server?.stop();
  rmSync(dist, { recursive: true, force: true });
});

/** A new release: index.html changes, and so does its revision in the service worker's precache. */
function deployNewVersion() {
  const indexFile = join(dist, 'index.html');
  writeFileSync(
    indexFile,
    readFileSync(indexFile, 'utf8').replace(
      '<head>',
      '<head>\n    <meta name="parley-release" content="2" />',
    ),
  );
  const swFile = join(dist, 'sw.js');
  const sw = readFileSync(swFile, 'utf8');
  const next = sw.replace(
    /("revision":")[0-9a-f]+(","url":"index.html")/,
    '$1release2000000000000000000000000$2',
  );
  expect(next).not.toBe(sw);
  writeFileSync(swFile, next);
}

test('an app update waits for the user while a draft is open, then reloads into the new version', async ({
  newDevice,
}) => {
  const text = `Half a thought, typed when the update came (${Date.now()}).`;
  const { page } = await newDevice(server.url);
  await signIn(page, DEMO.ana);
  await openFirstQuestion(page);
  await waitForServiceWorker(page);
  await startReply(page);
  await page.getByLabel('Your reply').fill(text);
  await expect(page.getByText('Draft saved on this device.')).toBeVisible();
  await page.evaluate(() => ((window as unknown as { marker: string }).marker = 'same page'));

  deployNewVersion();
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());

  // The prompt appears; the page is not reloaded, the text is untouched, even a while later.
  const prompt = page.getByRole('status').filter({ hasText: 'A new version of Parley is ready.' });
  await expect(prompt).toBeVisible();
  await page.waitForTimeout(1_500); // give an unwanted reload the time to happen
  expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe('same page');
  await expect(page.getByLabel('Your reply')).toHaveValue(text);
  await expect(page.locator('meta[name="parley-release"]')).toHaveCount(0);

  // The user agrees: the page reloads into the new version, and the draft is back in its composer.
  await prompt.getByRole('button', { name: 'Reload' }).click();
  await expect(page.locator('meta[name="parley-release"]')).toHaveCount(1);
  expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBeUndefined();
  await expect(page.getByLabel('Your reply')).toHaveValue(text);
  await expect(page.getByText('A new version of Parley is ready.')).toHaveCount(0);
});
