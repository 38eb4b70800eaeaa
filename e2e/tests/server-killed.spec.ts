import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '../support/fixtures';
import { DEMO, openFirstQuestion, signIn } from '../support/journeys';
import { freePort, startFaultProxy, type FaultProxy } from '../support/fault-proxy';
import { countOnServer } from '../support/server-api';
import { startServer, type RunningServer } from '../support/server';

let dataDir: string;
let port: number;
let server: RunningServer;
let proxy: FaultProxy;
test.beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'parley-e2e-kill-'));
  port = await freePort();
  server = await startServer({ dataDir, env: { PORT: String(port) } });
  proxy = await startFaultProxy(port);
});
test.afterAll(async () => {
  await proxy?.close();
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const isPush = (r: { method: string; path: string }) =>
  r.method === 'POST' && r.path.startsWith('/api/sync/posts/push');

test('the server is killed (SIGKILL) while a push is in flight and restarted: no loss, no duplicate', async ({
  newDevice,
}) => {
  const text = `Sent just as the server died (${Date.now()}).`;
  const { page } = await newDevice(proxy.url);
  await signIn(page, DEMO.ana);
  await openFirstQuestion(page);

  // The moment the server has the whole push request, it is killed: no clean shutdown.
  const killed = new Promise<void>((resolve) => {
    proxy.onForwarded((r) => {
      if (!isPush(r)) return;
      proxy.onForwarded(null);
      server.process.kill('SIGKILL');
      resolve();
    });
  });

  await page.getByLabel('Your comment').fill(text);
  await page.getByRole('button', { name: 'Post' }).click();
  const post = page.getByRole('article', { name: 'Comment by Ana Lima' }).filter({ hasText: text });
  await expect(post).toBeVisible();
  await killed;
  await new Promise((resolve) => server.process.once('exit', resolve).exitCode !== null && resolve(null));
  await expect(post.getByText('Awaiting moderation')).toHaveCount(0);

  // Same data directory, same port: the proxy (the page's origin) reaches the new process.
  server = await startServer({ dataDir, env: { PORT: String(port) } });

  await expect(post.getByText('Awaiting moderation')).toBeVisible({ timeout: 45_000 });
  expect(await countOnServer(server.url, text)).toBe(1);
});
