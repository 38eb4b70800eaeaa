import type { Post } from '@parley/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  decision,
  makeSpace,
  makeUser,
  newPost,
  push,
  type TestSpace,
  type TestUser,
} from '../testing/fixtures';
import { createApp } from '../http/app';
import { listen } from '../http/listen';
import { TestClient, type EventStream } from '../testing/http-client';
import { startTestApp, testConfig, type TestApp } from '../testing/test-app';

let app: TestApp;
let space: TestSpace;
let author: TestUser;
let reader: TestUser;
let moderator: TestUser;

beforeAll(async () => {
  app = await startTestApp();
  space = await makeSpace(app);
  author = await makeUser(app);
  reader = await makeUser(app);
  moderator = await makeUser(app, { moderates: [space.spaceId] });
});
afterAll(() => app.close());

interface Batch {
  documents: (Post & { _deleted: boolean })[];
  checkpoint: { seq: number; scope: string };
}
const docIn = (id: string, status?: string) => (event: unknown) =>
  typeof event === 'object' && event !== null
    ? (event as Batch).documents.find((d) => d.id === id && (status === undefined || d.status === status))
    : undefined;

describe('GET /api/sync/:collection/stream', () => {
  it('answers an event stream with anti-buffering headers', async () => {
    const stream = await app.client().openStream('/api/sync/posts/stream');
    try {
      expect(stream.response.status).toBe(200);
      expect(stream.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
      expect(stream.response.headers.get('cache-control')).toBe('no-cache, no-transform');
      expect(stream.response.headers.get('x-accel-buffering')).toBe('no');
    } finally {
      await stream.close();
    }
  });

  it('delivers a newly approved post to another viewer, and never the pending version', async () => {
    const streams: EventStream[] = [];
    try {
      const readerStream = await reader.client.openStream('/api/sync/posts/stream');
      const authorStream = await author.client.openStream('/api/sync/posts/stream');
      const moderatorStream = await moderator.client.openStream('/api/sync/posts/stream');
      streams.push(readerStream, authorStream, moderatorStream);

      const post = newPost(space, { body: 'streamed text' });
      await push(author.client, 'posts', [post]);
      // The author's and the moderator's streams carry the pending post...
      await authorStream.waitFor(docIn(post.id, 'pending'));
      await moderatorStream.waitFor(docIn(post.id, 'pending'));

      await push(moderator.client, 'moderation', [decision(post, 'approve', 'pending')]);
      const approved = await readerStream.waitFor(docIn(post.id, 'approved'));
      expect(approved).toMatchObject({ body: 'streamed text', _deleted: false });
      await authorStream.waitFor(docIn(post.id, 'approved'));

      // ...the reader's never did: its first sight of the post is the approved one.
      const seenByReader = readerStream.events
        .flatMap((e) => (e as Batch).documents)
        .filter((d) => d.id === post.id);
      expect(seenByReader.map((d) => d.status)).toEqual(['approved']);
    } finally {
      for (const stream of streams) await stream.close();
    }
  });

  it('sends a public post that is hidden as a deletion, and checkpoints that move forward', async () => {
    const post = newPost(space);
    await push(author.client, 'posts', [post]);
    await push(moderator.client, 'moderation', [decision(post, 'approve', 'pending')]);
    const stream = await app.client().openStream('/api/sync/posts/stream');
    try {
      await push(moderator.client, 'moderation', [decision(post, 'hide', 'approved', 'reported')]);
      const deleted = await stream.waitFor(docIn(post.id, 'hidden'));
      expect(deleted).toMatchObject({ _deleted: true, body: '', authorId: null, moderationReason: null });
      const batch = stream.events[0] as Batch;
      expect(batch.checkpoint).toMatchObject({ scope: 'anon' });
      expect(batch.checkpoint.seq).toBeGreaterThan(0);
    } finally {
      await stream.close();
    }
  });

  it('streams the moderation log to moderators only', async () => {
    const modStream = await moderator.client.openStream('/api/sync/moderation/stream');
    const readerStream = await reader.client.openStream('/api/sync/moderation/stream');
    try {
      const post = newPost(space);
      await push(author.client, 'posts', [post]);
      const m = decision(post, 'reject', 'pending', 'no');
      await push(moderator.client, 'moderation', [m]);
      await modStream.waitFor(docIn(m.id));
      // Give the reader's stream the same chance to (wrongly) send something.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(readerStream.events).toEqual([]);
    } finally {
      await modStream.close();
      await readerStream.close();
    }
  });
});

describe('shutdown', () => {
  it('ends open streams when the server closes, so the process can exit', async () => {
    const second = createApp({ db: app.db, config: testConfig() });
    const server = await listen(second, '127.0.0.1', 0);
    const stream = await new TestClient(server.url).openStream('/api/sync/posts/stream');
    expect(stream.response.status).toBe(200);
    await server.close();
    await stream.ended;
  });
});
