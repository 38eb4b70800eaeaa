import type { Moderation, Post } from '@parley/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  decision,
  makeSpace,
  makeUser,
  newPost,
  pullAll,
  push,
  pushEcho,
  type TestSpace,
  type TestUser,
} from '../testing/fixtures';
import { startTestApp, type TestApp } from '../testing/test-app';

let app: TestApp;
let space: TestSpace;
let otherSpace: TestSpace;
let author: TestUser;
let regional: TestUser;
let regionalElsewhere: TestUser;
let global: TestUser;

beforeAll(async () => {
  app = await startTestApp();
  [space, otherSpace] = [await makeSpace(app), await makeSpace(app)];
  author = await makeUser(app);
  regional = await makeUser(app, { name: 'Rita Regional', moderates: [space.spaceId] });
  regionalElsewhere = await makeUser(app, { moderates: [otherSpace.spaceId] });
  global = await makeUser(app, { name: 'Gus Global', moderates: 'global' });
});
afterAll(() => app.close());

async function pendingPost(): Promise<Post> {
  const post = newPost(space);
  await push(author.client, 'posts', [post]);
  return post;
}
const postAs = async (user: TestUser, id: string) =>
  (await pullAll(user.client, 'posts')).get(id) as Post | undefined;
const logOf = async (user: TestUser) =>
  (await pullAll(user.client, 'moderation')) as unknown as Map<string, Moderation>;

describe('who may decide', () => {
  it('a participant pushing a decision gets 403; the post is unchanged and nothing is stored', async () => {
    const post = await pendingPost();
    const m = decision(post, 'approve', 'pending');
    const res = await push(author.client, 'moderation', [m]);
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: { code: 'forbidden' } });
    expect((await postAs(author, post.id))?.status).toBe('pending');
    expect((await logOf(global)).has(m.id)).toBe(false);
  });

  it('a regional moderator of another space cannot decide here: skipped, nothing stored', async () => {
    const post = await pendingPost();
    const m = decision(post, 'approve', 'pending');
    expect((await push(regionalElsewhere.client, 'moderation', [m])).body).toEqual([]);
    expect((await postAs(author, post.id))?.status).toBe('pending');
    expect((await logOf(global)).has(m.id)).toBe(false);
  });
});

describe('decisions', () => {
  it('approve makes the post public; the server sets moderator, space, outcome', async () => {
    const post = await pendingPost();
    const m = {
      ...decision(post, 'approve', 'pending'),
      moderatorId: author.id,
      outcome: 'superseded' as const,
    };
    // The answer is the stored decision, as the server completed it: the device takes it at once.
    expect((await pushEcho(regional.client, 'moderation', [m])).body).toEqual([
      expect.objectContaining({ id: m.id, outcome: 'applied', moderatorId: regional.id, _deleted: false }),
    ]);
    expect((await pullAll(app.client(), 'posts')).get(post.id)).toMatchObject({
      status: 'approved',
      body: post.body,
    });
    expect((await logOf(regional)).get(m.id)).toMatchObject({
      outcome: 'applied',
      moderatorId: regional.id,
      moderatorName: 'Rita Regional',
      spaceId: space.spaceId,
    });
  });

  it('reject keeps the reason for the author; hide turns a public post into a deletion for others', async () => {
    const rejected = await pendingPost();
    await push(regional.client, 'moderation', [
      decision(rejected, 'reject', 'pending', 'Please remove names'),
    ]);
    expect(await postAs(author, rejected.id)).toMatchObject({
      status: 'rejected',
      moderationReason: 'Please remove names',
    });

    const hidden = await pendingPost();
    await push(regional.client, 'moderation', [decision(hidden, 'approve', 'pending')]);
    await push(regional.client, 'moderation', [decision(hidden, 'hide', 'approved', 'Reported')]);
    expect((await pullAll(app.client(), 'posts')).get(hidden.id)).toMatchObject({ _deleted: true, body: '' });
    expect(await postAs(author, hidden.id)).toMatchObject({ status: 'hidden', moderationReason: 'Reported' });
    await push(regional.client, 'moderation', [decision(hidden, 'restore', 'hidden')]);
    expect((await pullAll(app.client(), 'posts')).get(hidden.id)).toMatchObject({
      _deleted: false,
      status: 'approved',
    });
  });

  it('the same decision pushed twice is stored once', async () => {
    const post = await pendingPost();
    const m = decision(post, 'approve', 'pending');
    await push(regional.client, 'moderation', [m, m]);
    await push(regional.client, 'moderation', [m]);
    const [row] = await app.db.query<{ n: unknown }>('SELECT count(*) AS n FROM moderation WHERE id = $1', [
      m.id,
    ]);
    expect(Number(row?.n)).toBe(1);
  });
});

describe('the superseded rule', () => {
  it('two moderators decide the same pending post: the first applies, the second is stored as superseded', async () => {
    const post = await pendingPost();
    const first = decision(post, 'approve', 'pending');
    const second = decision(post, 'reject', 'pending', 'Too late to matter');
    await push(regional.client, 'moderation', [first]);
    await push(global.client, 'moderation', [second]);

    expect(await postAs(author, post.id)).toMatchObject({ status: 'approved', moderationReason: null });
    const log = await logOf(global);
    expect(log.get(first.id)).toMatchObject({ outcome: 'applied', moderatorName: 'Rita Regional' });
    expect(log.get(second.id)).toMatchObject({ outcome: 'superseded', moderatorName: 'Gus Global' });
  });

  it('holds when both decisions arrive at the same time', async () => {
    const post = await pendingPost();
    const a = decision(post, 'approve', 'pending');
    const b = decision(post, 'reject', 'pending');
    await Promise.all([push(regional.client, 'moderation', [a]), push(global.client, 'moderation', [b])]);
    const log = await logOf(global);
    const outcomes = [log.get(a.id)?.outcome, log.get(b.id)?.outcome].sort();
    expect(outcomes).toEqual(['applied', 'superseded']);
    const winner = log.get(a.id)?.outcome === 'applied' ? 'approved' : 'rejected';
    expect((await postAs(author, post.id))?.status).toBe(winner);
  });

  it('a decision whose transition does not apply to the current status is superseded', async () => {
    const post = await pendingPost();
    const m = decision(post, 'hide', 'pending');
    await push(regional.client, 'moderation', [m]);
    expect((await logOf(regional)).get(m.id)?.outcome).toBe('superseded');
    expect((await postAs(author, post.id))?.status).toBe('pending');
  });
});
