import type { Post } from '@parley/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgChanges, type ClosableChangeNotifier } from '../db/pg-changes';
import { openPostgres } from '../db/postgres';
import { createApp } from '../http/app';
import { listen } from '../http/listen';
import {
  decision,
  makeSpace,
  makeUser,
  newPost,
  push,
  type TestSpace,
  type TestUser,
} from '../testing/fixtures';
import { TestClient } from '../testing/http-client';
import { startTestApp, testConfig, type TestApp } from '../testing/test-app';

/*
 * Two server instances on one PostgreSQL database (real PostgreSQL only: PGlite is one process).
 * Instance A is the test app; instance B is a second app with its own pool and its own LISTEN
 * connection, as a second process would have.
 */
let a: TestApp;
let aChanges: ClosableChangeNotifier;
let b: { url: string; close(): Promise<void> };
let space: TestSpace;
let author: TestUser;
let moderator: TestUser;

beforeAll(async () => {
  // A's notifier must also be the PostgreSQL one, so restart A's HTTP side on it.
  const base = await startTestApp();
  aChanges = await openPgChanges(base.dbUrl!);
  const appA = createApp({ db: base.db, config: testConfig(), changes: aChanges });
  const serverA = await listen(appA, '127.0.0.1', 0);
  a = {
    ...base,
    url: serverA.url,
    client: () => new TestClient(serverA.url),
    close: async () => {
      await serverA.close();
      await aChanges.close();
      await base.close();
    },
  };

  const dbB = openPostgres(base.dbUrl!);
  const changesB = await openPgChanges(base.dbUrl!);
  const serverB = await listen(
    createApp({ db: dbB, config: testConfig(), changes: changesB }),
    '127.0.0.1',
    0,
  );
  b = {
    url: serverB.url,
    close: async () => {
      await serverB.close();
      await changesB.close();
      await dbB.close();
    },
  };

  space = await makeSpace(a);
  author = await makeUser(a);
  moderator = await makeUser(a, { moderates: [space.spaceId] });
});
afterAll(async () => {
  await b?.close();
  await a?.close();
});

describe('several instances on one PostgreSQL', () => {
  it('a post approved through instance B reaches a stream on instance A within a second', async () => {
    const reader = await makeUser(a);
    const stream = await reader.client.openStream('/api/sync/posts/stream');
    try {
      const post = newPost(space, { body: 'written through B' });
      // The same session cookie works on B: sessions live in PostgreSQL.
      const authorOnB = author.client.at(b.url);
      const moderatorOnB = moderator.client.at(b.url);
      expect((await push(authorOnB, 'posts', [post])).body).toEqual([]);

      const approvedAt = Date.now();
      await push(moderatorOnB, 'moderation', [decision(post, 'approve', 'pending')]);
      const seen = await stream.waitFor(
        (e) =>
          (e as { documents: Post[] }).documents.find((d) => d.id === post.id && d.status === 'approved'),
        1_000,
      );
      expect(seen.body).toBe('written through B');
      expect(Date.now() - approvedAt).toBeLessThan(1_000);
    } finally {
      await stream.close();
    }
  });
});
