/**
 * The client's pull end to end: the real server (embedded PGlite) and the app's real replication
 * on RxDB (fake-indexeddb). A first sync asks for pages of PULL_BATCH (1,000) posts, each once,
 * and stops at the first short page; a restart resumes from the stored checkpoint. Every post is
 * stored once, with its text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PUSH_ROWS_MAX,
  type Checkpoint,
  type Post,
  type PullResponse,
  type Question,
  type Space,
} from '@parley/shared';
import { PULL_BATCH } from '../../../client/src/sync/replication';
import { newComment } from '../../support/raw-http';
import { apiSession } from '../../support/server-api';
import { DEMO } from '../../support/journeys';
import { startServer, type RunningServer } from '../../support/server';
import { sleep } from '../device-side';
import { AppDevice } from './app-device';

/** Long enough for a pull that was going to follow to have started (they follow within ~20 ms). */
const SETTLE_MS = 500;

let server: RunningServer;

beforeAll(async () => {
  server = await startServer();
}, 60_000);
afterAll(() => server?.stop());

/**
 * Every row of a collection this session sees, pulled in pages of PULL_BATCH as the app asks for
 * them; with the checkpoint each page started from, and the one after the last row.
 */
async function pullAll<T>(cookie: string, collection: string) {
  const rows: T[] = [];
  const starts: (Checkpoint | null)[] = [];
  let checkpoint: Checkpoint | null = null;
  for (;;) {
    starts.push(checkpoint);
    const query = new URLSearchParams({ limit: String(PULL_BATCH) });
    if (checkpoint) query.set('checkpoint', JSON.stringify(checkpoint));
    const res = await fetch(`${server.url}/api/sync/${collection}/pull?${query.toString()}`, {
      headers: { cookie },
    });
    if (!res.ok) throw new Error(`pull ${collection}: HTTP ${res.status}`);
    const page = (await res.json()) as PullResponse<T>;
    rows.push(...page.documents);
    checkpoint = page.checkpoint ?? checkpoint;
    if (page.documents.length < PULL_BATCH || !page.checkpoint) return { rows, starts, end: checkpoint };
  }
}

/** A question of the demo space open for comments now (a post anywhere else is refused). */
async function openQuestion(cookie: string): Promise<Question> {
  const now = Date.now();
  const { rows: spaces } = await pullAll<Space>(cookie, 'spaces');
  const open = new Set(
    spaces.flatMap((s) =>
      s.phases.filter((p) => Date.parse(p.opensAt) <= now && now < Date.parse(p.closesAt)).map((p) => p.id),
    ),
  );
  const { rows: questions } = await pullAll<Question>(cookie, 'questions');
  const question = questions.find((q) => open.has(q.phaseId));
  if (!question) throw new Error('the demo space has no open question');
  return question;
}

/**
 * Signs a demo participant in and pushes comments until they see exactly `visible` posts: the
 * demo's published ones plus their own, still pending (which nobody else sees, so each test's
 * participant has their own count on the one server).
 */
async function seedVisible(email: string, visible: number) {
  const { cookie, pushHeaders } = await apiSession(server.url, email);
  const question = await openQuestion(cookie);
  const { rows: before } = await pullAll<Post>(cookie, 'posts');
  const pushed = Array.from({ length: visible - before.length }, (_, i) =>
    newComment(question, `${email}: pull ${i}`),
  );
  for (let start = 0; start < pushed.length; start += PUSH_ROWS_MAX) {
    const rows = pushed
      .slice(start, start + PUSH_ROWS_MAX)
      .map((post) => ({ assumedMasterState: null, newDocumentState: post }));
    const res = await fetch(`${server.url}/api/sync/posts/push`, {
      method: 'POST',
      headers: pushHeaders,
      body: JSON.stringify(rows),
    });
    const conflicts = (await res.json()) as unknown[];
    if (!res.ok || conflicts.length > 0) throw new Error(`push refused: ${JSON.stringify(conflicts[0])}`);
  }
  const after = await pullAll<Post>(cookie, 'posts');
  expect(after.rows).toHaveLength(visible);
  return { cookie, pushed, pages: after.starts, end: after.end };
}

/** An app device on the RxDB database `name` that keeps the checkpoint of each posts pull. */
async function openDevice(name: string, cookie: string) {
  const pulls: (Checkpoint | null)[] = [];
  const device = new AppDevice({
    baseUrl: server.url,
    name,
    cookie,
    // Without the stream's RESYNC on open, every pull below is one the replication asked for.
    liveStream: false,
    onRequest: (method, url) => {
      const { pathname, searchParams } = new URL(url);
      if (method !== 'GET' || pathname !== '/api/sync/posts/pull') return;
      const checkpoint = searchParams.get('checkpoint');
      pulls.push(checkpoint ? (JSON.parse(checkpoint) as Checkpoint) : null);
    },
  });
  await device.open();
  device.start();
  return { device, pulls };
}

/** Every pushed post is on the device once, with its text, beside the demo's. */
async function expectStored(device: AppDevice, pushed: Post[], visible: number) {
  const stored = await device.db.posts.find().exec();
  expect(stored).toHaveLength(visible);
  const bodies = new Map(stored.map((doc) => [doc.id, doc.body]));
  expect(bodies.size).toBe(visible);
  for (const post of pushed) expect(bodies.get(post.id)).toBe(post.body);
}

describe('pull requests against the real server', () => {
  it('a first sync of 2,450 posts fetches each page once; a restart resumes from the stored checkpoint', async () => {
    const visible = 2_450;
    const { cookie, pushed, pages, end } = await seedVisible(DEMO.ana, visible);

    const first = await openDevice('pull-requests-ana', cookie);
    await first.device.sync!.awaitInitial();
    await sleep(SETTLE_MS);
    await expectStored(first.device, pushed, visible);
    // Pages of 1,000, 1,000 and 450, each fetched once; the short one ends the pull.
    expect(first.pulls).toEqual(pages);
    await first.device.stop();

    // Same database name, same process: fake-indexeddb kept what the first device stored. The
    // restart asks once, from the stored checkpoint (the end of the last page), and gets nothing.
    const again = await openDevice('pull-requests-ana', cookie);
    await again.device.sync!.awaitInitial();
    await sleep(SETTLE_MS);
    expect(again.pulls).toEqual([end]);
    expect(await again.device.db.posts.count().exec()).toBe(visible);
    await again.device.stop();
  }, 60_000);

  it('1,400 posts: pages of 1,000 and 400, each fetched once', async () => {
    const visible = 1_400;
    const { cookie, pushed, pages } = await seedVisible(DEMO.ben, visible);

    const { device, pulls } = await openDevice('pull-requests-ben', cookie);
    await device.sync!.awaitInitial();
    await sleep(SETTLE_MS);
    await expectStored(device, pushed, visible);
    expect(pulls).toEqual(pages);
    await device.stop();
  }, 60_000);
});
