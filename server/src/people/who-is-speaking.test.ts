import type { Me, Post } from '@parley/shared';
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
  TEST_PASSWORD,
} from '../testing/fixtures';
import type { TestClient } from '../testing/http-client';
import { startTestApp, type TestApp } from '../testing/test-app';

type Pulled = Post & { _deleted: boolean };

let app: TestApp;
let space: TestSpace;
let moderator: TestUser;

beforeAll(async () => {
  app = await startTestApp();
  space = await makeSpace(app);
  moderator = await makeUser(app, { moderates: [space.spaceId] });
});
afterAll(() => app.close());

const patchMe = (client: TestClient, body: unknown) =>
  client.request<Me>('PATCH', '/api/auth/me', { json: body });

const publicView = async (id: string) => (await pullAll(app.client(), 'posts')).get(id) as Pulled | undefined;

async function publish(post: Post, as: TestUser) {
  expect((await push(as.client, 'posts', [post])).body).toEqual([]);
  expect((await push(moderator.client, 'moderation', [decision(post, 'approve', 'pending')])).body).toEqual(
    [],
  );
}

describe('who is speaking: a display name and an organisation from the account', () => {
  it('sets and clears the organisation, changes the name, and says so in /me', async () => {
    const ana = await makeUser(app, { name: 'Ana Lima' });
    const set = await patchMe(ana.client, {
      displayName: '  Ana M. Lima ',
      organisation: ' Clean Air Now ',
    });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ displayName: 'Ana M. Lima', organisation: 'Clean Air Now' });
    expect((await ana.client.get<Me>('/api/auth/me')).body.organisation).toBe('Clean Air Now');

    const cleared = await patchMe(ana.client, { organisation: '   ' });
    expect(cleared.body).toMatchObject({ displayName: 'Ana M. Lima', organisation: null });
    expect((await patchMe(ana.client, { organisation: null })).body.organisation).toBeNull();
  });

  it('refuses a blank or too long name, control characters, a too long organisation, or no session', async () => {
    const ben = await makeUser(app, { name: 'Ben' });
    for (const body of [
      { displayName: '   ' },
      { displayName: 'x'.repeat(81) },
      { displayName: 'Ben\nAdmin' },
      { organisation: 'Org\u0007' },
      { organisation: 'o'.repeat(121) },
    ]) {
      const res = await patchMe(ben.client, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    expect((await ben.client.get<Me>('/api/auth/me')).body).toMatchObject({
      displayName: 'Ben',
      organisation: null,
    });
    expect((await patchMe(app.client(), { organisation: 'Nobody' })).status).toBe(401);
  });

  it('a new post carries the organisation from the account, whatever the pushed document says', async () => {
    const cy = await makeUser(app, { name: 'Cy' });
    await patchMe(cy.client, { organisation: 'Tenants Union' });
    const post = newPost(space, { authorOrganisation: 'Forged Org' });
    await publish(post, cy);
    expect(await publicView(post.id)).toMatchObject({
      authorName: 'Cy',
      authorOrganisation: 'Tenants Union',
    });
  });

  it('an anonymous post shows no organisation to the public; its author and moderators still know who wrote it', async () => {
    const di = await makeUser(app, { name: 'Di' });
    await patchMe(di.client, { organisation: 'Small Town Council' });
    const post = newPost(space, { anonymous: true });
    await publish(post, di);
    expect(await publicView(post.id)).toMatchObject({
      authorName: 'Anonymous',
      authorOrganisation: null,
      authorId: null,
    });
    const seenByModerator = (await pullAll(moderator.client, 'posts')).get(post.id);
    expect(seenByModerator).toMatchObject({ authorName: 'Di', authorId: di.id });
  });

  it('a changed name or organisation reaches existing posts on every device; anonymous ones stay anonymous', async () => {
    const eve = await makeUser(app, { name: 'Eve' });
    const open = newPost(space);
    const hidden = newPost(space, { anonymous: true });
    await publish(open, eve);
    await publish(hidden, eve);

    // A reader's device that already holds the posts pulls them again from its checkpoint.
    const reader = app.client();
    const before = await reader.get<{ checkpoint: unknown }>('/api/sync/posts/pull?limit=1000');
    const checkpoint = JSON.stringify(before.body.checkpoint);

    const res = await patchMe(eve.client, { displayName: 'Eve Adams', organisation: 'Bike Coop' });
    expect(res.status).toBe(200);

    const after = await reader.get<{ documents: Pulled[] }>(
      `/api/sync/posts/pull?limit=1000&checkpoint=${encodeURIComponent(checkpoint)}`,
    );
    const changed = new Map(after.body.documents.map((d) => [d.id, d]));
    expect(changed.get(open.id)).toMatchObject({ authorName: 'Eve Adams', authorOrganisation: 'Bike Coop' });
    // The anonymous post was not touched, and still names no one.
    expect(changed.has(hidden.id)).toBe(false);
    expect(await publicView(hidden.id)).toMatchObject({ authorName: 'Anonymous', authorOrganisation: null });
  });

  it('a deleted account leaves no organisation on the posts it keeps', async () => {
    const gil = await makeUser(app, { name: 'Gil' });
    await patchMe(gil.client, { organisation: 'Harbour Trust' });
    const post = newPost(space);
    await publish(post, gil);
    const gone = await gil.client.request('DELETE', '/api/me', { json: { password: TEST_PASSWORD } });
    expect(gone.status).toBe(200);
    expect(await publicView(post.id)).toMatchObject({
      authorName: 'Former participant',
      authorOrganisation: null,
    });
  });

  it('sign-up may take the organisation', async () => {
    const client = app.client();
    const res = await client.post<Me>('/api/auth/register', {
      email: `org-${Date.now()}@example.org`,
      password: 'a long enough password',
      displayName: 'Fay',
      organisation: 'Library Friends',
      lang: 'en',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ displayName: 'Fay', organisation: 'Library Friends' });
  });
});
