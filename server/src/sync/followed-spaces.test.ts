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
import type { TestClient } from '../testing/http-client';
import { startTestApp, type TestApp } from '../testing/test-app';

/** `?spaces=`: a device downloads only the posts (and moderation log) of the spaces it follows. */

interface Page {
  documents: (Post & { _deleted: boolean })[];
  checkpoint: { seq: number; scope: string };
}

let app: TestApp;
let followed: TestSpace;
let other: TestSpace;
let author: TestUser;
let moderator: TestUser;
let inFollowed: Post[];
let inOther: Post[];

beforeAll(async () => {
  app = await startTestApp();
  [followed, other] = [await makeSpace(app), await makeSpace(app)];
  author = await makeUser(app);
  moderator = await makeUser(app, { moderates: 'global' });
  inFollowed = [newPost(followed), newPost(followed)];
  inOther = [newPost(other), newPost(other), newPost(other)];
  // Interleaved, so that the other space's rows sit between the followed ones in the change order.
  for (const post of [inOther[0]!, inFollowed[0]!, inOther[1]!, inFollowed[1]!, inOther[2]!]) {
    await push(author.client, 'posts', [post]);
    await push(moderator.client, 'moderation', [decision(post, 'approve', 'pending')]);
  }
});
afterAll(() => app.close());

async function pullPage(
  client: TestClient,
  collection: string,
  params: { spaces?: string; checkpoint?: Page['checkpoint'] | null; limit?: number },
) {
  const query = new URLSearchParams({ limit: String(params.limit ?? 1000) });
  if (params.spaces !== undefined) query.set('spaces', params.spaces);
  if (params.checkpoint) query.set('checkpoint', JSON.stringify(params.checkpoint));
  return client.get<Page>(`/api/sync/${collection}/pull?${query.toString()}`);
}

/** Every document a device following `spaces` ends up with, page by page from `checkpoint`. */
async function drain(client: TestClient, spaces: string | undefined, checkpoint: Page['checkpoint'] | null) {
  const ids = new Set<string>();
  for (;;) {
    const res = await pullPage(client, 'posts', { spaces, checkpoint, limit: 2 });
    expect(res.status).toBe(200);
    if (res.body.documents.length === 0) return { ids, checkpoint };
    for (const d of res.body.documents) ids.add(d.id);
    checkpoint = res.body.checkpoint;
  }
}

const ids = (posts: Post[]) => posts.map((p) => p.id).sort();
const mine = (docs: { id: string }[], among: Post[]) =>
  docs
    .map((d) => d.id)
    .filter((id) => among.some((p) => p.id === id))
    .sort();

describe('GET /api/sync/posts/pull?spaces=', () => {
  it("sends only the followed spaces' posts; without the parameter, every space's as before", async () => {
    const only = await pullPage(app.client(), 'posts', { spaces: followed.spaceId });
    expect(only.status).toBe(200);
    expect(only.body.documents.map((d) => d.spaceId)).toEqual(inFollowed.map(() => followed.spaceId));
    expect(only.body.documents.map((d) => d.id).sort()).toEqual(ids(inFollowed));

    const all = await pullPage(app.client(), 'posts', {});
    expect(mine(all.body.documents, [...inFollowed, ...inOther])).toEqual(ids([...inFollowed, ...inOther]));
    expect(all.body.checkpoint.scope).toBe('anon');
    expect(only.body.checkpoint.scope).not.toBe('anon');

    const both = await pullPage(app.client(), 'posts', { spaces: `${other.spaceId},${followed.spaceId}` });
    expect(mine(both.body.documents, [...inFollowed, ...inOther])).toEqual(ids([...inFollowed, ...inOther]));
    // The same set in another order or case is the same scope.
    const reordered = await pullPage(app.client(), 'posts', {
      spaces: `${followed.spaceId.toUpperCase()},${other.spaceId}`,
    });
    expect(reordered.body.checkpoint.scope).toBe(both.body.checkpoint.scope);

    const none = await pullPage(app.client(), 'posts', { spaces: '' });
    expect(none.status).toBe(200);
    expect(none.body.documents).toEqual([]);
  });

  it('starts over under another followed set, so a space followed later arrives complete', async () => {
    // A device that follows one space pulls to the end…
    const first = await drain(app.client(), followed.spaceId, null);
    expect([...first.ids].sort()).toEqual(ids(inFollowed));
    expect(first.checkpoint!.seq).toBeGreaterThan(0);

    // …then follows the other one too: its old checkpoint is not reused (the other space's rows
    // before it would be skipped); the pull restarts and brings in every post of both.
    const both = `${followed.spaceId},${other.spaceId}`;
    const res = await pullPage(app.client(), 'posts', { spaces: both, checkpoint: first.checkpoint });
    expect(res.body.checkpoint.scope).not.toBe(first.checkpoint!.scope);
    const after = await drain(app.client(), both, first.checkpoint);
    expect([...after.ids].sort()).toEqual(ids([...inFollowed, ...inOther]));

    // Following every space again (no parameter) restarts too.
    const again = await drain(app.client(), undefined, after.checkpoint);
    expect(
      mine(
        [...again.ids].map((id) => ({ id })),
        inOther,
      ),
    ).toEqual(ids(inOther));
  });

  it('keeps a checkpoint made while following every space (that device has each space up to it)', async () => {
    const everything = await drain(app.client(), undefined, null);
    const narrowed = await pullPage(app.client(), 'posts', {
      spaces: followed.spaceId,
      checkpoint: everything.checkpoint,
    });
    expect(narrowed.body.documents).toEqual([]);
    expect(narrowed.body.checkpoint.seq).toBe(everything.checkpoint!.seq);

    const late = newPost(followed);
    const lateOther = newPost(other);
    await push(author.client, 'posts', [late, lateOther]);
    await push(moderator.client, 'moderation', [
      decision(late, 'approve', 'pending'),
      decision(lateOther, 'approve', 'pending'),
    ]);
    const next = await pullPage(app.client(), 'posts', {
      spaces: followed.spaceId,
      checkpoint: narrowed.body.checkpoint,
    });
    expect(next.body.documents.map((d) => d.id)).toEqual([late.id]);
  });

  it("still sends the viewer's own posts in spaces their device does not follow", async () => {
    const res = await pullPage(author.client, 'posts', { spaces: followed.spaceId });
    expect(mine(res.body.documents, inOther)).toEqual(ids(inOther));
    const stranger = await pullPage(moderator.client, 'posts', { spaces: followed.spaceId });
    expect(mine(stranger.body.documents, inOther)).toEqual([]);
  });

  it('filters the moderation log too, and refuses the filter on spaces and questions', async () => {
    const log = await pullPage(moderator.client, 'moderation', { spaces: other.spaceId });
    expect(log.status).toBe(200);
    expect(log.body.documents.length).toBeGreaterThan(0);
    expect(log.body.documents.every((d) => d.spaceId === other.spaceId)).toBe(true);

    for (const collection of ['spaces', 'questions']) {
      const res = await pullPage(app.client(), collection, { spaces: followed.spaceId });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: { code: 'invalid_query' } });
    }
  });

  it.each([
    ['not an id', 'not-a-uuid'],
    ['a trailing comma', `${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)},`],
    [
      'too many spaces',
      Array.from({ length: 201 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`).join(
        ',',
      ),
    ],
  ])('answers 400 invalid_query for %s', async (_, spaces) => {
    const res = await pullPage(app.client(), 'posts', { spaces });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 'invalid_query' } });
    const stream = await app.client().get(`/api/sync/posts/stream?spaces=${encodeURIComponent(spaces)}`);
    expect(stream.status).toBe(400);
    expect(stream.body).toMatchObject({ error: { code: 'invalid_query' } });
  });
});

describe('GET /api/sync/posts/stream?spaces=', () => {
  it("streams only the followed spaces' posts", async () => {
    const filtered = await app.client().openStream(`/api/sync/posts/stream?spaces=${followed.spaceId}`);
    const unfiltered = await app.client().openStream('/api/sync/posts/stream');
    try {
      expect(filtered.response.status).toBe(200);
      const skipped = newPost(other, { body: 'in the space nobody here follows' });
      const wanted = newPost(followed, { body: 'in the followed space' });
      await push(author.client, 'posts', [skipped]);
      await push(moderator.client, 'moderation', [decision(skipped, 'approve', 'pending')]);
      await push(author.client, 'posts', [wanted]);
      await push(moderator.client, 'moderation', [decision(wanted, 'approve', 'pending')]);

      const has = (id: string) => (event: unknown) =>
        (event as Page).documents?.some((d) => d.id === id) ? true : undefined;
      await filtered.waitFor(has(wanted.id));
      await unfiltered.waitFor(has(wanted.id));
      await unfiltered.waitFor(has(skipped.id));
      const sent = filtered.events.flatMap((e) => (e as Page).documents);
      expect(sent.map((d) => d.spaceId)).not.toContain(other.spaceId);
      // Its checkpoints carry the followed set's scope, which the pull route accepts as its own.
      const checkpoint = (filtered.events.at(-1) as Page).checkpoint;
      const resumed = await pullPage(app.client(), 'posts', { spaces: followed.spaceId, checkpoint });
      expect(resumed.body.documents).toEqual([]);
      expect(resumed.body.checkpoint).toEqual(checkpoint);
    } finally {
      await filtered.close();
      await unfiltered.close();
    }
  });
});
