import type { DeletionPolicy } from '@parley/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  decision,
  makeSpace,
  makeUser,
  newPost,
  pullAll,
  push,
  TEST_PASSWORD,
  type TestSpace,
} from '../testing/fixtures';
import { signUp } from '../testing/mailbox';
import { startTestApp, type TestApp } from '../testing/test-app';
import { FORMER_PARTICIPANT } from './people-service';

let app: TestApp;
let space: TestSpace;
beforeAll(async () => {
  app = await startTestApp();
  space = await makeSpace(app);
});
afterAll(() => app.close());

const errorCode = (body: unknown) => (body as { error: { code: string } }).error.code;

describe('GET /api/me/export', () => {
  it('gives the signed-in person their account, posts in every status, flags and decisions, and nothing of others', async () => {
    const me = await makeUser(app, { name: 'Exporting Person', moderates: [space.spaceId] });
    const other = await makeUser(app);
    const mine = [newPost(space, { body: 'my pending words' }), newPost(space, { body: 'my second post' })];
    await push(other.client, 'posts', [newPost(space, { body: 'someone else wrote this' })]);
    // A moderator's own posts publish at once; one is then hidden by a decision.
    await push(me.client, 'posts', mine);
    await push(me.client, 'moderation', [decision(mine[1]!, 'hide', 'approved', 'test')]);
    const theirs = newPost(space, { body: 'to flag' });
    await push(other.client, 'posts', [theirs]);
    await push(me.client, 'moderation', [decision(theirs, 'approve', 'pending')]);
    expect((await me.client.post(`/api/posts/${theirs.id}/flags`, { reason: 'off topic' })).status).toBe(201);

    const res = await me.client.get('/api/me/export');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('parley-my-data.json');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const data = res.body as {
      account: { email: string; displayName: string; moderatorOf: string[] };
      posts: { body: string; status: string }[];
      flags: { postId: string; reason: string }[];
      moderationDecisions: { decision: string }[];
    };
    expect(data.account).toMatchObject({
      email: me.email,
      displayName: 'Exporting Person',
      moderatorOf: [space.spaceId],
    });
    expect(data.posts.map((p) => [p.body, p.status])).toEqual([
      ['my pending words', 'approved'],
      ['my second post', 'hidden'],
    ]);
    expect(data.flags).toMatchObject([{ postId: theirs.id, reason: 'off topic' }]);
    // Two automatic approvals logged for a moderator's own posts, the approval given, the hiding.
    expect(data.moderationDecisions.map((d) => d.decision).sort()).toEqual([
      'approve',
      'approve',
      'approve',
      'hide',
    ]);
    expect(res.text).not.toContain('someone else wrote this');
    expect(res.text).not.toContain('password');
  });

  it('asks to sign in first', async () => {
    const res = await app.client().get('/api/me/export');
    expect(res.status).toBe(401);
  });
});

describe('DELETE /api/me', () => {
  it('refuses a wrong password and keeps the account', async () => {
    const me = await makeUser(app);
    const res = await me.client.request('DELETE', '/api/me', { json: { password: 'not it' } });
    expect(res.status).toBe(403);
    expect(errorCode(res.body)).toBe('invalid_credentials');
    expect((await me.client.get('/api/auth/me')).status).toBe(200);
  });

  it('deletes the account: signed out everywhere, cannot sign in, posts kept as "Former participant" on every device', async () => {
    const me = await makeUser(app, { name: 'Leaving Person' });
    const reader = await makeUser(app);
    const moderator = await makeUser(app, { moderates: [space.spaceId] });
    const post = newPost(space, { body: 'words that stay' });
    await push(me.client, 'posts', [post]);
    await push(moderator.client, 'moderation', [decision(post, 'approve', 'pending')]);
    const before = (await pullAll(reader.client, 'posts')).get(post.id);
    expect(before?.authorName).toBe('Leaving Person');

    const res = await me.client.request('DELETE', '/api/me', { json: { password: TEST_PASSWORD } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ deleted: true, postsKept: 1, postsRemoved: 0 });
    expect((await me.client.get('/api/auth/me')).status).toBe(401);
    const login = await app.client().post('/api/auth/login', { email: me.email, password: TEST_PASSWORD });
    expect(login.status).toBe(401);

    const after = (await pullAll(reader.client, 'posts')).get(post.id);
    expect(after).toMatchObject({ body: 'words that stay', authorName: FORMER_PARTICIPANT, _deleted: false });
    const stored = await app.db.query<{ email: string; display_name: string }>(
      'SELECT email, display_name FROM users WHERE id = $1',
      [me.id],
    );
    expect(JSON.stringify(stored)).not.toContain(me.email);
    expect(JSON.stringify(stored)).not.toContain('Leaving Person');
    // The same e-mail address can make a new account.
    const again = await signUp(app, app.client(), {
      email: me.email,
      password: TEST_PASSWORD,
      displayName: 'Back again',
    });
    expect(again.status).toBe(201);
  });

  describe("each space's deletion policy", () => {
    let global: Awaited<ReturnType<typeof makeUser>>;
    let reader: Awaited<ReturnType<typeof makeUser>>;
    const spaces = {} as Record<DeletionPolicy, TestSpace>;
    beforeAll(async () => {
      global = await makeUser(app, { moderates: 'global' });
      reader = await makeUser(app);
      for (const policy of ['keep', 'remove', 'author-chooses'] as const) {
        spaces[policy] = await makeSpace(app);
        await app.db.query('UPDATE spaces SET deletion_policy = $2 WHERE id = $1', [
          spaces[policy].spaceId,
          policy,
        ]);
      }
    });

    /** A leaving person with one published post in each space, and a pending one where posts go. */
    async function leaver() {
      const me = await makeUser(app, { name: 'Leaving Person' });
      const published = {
        keep: newPost(spaces.keep, { body: 'kept words' }),
        remove: newPost(spaces.remove, { body: 'removed words' }),
        'author-chooses': newPost(spaces['author-chooses'], { body: 'chosen words' }),
      };
      const pending = newPost(spaces.remove, { body: 'pending words' });
      await push(me.client, 'posts', [...Object.values(published), pending]);
      await push(
        global.client,
        'moderation',
        Object.values(published).map((p) => decision(p, 'approve', 'pending')),
      );
      const seen = await pullAll(reader.client, 'posts');
      for (const p of Object.values(published)) expect(seen.get(p.id)?._deleted).toBe(false);
      return { me, published, pending };
    }

    it('the space says: kept where it keeps, removed where it removes, the person choosing removal where they may', async () => {
      const { me, published, pending } = await leaver();
      const res = await me.client.request('DELETE', '/api/me', {
        json: { password: TEST_PASSWORD, removePosts: true },
      });
      expect(res.body).toEqual({ deleted: true, postsKept: 1, postsRemoved: 3 });

      // Another person's device: the kept post renamed, the removed ones arrive as deletions, blank.
      const after = await pullAll(reader.client, 'posts');
      expect(after.get(published.keep.id)).toMatchObject({
        body: 'kept words',
        authorName: FORMER_PARTICIPANT,
        _deleted: false,
      });
      for (const p of [published.remove, published['author-chooses']]) {
        expect(after.get(p.id)).toMatchObject({ _deleted: true, body: '', authorName: '' });
      }
      // Moderators keep the record that a post was there, not its words.
      const modView = await pullAll(global.client, 'posts');
      for (const p of [published.remove, published['author-chooses'], pending]) {
        expect(modView.get(p.id)).toMatchObject({
          status: 'withdrawn',
          body: '',
          authorName: FORMER_PARTICIPANT,
        });
      }
      const bodies = await app.db.query<{ body: string }>('SELECT body FROM posts WHERE author_id = $1', [
        me.id,
      ]);
      expect(bodies.map((b) => b.body).sort()).toEqual(['', '', '', 'kept words']);
    });

    it('without the person asking for removal, only a space that removes removes', async () => {
      const { me, published } = await leaver();
      const res = await me.client.request('DELETE', '/api/me', { json: { password: TEST_PASSWORD } });
      expect(res.body).toEqual({ deleted: true, postsKept: 2, postsRemoved: 2 });
      const after = await pullAll(reader.client, 'posts');
      expect(after.get(published.keep.id)).toMatchObject({ body: 'kept words', _deleted: false });
      expect(after.get(published['author-chooses'].id)).toMatchObject({
        body: 'chosen words',
        authorName: FORMER_PARTICIPANT,
        _deleted: false,
      });
      expect(after.get(published.remove.id)).toMatchObject({ _deleted: true, body: '' });
    });

    it("spaces keep posts unless told otherwise, and devices learn each space's policy", async () => {
      const fresh = await makeSpace(app);
      const pulled = await pullAll(reader.client, 'spaces');
      expect(pulled.get(fresh.spaceId)).toMatchObject({ deletionPolicy: 'keep' });
      expect(pulled.get(spaces.remove.spaceId)).toMatchObject({ deletionPolicy: 'remove' });
    });
  });
});
