import type { Moderation, Post } from '@parley/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignModerator } from '../spaces/moderator-assignments';
import type { TestClient } from '../testing/http-client';
import {
  decision,
  makeSpace,
  makeUser,
  newPost,
  pullAll,
  pullPage,
  push,
  type TestSpace,
  type TestUser,
} from '../testing/fixtures';
import { startTestApp, type TestApp } from '../testing/test-app';

type Pulled = Post & { _deleted: boolean };

let app: TestApp;
let spaceA: TestSpace;
let spaceB: TestSpace;
let author: TestUser;
let other: TestUser;
let regionalA: TestUser;
let regionalB: TestUser;
let global: TestUser;
let admin: TestUser;
const posts = {} as Record<'pending' | 'approved' | 'rejected' | 'hidden' | 'anonymous', Post>;
let postInB: Post;

beforeAll(async () => {
  app = await startTestApp();
  [spaceA, spaceB] = [await makeSpace(app), await makeSpace(app)];
  author = await makeUser(app, { name: 'Author Person' });
  other = await makeUser(app);
  regionalA = await makeUser(app, { moderates: [spaceA.spaceId] });
  regionalB = await makeUser(app, { moderates: [spaceB.spaceId] });
  global = await makeUser(app, { moderates: 'global' });
  admin = await makeUser(app, { role: 'admin' });

  for (const kind of ['pending', 'approved', 'rejected', 'hidden'] as const) {
    // Only what must never reach others is marked SECRET.
    posts[kind] = newPost(spaceA, { body: kind === 'approved' ? 'public text' : `SECRET-${kind} text` });
  }
  posts.anonymous = newPost(spaceA, { anonymous: true, body: 'anonymous but approved' });
  postInB = newPost(spaceB, { body: 'pending in B' });
  expect((await push(author.client, 'posts', Object.values(posts))).body).toEqual([]);
  expect((await push(author.client, 'posts', [postInB])).body).toEqual([]);

  const decide = (m: Moderation) => push(regionalA.client, 'moderation', [m]);
  await decide(decision(posts.approved, 'approve', 'pending'));
  await decide(decision(posts.anonymous, 'approve', 'pending'));
  await decide(decision(posts.rejected, 'reject', 'pending', 'Off topic'));
  await decide(decision(posts.hidden, 'approve', 'pending'));
  await decide(decision(posts.hidden, 'hide', 'approved', 'Personal data'));
});
afterAll(() => app.close());

const pulledPosts = async (client: TestClient) =>
  (await pullAll(client, 'posts')) as unknown as Map<string, Pulled>;

/** Everything a viewer receives, as one string: no secret may appear anywhere in it. */
async function everythingSentTo(client: TestClient) {
  return JSON.stringify([
    ...(await pullAll(client, 'posts')).values(),
    ...(await pullAll(client, 'moderation')).values(),
  ]);
}

function expectPublicView(seen: Map<string, Pulled>) {
  expect(seen.get(posts.approved.id)).toMatchObject({
    status: 'approved',
    body: posts.approved.body,
    _deleted: false,
  });
  expect(seen.has(posts.pending.id)).toBe(false);
  expect(seen.has(posts.rejected.id)).toBe(false);
  // Public once, hidden now: a deletion with nothing left in it.
  expect(seen.get(posts.hidden.id)).toMatchObject({
    _deleted: true,
    body: '',
    authorName: '',
    authorId: null,
    onBehalfOf: null,
    attachments: [],
    moderationReason: null,
  });
  expect(seen.get(posts.anonymous.id)).toMatchObject({
    authorName: 'Anonymous',
    authorId: null,
    _deleted: false,
  });
  expect(seen.has(postInB.id)).toBe(false);
}

async function expectFullView(client: TestClient, spaces: { a: boolean; b: boolean }) {
  const seen = await pulledPosts(client);
  for (const post of Object.values(posts)) {
    const doc = seen.get(post.id)!;
    expect(doc._deleted).toBe(false);
    expect(doc.body).toBe(post.body);
  }
  expect(seen.get(posts.anonymous.id)).toMatchObject({ authorName: 'Author Person', authorId: author.id });
  expect(seen.get(posts.rejected.id)).toMatchObject({ status: 'rejected', moderationReason: 'Off topic' });
  expect(seen.get(posts.hidden.id)).toMatchObject({ status: 'hidden', moderationReason: 'Personal data' });
  expect(seen.has(postInB.id)).toBe(spaces.b);
  const log = [...(await pullAll(client, 'moderation')).values()] as unknown as Moderation[];
  expect(log.some((m) => m.spaceId === spaceA.spaceId)).toBe(spaces.a);
  expect(log.every((m) => m.spaceId === spaceA.spaceId || m.spaceId === spaceB.spaceId)).toBe(true);
}

describe('who sees what', () => {
  it('a reader who is not signed in: spaces, questions and approved posts only; anonymous authors hidden', async () => {
    const reader = app.client();
    expectPublicView(await pulledPosts(reader));
    expect((await pullAll(reader, 'moderation')).size).toBe(0);
    expect((await pullAll(reader, 'spaces')).has(spaceA.spaceId)).toBe(true);
    expect((await pullAll(reader, 'questions')).has(spaceA.questionId)).toBe(true);
    expect(await everythingSentTo(reader)).not.toContain('SECRET');
    expect(await everythingSentTo(reader)).not.toContain('Off topic');
  });

  it('another participant: the same as the public view', async () => {
    expectPublicView(await pulledPosts(other.client));
    expect((await pullAll(other.client, 'moderation')).size).toBe(0);
    expect(await everythingSentTo(other.client)).not.toContain('SECRET');
  });

  it('the author: all own posts in every status, with the reasons, and own name on the anonymous one', async () => {
    const seen = await pulledPosts(author.client);
    for (const post of [...Object.values(posts), postInB]) expect(seen.get(post.id)?.body).toBe(post.body);
    expect(seen.get(posts.pending.id)).toMatchObject({ status: 'pending', authorId: author.id });
    expect(seen.get(posts.rejected.id)).toMatchObject({ status: 'rejected', moderationReason: 'Off topic' });
    expect(seen.get(posts.hidden.id)).toMatchObject({ status: 'hidden', _deleted: false });
    expect(seen.get(posts.anonymous.id)).toMatchObject({ authorName: 'Author Person', authorId: author.id });
    expect((await pullAll(author.client, 'moderation')).size).toBe(0);
  });

  it('the regional moderator of the space: every post of it, real authors, and its moderation log', async () => {
    await expectFullView(regionalA.client, { a: true, b: false });
  });

  it('a regional moderator of another space: the public view of this one', async () => {
    const seen = await pulledPosts(regionalB.client);
    expectPublicView(new Map([...seen].filter(([id]) => id !== postInB.id)));
    expect(seen.get(postInB.id)?.body).toBe(postInB.body);
    const log = [...(await pullAll(regionalB.client, 'moderation')).values()] as unknown as Moderation[];
    expect(log.filter((m) => m.spaceId === spaceA.spaceId)).toEqual([]);
    expect(await everythingSentTo(regionalB.client)).not.toContain('SECRET-pending');
  });

  it('a global moderator and an admin: everything in every space', async () => {
    await expectFullView(global.client, { a: true, b: true });
    await expectFullView(admin.client, { a: true, b: true });
  });
});

describe('checkpoints', () => {
  it('a pull with nothing new returns the checkpoint it was given', async () => {
    const first = await pullPage(app.client(), 'posts');
    expect(first.checkpoint.scope).toBe('anon');
    const again = await pullPage(app.client(), 'posts', first.checkpoint);
    expect(again).toEqual({ documents: [], checkpoint: first.checkpoint });
  });

  it('restarts from zero when the viewer scope changed: a new moderator receives what was hidden before', async () => {
    const viewer = await makeUser(app);
    const before = await pullPage(viewer.client, 'posts');
    expect(before.documents.some((d) => d.id === posts.pending.id)).toBe(false);
    expect((await pullPage(viewer.client, 'posts', before.checkpoint)).documents).toEqual([]);

    await assignModerator(app.ctx, viewer.id, spaceA.spaceId);
    const after = await pullPage(viewer.client, 'posts', before.checkpoint);
    expect(after.checkpoint.scope).not.toBe(before.checkpoint.scope);
    expect(after.documents.find((d) => d.id === posts.pending.id)?.body).toBe(posts.pending.body);
    // An anonymous checkpoint sent by a signed-in viewer is also out of scope.
    const restarted = await pullPage(viewer.client, 'posts', { seq: 1_000_000, scope: 'anon' });
    expect(restarted.documents.length).toBeGreaterThan(0);
  });

  it('pages by limit and never returns a row twice', async () => {
    const all = await pullAll(global.client, 'posts');
    const ids: string[] = [];
    let checkpoint = null;
    for (;;) {
      const page = await pullPage(global.client, 'posts', checkpoint, 2);
      if (page.documents.length === 0) break;
      expect(page.documents.length).toBeLessThanOrEqual(2);
      ids.push(...page.documents.map((d) => d.id));
      checkpoint = page.checkpoint;
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(new Set(all.keys()));
  });
});
