import { randomBytes } from 'node:crypto';
import type { Question } from '@parley/shared';
import { expect, test } from '../support/fixtures';
import { freePort } from '../support/fault-proxy';
import { startFailoverProxy, type FailoverProxy } from '../support/failover-proxy';
import { freshDatabase, type FreshDatabase } from '../support/fresh-postgres';
import { DEMO, openFirstQuestion, signIn } from '../support/journeys';
import { approvePosts, demoQuestions, pushPosts } from '../support/moderation-api';
import { countOnServer } from '../support/server-api';
import { startServer, type RunningServer } from '../support/server';

/*
 * Two server PROCESSES on one PostgreSQL database (a fresh one), behind a failover proxy standing
 * in for the load balancer: connections go to instance A while it lives, then to B.
 */
let db: FreshDatabase;
let a: RunningServer;
let b: RunningServer;
let proxy: FailoverProxy;
let portA: number;
let portB: number;

test.beforeAll(async () => {
  db = await freshDatabase(process.env.DATABASE_URL!);
  const shared = { DATABASE_URL: db.url, SESSION_SECRET: randomBytes(32).toString('hex') };
  [portA, portB] = [await freePort(), await freePort()];
  // A migrates and seeds the demo first; B then finds both done.
  a = await startServer({ env: { ...shared, PORT: String(portA), DEMO_SEED: 'true' } });
  b = await startServer({ env: { ...shared, PORT: String(portB), DEMO_SEED: 'true' } });
  proxy = await startFailoverProxy([portA, portB]);
});
test.afterAll(async () => {
  await proxy?.close();
  await a?.stop();
  await b?.stop();
  await db?.drop();
});

test('a device streaming from A sees a post approved through B within a second; A killed mid-push loses nothing', async ({
  newDevice,
}) => {
  const { page } = await newDevice(proxy.url);
  await signIn(page, DEMO.ben);
  await openFirstQuestion(page);
  expect(proxy.connections.get(portA) ?? 0).toBeGreaterThan(0);
  expect(proxy.connections.get(portB) ?? 0).toBe(0);

  // Ana writes through B, a moderator approves through B: Ben's phone, streaming from A, shows it.
  const [question] = (await demoQuestions(b.url)) as [Question];
  const text = `Approved on B, seen on A ${Date.now()}`;
  const [postId] = await pushPosts(b.url, DEMO.ana, question, [text]);
  await approvePosts(b.url, DEMO.globalModerator, [postId!]);
  const approvedAt = Date.now();
  await expect(page.getByRole('article').filter({ hasText: text })).toBeVisible({ timeout: 1_000 });
  test.info().annotations.push({ type: 'B→A stream latency', description: `${Date.now() - approvedAt} ms` });

  // Instance A dies the moment Ben's push reaches it; the phone retries, and lands on B.
  const mine = `Written as A died ${Date.now()}`;
  const killed = new Promise<void>((resolve) => {
    proxy.onClientData((port, chunk) => {
      if (port !== portA || !chunk.toString('latin1').startsWith('POST /api/sync/posts/push')) return;
      proxy.onClientData(null);
      a.process.kill('SIGKILL');
      resolve();
    });
  });
  await page.getByLabel('Your comment').fill(mine);
  await page.getByRole('button', { name: 'Post' }).click();
  await killed;
  await expect.poll(() => countOnServer(b.url, mine), { timeout: 30_000, intervals: [500] }).toBe(1);
  expect(proxy.connections.get(portB) ?? 0).toBeGreaterThan(0);
  // And it stays exactly once: the retried push did not write it twice.
  await page.waitForTimeout(1_000);
  expect(await countOnServer(b.url, mine)).toBe(1);
});
