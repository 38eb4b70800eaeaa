import type { Me, Moderation, Post, Space } from '@parley/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTx } from '../db/write';
import { insertPost } from '../posts/post-repository';
import { assignModerator } from '../spaces/moderator-assignments';
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

let app: TestApp;
let space: TestSpace;
let author: TestUser;
let questionMod: TestUser;
let regional: TestUser;
let admin: TestUser;

beforeAll(async () => {
  app = await startTestApp();
  space = await makeSpace(app);
  author = await makeUser(app);
  questionMod = await makeUser(app, { role: 'moderator', name: 'Quinn Question' });
  await assignModerator(app.ctx, questionMod.id, { spaceId: space.spaceId, questionId: space.questionId });
  regional = await makeUser(app, { name: 'Rita Regional', moderates: [space.spaceId] });
  admin = await makeUser(app, { role: 'admin' });
});
afterAll(() => app.close());

/** A pending post on the open question, pushed by its author as a device would. */
async function pendingOnOwnQuestion(): Promise<Post> {
  const post = newPost(space);
  expect((await push(author.client, 'posts', [post])).status).toBe(200);
  return post;
}

/** A pending post on the space's other question (its phase closed: written directly, as if delivered in time). */
async function pendingOnOtherQuestion(): Promise<Post> {
  const post = newPost(space, { questionId: space.closedQuestionId });
  await writeTx(app.ctx, ['posts'], (tx) =>
    insertPost(tx, { ...post, authorId: author.id, authorName: 'Author', status: 'pending' }),
  );
  return post;
}

const postsOf = async (user: TestUser) =>
  (await pullAll(user.client, 'posts')) as unknown as Map<string, Post & { _deleted: boolean }>;
const logOf = async (user: TestUser) =>
  (await pullAll(user.client, 'moderation')) as unknown as Map<string, Moderation>;

describe('a moderator of one question', () => {
  it('is told so by /api/auth/me, and is not a moderator of the whole space', async () => {
    const me = (await questionMod.client.get<Me>('/api/auth/me')).body;
    expect(me).toMatchObject({
      globalModerator: false,
      moderatorOf: [],
      moderatorOfQuestions: [space.questionId],
    });
  });

  it('pulls the pending posts of their question only, with their flags; the space moderator pulls both', async () => {
    const mine = await pendingOnOwnQuestion();
    const other = await pendingOnOtherQuestion();
    const seen = await postsOf(questionMod);
    expect(seen.get(mine.id)).toMatchObject({ status: 'pending', body: mine.body, _deleted: false });
    expect(seen.has(other.id)).toBe(false);
    const seenByRegional = await postsOf(regional);
    expect(seenByRegional.get(other.id)).toMatchObject({ status: 'pending', body: other.body });
  });

  it('decides on a post of their question; the decision is in their log', async () => {
    const post = await pendingOnOwnQuestion();
    const m = decision(post, 'approve', 'pending');
    const res = await push(questionMod.client, 'moderation', [m]);
    expect(res.status).toBe(200);
    expect((await postsOf(author)).get(post.id)?.status).toBe('approved');
    expect((await logOf(questionMod)).get(m.id)).toMatchObject({
      outcome: 'applied',
      moderatorName: 'Quinn Question',
    });
    // Flagged once published: the flag reaches them (a participant sees no flags).
    const flagger = await makeUser(app);
    expect(
      (await flagger.client.post(`/api/posts/${post.id}/flags`, { reason: 'Names a person' })).status,
    ).toBe(201);
    expect((await postsOf(questionMod)).get(post.id)?.flags).toHaveLength(1);
    expect((await postsOf(flagger)).get(post.id)?.flags).toEqual([]);
  });

  it('is refused, with the reason, on a post of another question: nothing stored, the post unchanged', async () => {
    const post = await pendingOnOtherQuestion();
    const m = decision(post, 'approve', 'pending');
    const res = await push(questionMod.client, 'moderation', [m]);
    expect(res.status).toBe(403);
    const { error } = res.body as unknown as { error: { code: string; message: string } };
    expect(error.code).toBe('forbidden');
    expect(error.message).toMatch(/not the question of this post/);
    expect((await postsOf(regional)).get(post.id)?.status).toBe('pending');
    expect((await logOf(regional)).has(m.id)).toBe(false);
  });

  it('does not receive the log of decisions on other questions', async () => {
    const post = await pendingOnOtherQuestion();
    const m = decision(post, 'reject', 'pending', 'Off topic');
    expect((await push(regional.client, 'moderation', [m])).status).toBe(200);
    expect((await logOf(regional)).has(m.id)).toBe(true);
    expect((await logOf(questionMod)).has(m.id)).toBe(false);
  });

  it('cannot read the whole space’s report or moderation export', async () => {
    expect((await questionMod.client.get(`/api/spaces/${space.slug}/report.json`)).status).toBe(403);
    expect((await questionMod.client.get(`/api/spaces/${space.slug}/moderation.csv`)).status).toBe(403);
  });

  it('is listed on the space with the questions they moderate', async () => {
    const doc = (await pullAll(admin.client, 'spaces')).get(space.spaceId) as unknown as Space;
    expect(doc.moderators).toContainEqual({
      userId: questionMod.id,
      displayName: 'Quinn Question',
      level: 'question',
      questionIds: [space.questionId],
    });
    expect(doc.moderators).toContainEqual({
      userId: regional.id,
      displayName: 'Rita Regional',
      level: 'regional',
    });
  });
});
