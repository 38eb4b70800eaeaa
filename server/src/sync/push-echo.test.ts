import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  decision,
  makeSpace,
  makeUser,
  newPost,
  push,
  pushEcho,
  type TestSpace,
  type TestUser,
} from '../testing/fixtures';
import { startTestApp, type TestApp } from '../testing/test-app';

let app: TestApp;
let space: TestSpace;
let author: TestUser;
let moderator: TestUser;

beforeAll(async () => {
  app = await startTestApp();
  space = await makeSpace(app);
  author = await makeUser(app, { name: 'Echo Author' });
  moderator = await makeUser(app, { moderates: [space.spaceId] });
});
afterAll(() => app.close());

describe('X-Parley-Echo: stored', () => {
  it('without it, an applied push answers DESIGN.md’s empty conflict list', async () => {
    expect((await push(author.client, 'posts', [newPost(space)])).body).toEqual([]);
  });

  it('with it, the device gets its post back as stored: status, server times, its own name', async () => {
    const post = newPost(space, { status: 'approved', authorName: 'Forged' });
    const res = await pushEcho<Record<string, unknown>[]>(author.client, 'posts', [post]);
    expect(res.body).toEqual([
      expect.objectContaining({
        id: post.id,
        status: 'pending',
        authorId: author.id,
        authorName: 'Echo Author',
        _deleted: false,
      }),
    ]);
    expect(res.body[0]?.receivedAt).toEqual(expect.any(String));

    // A retry of the same row is still one post, answered the same way.
    const again = await pushEcho<Record<string, unknown>[]>(author.client, 'posts', [post]);
    expect(again.body.map((d) => d.id)).toEqual([post.id]);
    const [row] = await app.db.query<{ n: unknown }>('SELECT count(*) AS n FROM posts WHERE id = $1', [
      post.id,
    ]);
    expect(Number(row?.n)).toBe(1);
  });

  it('echoes a moderator’s decision with the outcome the server set', async () => {
    const post = newPost(space);
    await push(author.client, 'posts', [post]);
    const m = decision(post, 'approve', 'pending');
    expect((await push(moderator.client, 'moderation', [m])).body).toEqual([]);
    const late = decision(post, 'reject', 'pending', 'too late');
    expect((await pushEcho(moderator.client, 'moderation', [late])).body).toEqual([
      expect.objectContaining({ id: late.id, outcome: 'superseded', _deleted: false }),
    ]);
  });
});
