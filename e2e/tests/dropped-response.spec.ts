import { expect, test } from '../support/fixtures';
import { DEMO, openFirstQuestion, signIn } from '../support/journeys';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy';
import { countOnServer } from '../support/server-api';
import { startServer, type RunningServer } from '../support/server';

let server: RunningServer;
let proxy: FaultProxy;
test.beforeAll(async () => {
  server = await startServer();
  proxy = await startFaultProxy(Number(new URL(server.url).port));
});
test.afterAll(async () => {
  await proxy?.close();
  await server?.stop();
});

const isPush = (r: { method: string; path: string }) =>
  r.method === 'POST' && r.path.startsWith('/api/sync/posts/push');

test('the connection drops after the server took a push, before the answer: no duplicate', async ({
  newDevice,
}) => {
  const text = `The answer to this one was lost on the way back (${Date.now()}).`;
  const { page } = await newDevice(proxy.url);
  await signIn(page, DEMO.ana);
  await openFirstQuestion(page);

  // The first push of posts reaches the server, which commits it; its answer never arrives.
  let dropped = 0;
  proxy.setRule((r) => (isPush(r) && dropped++ === 0 ? 'drop-response' : 'pass'));

  await page.getByLabel('Your comment').fill(text);
  await page.getByRole('button', { name: 'Post' }).click();
  const post = page.getByRole('article', { name: 'Comment by Ana Lima' }).filter({ hasText: text });
  await expect(post).toBeVisible();

  // The device retries (it cannot know the first one landed) and learns the post is received.
  await expect(post.getByText('Awaiting moderation')).toBeVisible({ timeout: 30_000 });
  expect(proxy.seen.filter(isPush).length).toBeGreaterThanOrEqual(2);
  expect(await countOnServer(server.url, text)).toBe(1);
});
