import { createHash, randomBytes } from 'node:crypto';
import { expect, test } from '../support/fixtures';
import { startCuttingProxy, type CuttingProxy } from '../support/cutting-proxy';
import { DEMO, DEMO_SPACE, openFirstQuestion, signIn } from '../support/journeys';
import { startServer, type RunningServer } from '../support/server';

let server: RunningServer;
let proxy: CuttingProxy;
test.beforeAll(async () => {
  server = await startServer();
  // 2 MB/s and a cut every 1.5 s: a 10 MB file takes at least 5 s, so at least three cuts land
  // while it travels (at 4 MB/s, a fast run once finished between two cuts but one).
  proxy = await startCuttingProxy(Number(new URL(server.url).port), {
    cutEveryMs: 1_500,
    bytesPerSecond: 2 * 1024 * 1024,
  });
});
test.afterAll(async () => {
  await proxy?.close();
  await server?.stop();
});

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

test('journey 4: a 10 MB briefing paper uploads over a link cut every few seconds, intact', async ({
  newDevice,
}) => {
  test.setTimeout(120_000);
  // A PDF by its magic bytes (the server sniffs the content), then 10 MB of noise.
  const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(10 * 1024 * 1024)]);
  const { page } = await newDevice(proxy.url);
  await signIn(page, DEMO.ana);
  await openFirstQuestion(page);

  const text = `Our briefing paper, attached (${Date.now()}).`;
  await page.getByLabel('Your comment').fill(text);
  await page.locator('input[type="file"]').first().setInputFiles({
    name: 'Briefing paper — régional.pdf',
    mimeType: 'application/pdf',
    buffer: pdf,
  });
  await expect(page.getByRole('list', { name: 'Files to attach' })).toContainText('Briefing paper');
  await page.getByRole('button', { name: 'Post' }).click();

  const post = page.getByRole('article', { name: 'Comment by Ana Lima' }).filter({ hasText: text });
  await expect(post).toBeVisible();
  // While it travels, the author sees it waiting with a progress bar.
  await expect(post.getByRole('list', { name: 'Files waiting to be sent' })).toBeVisible();
  const link = post.getByRole('link', { name: /Briefing paper/ });
  await expect(link).toBeVisible({ timeout: 90_000 });
  expect(proxy.cuts).toBeGreaterThanOrEqual(2);

  const href = await link.getAttribute('href');
  expect(href).toMatch(/^\/api\/attachments\/[0-9a-f-]{36}$/);
  const download = await page.request.get(href!);
  expect(download.status()).toBe(200);
  expect(download.headers()['content-disposition']).toContain("filename*=UTF-8''Briefing%20paper");
  expect(sha256(await download.body())).toBe(sha256(pdf));
  // The post reached the server with its file.
  await expect(post.getByText('Awaiting moderation')).toBeVisible({ timeout: 30_000 });
});

test('a question outside its phase is read-only, with the date shown', async ({ newDevice }) => {
  const { page } = await newDevice(server.url);
  await signIn(page, DEMO.ana);
  await page.goto(`/s/${DEMO_SPACE}`);
  // The demo's last question belongs to the reflections phase, which opens later.
  await page.getByRole('main').locator('a[href*="/q/"]').last().click();
  await expect(
    page.getByRole('status').filter({ hasText: 'This question opens for comments on' }),
  ).toBeVisible();
  await expect(page.getByLabel('Your comment')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Reply', exact: true })).toHaveCount(0);
});

test('journey 5 (report): a regional moderator opens the summary report; its counts match the server', async ({
  newDevice,
}) => {
  const { page } = await newDevice(server.url);
  await signIn(page, DEMO.regionalModerator);
  await page.goto(`/s/${DEMO_SPACE}`);
  await page.getByRole('link', { name: 'Summary report' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Summary report/ })).toBeVisible();
  const res = await page.request.get(`/api/spaces/${DEMO_SPACE}/report.json`);
  expect(res.status()).toBe(200);
  const report = (await res.json()) as { contributions: number; contributors: number };
  expect(report.contributions).toBeGreaterThan(0);
  await expect(page.getByTestId('report-contributions')).toHaveText(String(report.contributions));
  await expect(page.getByTestId('report-contributors')).toContainText(String(report.contributors));
  // The page's own download link: it asks for the report in the language the page is read in.
  const href = await page.getByRole('link', { name: 'Download Markdown' }).getAttribute('href');
  const md = await page.request.get(href!);
  expect(await md.text()).toContain(`- Contributions: ${report.contributions}`);
});

test('search works offline: accents folded, matches highlighted', async ({ newDevice }) => {
  const { page, context } = await newDevice(server.url);
  await signIn(page, DEMO.ana);
  await openFirstQuestion(page);
  await expect(page.getByText(/diáspora/).first()).toBeVisible();
  await context.setOffline(true);
  await page.getByRole('link', { name: 'Search' }).click();
  await page.getByLabel('Search this device').fill('DIASPORA');
  await expect(page.getByRole('status').filter({ hasText: /result/ })).toBeVisible();
  const hit = page.getByRole('listitem').filter({ hasText: 'Comment' }).first();
  await expect(hit.locator('mark').first()).toHaveText('diáspora');
  await hit.getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Question 1');
  await context.setOffline(false);
});
