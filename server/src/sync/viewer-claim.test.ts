import { ANONYMOUS_VIEWER, VIEWER_HEADER } from '@parley/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from '../testing/http-client';
import { makeSpace, makeUser, newPost, pushRows, type TestSpace, type TestUser } from '../testing/fixtures';
import { startTestApp, type TestApp } from '../testing/test-app';

let app: TestApp;
let space: TestSpace;
let author: TestUser;
let moderator: TestUser;

beforeAll(async () => {
  app = await startTestApp();
  space = await makeSpace(app);
  author = await makeUser(app);
  moderator = await makeUser(app, { moderates: 'global' });
});
afterAll(() => app.close());

const pullAs = (client: TestClient, viewer: string) =>
  client.get<{ documents: { id: string }[] }>('/api/sync/posts/pull?limit=100', {
    headers: { [VIEWER_HEADER]: viewer },
  });

describe("a device's database is filled only for the viewer it belongs to", () => {
  it('a pull for the anonymous database with a moderator session is refused, and no pending post is in the answer', async () => {
    const pending = newPost(space, { body: 'Waiting for a moderator' });
    expect((await author.client.post('/api/sync/posts/push', pushRows([pending]))).status).toBe(200);

    const refused = await pullAs(moderator.client, ANONYMOUS_VIEWER);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: { code: 'viewer_changed' } });
    expect(refused.text).not.toContain('Waiting for a moderator');

    const own = await pullAs(moderator.client, moderator.id);
    expect(own.status).toBe(200);
    expect(own.body.documents.map((d) => d.id)).toContain(pending.id);
  });

  it("a pull for one user's database with another user's session is refused", async () => {
    const res = await pullAs(author.client, moderator.id);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ error: { code: 'viewer_changed' } });
  });

  it("a signed-out session (the cookie expired, or a sign-out in another tab) does not fill a user's database", async () => {
    const res = await pullAs(new TestClient(app.url), author.id);
    expect(res.status).toBe(409);
    expect((await pullAs(new TestClient(app.url), ANONYMOUS_VIEWER)).status).toBe(200);
  });

  it("a user's outbox is not pushed under another user's session: refused before anything is written", async () => {
    const post = newPost(space, { body: 'Written on the author device' });
    const res = await moderator.client.post('/api/sync/posts/push', pushRows([post]), {
      headers: { [VIEWER_HEADER]: author.id },
    });
    expect(res.status).toBe(409);
    const rows = await app.db.query('SELECT 1 FROM posts WHERE id = $1', [post.id]);
    expect(rows).toHaveLength(0);
  });

  it('a push that does not say whose it is is refused before anything is written', async () => {
    const post = newPost(space, { body: 'Queued on a shared phone' });
    const anonymousDevice = new TestClient(app.url);
    anonymousDevice.cookies.set(...[...author.client.cookies][0]!);
    const res = await anonymousDevice.post('/api/sync/posts/push', pushRows([post]));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 'viewer_claim_required' } });
    expect(await app.db.query('SELECT 1 FROM posts WHERE id = $1', [post.id])).toHaveLength(0);
    // Signed out altogether, the answer stays 401 (sign in first), claim or not.
    expect((await new TestClient(app.url).post('/api/sync/posts/push', pushRows([post]))).status).toBe(401);
  });

  it('a stream for another viewer is refused; the right viewer gets its stream', async () => {
    const refused = await moderator.client.get(`/api/sync/posts/stream?viewer=${ANONYMOUS_VIEWER}`);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: { code: 'viewer_changed' } });
    const stream = await moderator.client.openStream(`/api/sync/posts/stream?viewer=${moderator.id}`);
    const post = newPost(space, { body: 'Streamed to the moderator' });
    await author.client.post('/api/sync/posts/push', pushRows([post]));
    await stream.waitFor((e) => (JSON.stringify(e).includes(post.id) ? true : undefined));
    await stream.close();
  });
});
