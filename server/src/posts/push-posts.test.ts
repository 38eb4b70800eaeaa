import type { Post } from '@parley/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  decision,
  makeSpace,
  makeUser,
  newPost,
  pullAll,
  push,
  type TestSpace,
  type TestUser,
} from '../testing/fixtures';
import { startTestApp, type TestApp } from '../testing/test-app';

type Pulled = Post & { _deleted: boolean };

let app: TestApp;
let space: TestSpace;
let author: TestUser;
let other: TestUser;
let moderator: TestUser;

beforeAll(async () => {
  app = await startTestApp();
  space = await makeSpace(app);
  author = await makeUser(app, { name: 'Real Author' });
  other = await makeUser(app);
  moderator = await makeUser(app, { moderates: [space.spaceId] });
});
afterAll(() => app.close());

async function stored(id: string, as: TestUser = author): Promise<Pulled | undefined> {
  return (await pullAll(as.client, 'posts')).get(id) as unknown as Pulled | undefined;
}

async function countPosts(id: string) {
  const [row] = await app.db.query<{ n: unknown }>('SELECT count(*) AS n FROM posts WHERE id = $1', [id]);
  return Number(row?.n);
}

describe('what the server decides, not the device', () => {
  it('ignores a forged authorId and authorName: the author is the session user', async () => {
    const post = newPost(space, { authorId: other.id, authorName: 'Someone Else' });
    expect((await push(author.client, 'posts', [post])).body).toEqual([]);
    expect(await stored(post.id)).toMatchObject({ authorId: author.id, authorName: 'Real Author' });
    expect(await stored(post.id, other)).toBeUndefined();
  });

  it('ignores a client-set status, receivedAt and updatedAt: a new post is pending', async () => {
    const post = newPost(space, { status: 'approved', receivedAt: '2000-01-01T00:00:00.000Z' });
    expect((await push(author.client, 'posts', [post])).body).toEqual([]);
    const doc = await stored(post.id);
    expect(doc?.status).toBe('pending');
    expect(doc?.receivedAt).not.toBe('2000-01-01T00:00:00.000Z');
    expect((await pullAll(app.client(), 'posts')).has(post.id)).toBe(false);
  });

  it('keeps onBehalfOf from a moderator of the space only', async () => {
    const byModerator = newPost(space, { onBehalfOf: 'Sent by e-mail' });
    const byParticipant = newPost(space, { onBehalfOf: 'Pretending' });
    await push(moderator.client, 'posts', [byModerator]);
    await push(author.client, 'posts', [byParticipant]);
    expect((await stored(byModerator.id, moderator))?.onBehalfOf).toBe('Sent by e-mail');
    expect((await stored(byParticipant.id))?.onBehalfOf).toBeNull();
  });
});

describe('retries are harmless', () => {
  it('the same row twice, and again after the first answer was lost, makes one post', async () => {
    const post = newPost(space);
    expect((await push(author.client, 'posts', [post, post])).body).toEqual([]);
    // The device never saw the answer, so it still assumes no master state.
    expect((await push(author.client, 'posts', [post])).body).toEqual([]);
    expect(await countPosts(post.id)).toBe(1);
  });

  it('concurrent identical pushes make one post', async () => {
    const post = newPost(space);
    const answers = await Promise.all([1, 2, 3].map(() => push(author.client, 'posts', [post])));
    for (const answer of answers) expect(answer.body).toEqual([]);
    expect(await countPosts(post.id)).toBe(1);
  });
});

describe('refused rows', () => {
  it('come back rejected with the reason and the text; a good row in the same push is stored', async () => {
    const closed = newPost(space, { questionId: space.closedQuestionId, body: 'too late' });
    const unknown = newPost(space, { questionId: '0192f0c1-7a4e-7cc0-8f3e-5b7d2c1a9e99', body: 'lost' });
    const good = newPost(space);
    const res = await push<Pulled[]>(author.client, 'posts', [closed, unknown, good]);
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(2);
    expect(res.body[0]).toMatchObject({
      id: closed.id,
      body: 'too late',
      status: 'rejected',
      refusal: { code: 'phase_closed' },
    });
    expect(res.body[1]).toMatchObject({
      id: unknown.id,
      body: 'lost',
      status: 'rejected',
      refusal: { code: 'unknown_question' },
    });
    expect(res.body[0]!.refusal!.message).toMatch(/not open/);
    expect(await countPosts(closed.id)).toBe(0);
    expect(await countPosts(unknown.id)).toBe(0);
    expect(await stored(good.id)).toMatchObject({ status: 'pending' });
  });

  it('an invalid row with an id is refused as invalid; one without an id is skipped', async () => {
    const bad = { ...newPost(space), body: 'x'.repeat(10_001) };
    const res = await push<Pulled[]>(author.client, 'posts', [bad, { body: 'no id' }]);
    expect(res.body).toHaveLength(1);
    expect(res.body[0]).toMatchObject({ id: bad.id, status: 'rejected', refusal: { code: 'invalid' } });
  });

  it('a reply to a post the author cannot see, or of another question, is refused as unknown_parent', async () => {
    const hiddenParent = newPost(space);
    await push(other.client, 'posts', [hiddenParent]); // pending, not the author's
    const reply = newPost(space, { parentId: hiddenParent.id });
    const res = await push<Pulled[]>(author.client, 'posts', [reply]);
    expect(res.body[0]?.refusal?.code).toBe('unknown_parent');

    const ownParent = newPost(space);
    await push(author.client, 'posts', [ownParent]);
    const okReply = newPost(space, { parentId: ownParent.id });
    expect((await push(author.client, 'posts', [okReply])).body).toEqual([]);
  });

  it("a published post of someone else pushed back (RxDB after a closed tab cut a pull's bookkeeping short) gets the stored post, unchanged", async () => {
    const original = newPost(space, { body: 'published words' });
    await push(author.client, 'posts', [original]);
    await push(moderator.client, 'moderation', [decision(original, 'approve', 'pending')]);
    const pulled = (await stored(original.id, other))!;
    const res = await push<Pulled[]>(other.client, 'posts', [{ ...pulled, body: 'changed on the device' }]);
    expect(res.body).toHaveLength(1);
    expect(res.body[0]).toMatchObject({
      id: original.id,
      status: 'approved',
      body: 'published words',
      refusal: null,
    });
    expect(res.body[0]!._deleted).toBe(false);
    expect(await stored(original.id)).toMatchObject({ status: 'approved', body: 'published words' });
  });

  it('a post id of another author is refused as not_author without revealing the stored post', async () => {
    const original = newPost(space, { body: 'the original private text' });
    await push(author.client, 'posts', [original]);
    const hijack = { ...original, body: 'overwrite attempt' };
    const res = await push<Pulled[]>(other.client, 'posts', [hijack]);
    expect(res.body).toHaveLength(1);
    expect(res.body[0]).toMatchObject({
      status: 'rejected',
      refusal: { code: 'not_author' },
      body: 'overwrite attempt',
    });
    expect(res.text).not.toContain('the original private text');
    expect((await stored(original.id))?.body).toBe('the original private text');
  });
});

describe('edits and withdrawal', () => {
  it('an edit based on an old version gets the master back; one based on the current version applies', async () => {
    const post = newPost(space, { body: 'first' });
    await push(author.client, 'posts', [post]);
    const master = (await stored(post.id))!;
    await push(moderator.client, 'moderation', [decision(post, 'approve', 'pending')]);

    const stale = await push<Pulled[]>(author.client, 'posts', [{ ...post, body: 'second' }], master);
    expect(stale.body).toHaveLength(1);
    expect(stale.body[0]).toMatchObject({ body: 'first', status: 'approved' });

    const current = (await stored(post.id))!;
    expect((await push(author.client, 'posts', [{ ...post, body: 'second' }], current)).body).toEqual([]);
    // An edit goes back to moderation, and the public loses the old version as a deletion.
    expect(await stored(post.id)).toMatchObject({ body: 'second', status: 'pending' });
    expect((await pullAll(app.client(), 'posts')).get(post.id)).toMatchObject({ _deleted: true, body: '' });
  });

  it('the author may withdraw; others then receive a deletion; a withdrawn post cannot be edited', async () => {
    const post = newPost(space);
    await push(author.client, 'posts', [post]);
    await push(moderator.client, 'moderation', [decision(post, 'approve', 'pending')]);
    expect((await pullAll(other.client, 'posts')).get(post.id)?._deleted).toBe(false);

    const master = (await stored(post.id))!;
    expect((await push(author.client, 'posts', [{ ...master, status: 'withdrawn' }], master)).body).toEqual(
      [],
    );
    expect((await stored(post.id))?.status).toBe('withdrawn');
    expect((await pullAll(other.client, 'posts')).get(post.id)).toMatchObject({ _deleted: true, body: '' });

    const withdrawn = (await stored(post.id))!;
    const res = await push<Pulled[]>(author.client, 'posts', [{ ...withdrawn, body: 'changed' }], withdrawn);
    expect(res.body[0]?.refusal?.code).toBe('not_editable');
    expect((await stored(post.id))?.body).toBe(post.body);
  });

  it('a withdrawal sent from an older version still applies: a moderator decided meanwhile (offline phone)', async () => {
    const post = newPost(space);
    await push(author.client, 'posts', [post]);
    const seenOffline = (await stored(post.id))!;
    await push(moderator.client, 'moderation', [decision(post, 'approve', 'pending')]);
    expect((await pullAll(other.client, 'posts')).get(post.id)?._deleted).toBe(false);

    const res = await push<Pulled[]>(
      author.client,
      'posts',
      [{ ...seenOffline, status: 'withdrawn' }],
      seenOffline,
    );
    expect(res.body).toEqual([]);
    expect((await stored(post.id))?.status).toBe('withdrawn');
    expect((await pullAll(other.client, 'posts')).get(post.id)).toMatchObject({ _deleted: true, body: '' });
    // A retry of the same withdrawal is a no-op.
    expect(
      (await push(author.client, 'posts', [{ ...seenOffline, status: 'withdrawn' }], seenOffline)).body,
    ).toEqual([]);
  });

  it('a withdrawal of an edited text withdraws the stored post and hands the stored text back', async () => {
    const post = newPost(space, { body: 'as sent' });
    await push(author.client, 'posts', [post]);
    const master = (await stored(post.id))!;
    const res = await push<Pulled[]>(
      author.client,
      'posts',
      [{ ...master, body: 'edited offline', status: 'withdrawn' }],
      master,
    );
    expect(res.body).toHaveLength(1);
    expect(res.body[0]).toMatchObject({ body: 'as sent', status: 'withdrawn' });
    expect((await stored(post.id))?.status).toBe('withdrawn');
  });
});
