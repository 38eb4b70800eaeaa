import type { Post } from '@parley/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSessionToken, newSessionToken } from '../auth/session-token';
import { createApp } from '../http/app';
import { listen } from '../http/listen';
import { insertReset } from '../password-reset/reset-repository';
import {
  makeSpace,
  makeUser,
  newPost,
  push,
  TEST_PASSWORD,
  type TestSpace,
  type TestUser,
} from '../testing/fixtures';
import { TestClient, type EventStream } from '../testing/http-client';
import { startTestApp, testConfig, type TestApp } from '../testing/test-app';

let app: TestApp;
let space: TestSpace;
let author: TestUser;
let admin: TestUser;

beforeAll(async () => {
  app = await startTestApp();
  space = await makeSpace(app);
  author = await makeUser(app);
  admin = await makeUser(app, { role: 'admin' });
});
afterAll(() => app.close());

type Batch = { documents: (Post & { _deleted: boolean })[] };
const bodies = (stream: EventStream) =>
  stream.events.flatMap((e) => (typeof e === 'object' ? (e as Batch).documents.map((d) => d.body) : []));

/** Resolves to the milliseconds until the server ended the stream; fails after `withinMs`. */
async function endedWithin(stream: EventStream, withinMs: number): Promise<number> {
  const started = Date.now();
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error(`stream still open after ${withinMs} ms`)), withinMs),
  );
  await Promise.race([stream.ended, timeout]);
  return Date.now() - started;
}

/**
 * A regional moderator's streams carry pending posts of the space. After `revoke`, the pending post
 * written at once (before the periodic re-check) must not reach either stream, and both must end
 * within 5 s.
 */
async function expectCutOff(moderator: TestUser, revoke: () => Promise<void>) {
  const posts = await moderator.client.openStream('/api/sync/posts/stream');
  const decisions = await moderator.client.openStream('/api/sync/moderation/stream');
  try {
    expect(posts.response.status).toBe(200);
    const before = newPost(space, { body: `pending before ${Math.random()}` });
    await push(author.client, 'posts', [before]);
    await posts.waitFor((e) => bodies({ events: [e] } as EventStream).includes(before.body) || undefined);

    await revoke();
    const after = newPost(space, { body: `pending after ${Math.random()}` });
    await push(author.client, 'posts', [after]);

    expect(await endedWithin(posts, 5_000)).toBeLessThan(5_000);
    await endedWithin(decisions, 5_000);
    expect(bodies(posts)).not.toContain(after.body);
  } finally {
    await posts.close();
    await decisions.close();
  }
}

describe('an open stream loses its access with the session', () => {
  it('"log out everywhere" cuts it', async () => {
    const moderator = await makeUser(app, { moderates: [space.spaceId] });
    await expectCutOff(moderator, async () => {
      expect((await moderator.client.post('/api/auth/logout-all', {})).status).toBe(200);
    });
  });

  it('a password reset cuts it', async () => {
    const moderator = await makeUser(app, { moderates: [space.spaceId] });
    const token = newSessionToken();
    await insertReset(app.db, hashSessionToken(token), moderator.id, 3600);
    await expectCutOff(moderator, async () => {
      const res = await app.client().post('/api/auth/password-reset/confirm', {
        token,
        password: 'a brand new password 42',
      });
      expect(res.status).toBe(204);
    });
  });

  it('deleting the account cuts it', async () => {
    const moderator = await makeUser(app, { moderates: [space.spaceId] });
    await expectCutOff(moderator, async () => {
      const res = await moderator.client.request('DELETE', '/api/me', { json: { password: TEST_PASSWORD } });
      expect(res.status).toBe(200);
    });
  });

  it("an administrator removing a regional moderator cuts the moderator's stream", async () => {
    const moderator = await makeUser(app, { moderates: [space.spaceId] });
    await expectCutOff(moderator, async () => {
      const res = await admin.client.request('DELETE', `/api/spaces/${space.slug}/moderators`, {
        json: { email: moderator.email },
      });
      expect(res.status).toBe(200);
    });
    // Reconnecting, the same session is answered with what it may see now: no pending text.
    const again = await moderator.client.openStream('/api/sync/posts/stream');
    try {
      const post = newPost(space, { body: `pending for nobody ${Math.random()}` });
      await push(author.client, 'posts', [post]);
      await new Promise((r) => setTimeout(r, 300));
      expect(bodies(again)).not.toContain(post.body);
    } finally {
      await again.close();
    }
  });

  it('a stream whose session is untouched stays open and keeps receiving', async () => {
    const moderator = await makeUser(app, { moderates: [space.spaceId] });
    const stream = await moderator.client.openStream('/api/sync/posts/stream');
    try {
      await new Promise((r) => setTimeout(r, 3_500)); // past one periodic re-check
      const post = newPost(space, { body: `still here ${Math.random()}` });
      await push(author.client, 'posts', [post]);
      await stream.waitFor((e) => bodies({ events: [e] } as EventStream).includes(post.body) || undefined);
    } finally {
      await stream.close();
    }
  });
});

describe('stream lifetime', () => {
  it('ends a stream after STREAM_MAX_AGE_SECONDS (±10 %), so the device reconnects and signs in afresh', async () => {
    const short = createApp({ db: app.db, config: testConfig({ streamMaxAgeSeconds: 2 }) });
    const server = await listen(short, '127.0.0.1', 0);
    try {
      const stream = await new TestClient(server.url).openStream('/api/sync/posts/stream');
      expect(stream.response.status).toBe(200);
      const ms = await endedWithin(stream, 4_000);
      expect(ms).toBeGreaterThanOrEqual(1_700);
    } finally {
      await server.close();
    }
  });
});
