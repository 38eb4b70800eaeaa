import type { Post } from '@parley/shared';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/db';
import { createApp } from '../http/app';
import { listen, type Listening } from '../http/listen';
import {
  decision,
  makeSpace,
  makeUser,
  newPost,
  push,
  type TestSpace,
  type TestUser,
} from '../testing/fixtures';
import { TestClient, type EventStream } from '../testing/http-client';
import { startTestApp, testConfig, type TestApp } from '../testing/test-app';

/**
 * Open streams of one visibility scope share one pull per write (stream.ts, StreamGroup). The
 * pulls are counted on a second app whose database is the test database behind a counting
 * Queryable (our own wrapper: every query still runs on the real database); it shares the first
 * app's change notices, so the fixtures' writes through the first app wake its streams.
 */
let app: TestApp;
let space: TestSpace;
let author: TestUser;
let reader: TestUser;
let moderator: TestUser;
let counted: Listening;
/** The params of every posts pull the counted app ran ($2 is the viewer's id, null when anonymous). */
let postPulls: unknown[][] = [];
/** Held after each posts pull returns, as a slow database would: pulls stay in flight longer. */
let pullDelayMs = 0;

function counting(db: Db): Db {
  return {
    kind: db.kind,
    tx: (fn) => db.tx(fn),
    close: () => db.close(),
    async query<T>(sql: string, params?: readonly unknown[]) {
      const rows = await db.query<T>(sql, params);
      if (/FROM posts p\s+WHERE seq > \$1/.test(sql)) {
        postPulls.push([...(params ?? [])]);
        if (pullDelayMs > 0) await new Promise((r) => setTimeout(r, pullDelayMs));
      }
      return rows;
    },
  };
}

beforeAll(async () => {
  app = await startTestApp();
  space = await makeSpace(app);
  author = await makeUser(app);
  reader = await makeUser(app);
  moderator = await makeUser(app, { moderates: [space.spaceId] });
  const second = createApp({ db: counting(app.db), config: testConfig(), changes: app.ctx.changes });
  counted = await listen(second, '127.0.0.1', 0);
});
afterAll(async () => {
  await counted.close();
  await app.close();
});
beforeEach(() => {
  pullDelayMs = 0;
});

type Batch = { documents: (Post & { _deleted: boolean })[] };
const rawEventWith = (id: string, status: string) => (event: unknown) =>
  typeof event === 'object' &&
  event !== null &&
  (event as Batch).documents.some((d) => d.id === id && d.status === status)
    ? JSON.stringify(event)
    : undefined;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Lets wake-ups already under way finish, so the next count starts from quiet. */
const settle = () => sleep(300);

async function openMany(client: TestClient, n: number): Promise<EventStream[]> {
  const streams = await Promise.all(
    Array.from({ length: n }, () => client.openStream('/api/sync/posts/stream')),
  );
  for (const s of streams) expect(s.response.status).toBe(200);
  return streams;
}

describe('stream fan-out', () => {
  it('one approval: one posts pull for all anonymous streams, and every stream gets the same event', async () => {
    const post = newPost(space, { body: 'shared by every anonymous reader' });
    await push(author.client, 'posts', [post]);
    const streams = await openMany(new TestClient(counted.url), 20);
    try {
      await settle();
      postPulls = [];
      await push(moderator.client, 'moderation', [decision(post, 'approve', 'pending')]);
      const received = await Promise.all(streams.map((s) => s.waitFor(rawEventWith(post.id, 'approved'))));
      await settle();
      expect(new Set(received).size).toBe(1);
      expect(postPulls.filter((params) => params[1] === null)).toHaveLength(1);
    } finally {
      await Promise.all(streams.map((s) => s.close()));
    }
  });

  it("a user's devices share their own scope: their pending post reaches them, not the others", async () => {
    const own = await openMany(author.client.at(counted.url), 3);
    const others = [
      ...(await openMany(reader.client.at(counted.url), 2)),
      ...(await openMany(new TestClient(counted.url), 2)),
    ];
    try {
      await settle();
      postPulls = [];
      const post = newPost(space, { body: `pending, the author's ${Math.random()}` });
      await push(author.client, 'posts', [post]);
      const received = await Promise.all(own.map((s) => s.waitFor(rawEventWith(post.id, 'pending'))));
      await settle();
      expect(new Set(received).size).toBe(1);
      // One pull per scope: the author's, the reader's, the anonymous one.
      expect(postPulls.filter((params) => params[1] === author.id)).toHaveLength(1);
      expect(postPulls.filter((params) => params[1] === reader.id)).toHaveLength(1);
      expect(postPulls.filter((params) => params[1] === null)).toHaveLength(1);
      for (const s of others) expect(JSON.stringify(s.events)).not.toContain(post.body);
    } finally {
      await Promise.all([...own, ...others].map((s) => s.close()));
    }
  });

  it('a stream that joins while its group pulls misses nothing written after it opened', async () => {
    pullDelayMs = 150;
    const first = await author.client.at(counted.url).openStream('/api/sync/posts/stream');
    let late: EventStream | undefined;
    try {
      // A burst: each write wakes the group, whose pulls now return 150 ms late.
      const before = Array.from({ length: 3 }, (_, i) => newPost(space, { body: `before ${i}` }));
      for (const post of before) await push(author.client, 'posts', [post]);
      // Joins while a pull (which read the table before this stream existed) is in flight.
      late = await author.client.at(counted.url).openStream('/api/sync/posts/stream');
      const after = Array.from({ length: 3 }, (_, i) => newPost(space, { body: `after ${i}` }));
      for (const post of after) await push(author.client, 'posts', [post]);
      for (const post of after) await late.waitFor(rawEventWith(post.id, 'pending'));
      for (const post of [...before, ...after]) await first.waitFor(rawEventWith(post.id, 'pending'));
    } finally {
      await first.close();
      await late?.close();
    }
  });
});
