import type { Post, PostStatus } from '@parley/shared';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  decision,
  makeSpace,
  TEST_PASSWORD,
  makeUser,
  newPost,
  pullAll,
  push,
  type TestSpace,
  type TestUser,
} from '../testing/fixtures';
import type { EventStream, TestClient } from '../testing/http-client';
import { startTestApp, type TestApp } from '../testing/test-app';

/**
 * Every route × every role × every post state: allowed or denied, and a denied read leaks
 * nothing (no body text, no author of an anonymous post). The route list at the bottom is
 * checked against the routes declared in server/src, so a new route cannot go untested.
 */

const ROLES = [
  'anonymous',
  'participant',
  'author',
  'moderatorHere',
  'moderatorElsewhere',
  'globalModerator',
  'admin',
] as const;
type RoleName = (typeof ROLES)[number];
const STATES = [
  'pending',
  'approved',
  'rejected',
  'hidden',
  'withdrawn',
] as const satisfies readonly PostStatus[];
type State = (typeof STATES)[number];

/** Who may read a post of space A in full, by state (DESIGN.md: pending text never leaves its circle). */
const MAY_READ: Record<State, readonly RoleName[]> = {
  approved: ROLES,
  pending: ['author', 'moderatorHere', 'globalModerator', 'admin'],
  rejected: ['author', 'moderatorHere', 'globalModerator', 'admin'],
  hidden: ['author', 'moderatorHere', 'globalModerator', 'admin'],
  withdrawn: ['author', 'moderatorHere', 'globalModerator', 'admin'],
};
/** Who learns the author of an anonymous post. */
const KNOWS_AUTHOR: readonly RoleName[] = ['author', 'moderatorHere', 'globalModerator', 'admin'];
const MODERATES_A: readonly RoleName[] = ['moderatorHere', 'globalModerator', 'admin'];

let app: TestApp;
let spaceA: TestSpace;
let spaceB: TestSpace;
const users = {} as Record<Exclude<RoleName, 'anonymous'>, TestUser>;
const client = (role: RoleName): TestClient => (role === 'anonymous' ? app.client() : users[role].client);
const posts = {} as Record<State, Post>;
const streams = new Map<RoleName, { posts: EventStream; moderation: EventStream }>();
const decisionIds: string[] = [];
/** An anonymous post a moderator of space A wrote on someone's behalf (published at once). */
let moderatorsAnonymous: Post;

/** A post of the author's, anonymous, brought into `state` the way the app would. */
async function postIn(state: State, tag: string): Promise<Post> {
  const post = newPost(spaceA, { anonymous: true, body: `secret ${tag} ${state} ${Math.random()}` });
  expect((await push(users.author.client, 'posts', [post])).status).toBe(200);
  const decide = async (d: 'approve' | 'reject' | 'hide', based: PostStatus) => {
    const row = decision(post, d, based, d === 'approve' ? null : `reason for ${state}`);
    decisionIds.push(row.id);
    const res = await push(users.moderatorHere.client, 'moderation', [row]);
    expect(res.status).toBe(200);
  };
  if (state === 'approved') await decide('approve', 'pending');
  if (state === 'rejected') await decide('reject', 'pending');
  if (state === 'hidden') {
    await decide('approve', 'pending');
    await decide('hide', 'approved');
  }
  if (state === 'withdrawn') {
    // As the device would: the change is based on the version the server sent it.
    const master = (await pullAll(users.author.client, 'posts')).get(post.id)!;
    const { _deleted: _, ...stored } = master;
    const res = await push(users.author.client, 'posts', [{ ...stored, status: 'withdrawn' }], stored);
    expect(res.status).toBe(200);
  }
  const [row] = await app.db.query<{ status: string }>('SELECT status FROM posts WHERE id = $1', [post.id]);
  expect(row?.status).toBe(state);
  return post;
}

beforeAll(async () => {
  app = await startTestApp();
  spaceA = await makeSpace(app);
  spaceB = await makeSpace(app);
  users.participant = await makeUser(app);
  users.author = await makeUser(app, { name: 'Author Whose Name Is Secret' });
  users.moderatorHere = await makeUser(app, { moderates: [spaceA.spaceId] });
  users.moderatorElsewhere = await makeUser(app, { moderates: [spaceB.spaceId] });
  users.globalModerator = await makeUser(app, { moderates: 'global' });
  users.admin = await makeUser(app, { role: 'admin' });
  // Streams open before anything is written, so they carry every change as it happens.
  for (const role of ROLES) {
    streams.set(role, {
      posts: await client(role).openStream('/api/sync/posts/stream'),
      moderation: await client(role).openStream('/api/sync/moderation/stream'),
    });
  }
  for (const state of STATES) posts[state] = await postIn(state, 'matrix');
  moderatorsAnonymous = newPost(spaceA, {
    anonymous: true,
    onBehalfOf: 'Sender Whose Name Is Secret',
    body: `anonymous on behalf ${Math.random()}`,
  });
  expect((await push(users.moderatorHere.client, 'posts', [moderatorsAnonymous])).status).toBe(200);
  // The admin sees everything: once its streams carry the last change, every stream has had its chance.
  const last = posts.withdrawn;
  await streams
    .get('admin')!
    .posts.waitFor((e) =>
      (e as { documents?: Post[] }).documents?.find((d) => d.id === last.id && d.status === 'withdrawn'),
    );
  const lastDecision = decisionIds.at(-1)!;
  await streams
    .get('admin')!
    .moderation.waitFor((e) =>
      (e as { documents?: { id: string }[] }).documents?.find((d) => d.id === lastDecision),
    );
  await new Promise((r) => setTimeout(r, 200));
}, 120_000);

afterAll(async () => {
  for (const s of streams.values()) {
    await s.posts.close();
    await s.moderation.close();
  }
  await app.close();
});

/** What must not appear in anything a role receives about a post it may not read. */
function assertNoLeak(payload: string, post: Post, role: RoleName, state: State) {
  const where = `${role} × ${state}`;
  if (!MAY_READ[state].includes(role)) expect(payload, where).not.toContain(post.body);
  if (!KNOWS_AUTHOR.includes(role)) {
    expect(payload, where).not.toContain(users.author.id);
    expect(payload, where).not.toContain(users.author.displayName);
  }
}

describe.each(ROLES)('as %s', (role) => {
  it.each(STATES)(
    'posts pull: a %s post is readable exactly when allowed, and nothing leaks',
    async (state) => {
      const docs = await pullAll(client(role), 'posts');
      const post = posts[state];
      const doc = docs.get(post.id);
      if (MAY_READ[state].includes(role)) {
        expect(doc?._deleted, `${role} should read ${state}`).toBe(false);
        expect(doc?.body).toBe(post.body);
        if (KNOWS_AUTHOR.includes(role)) expect(doc?.authorId).toBe(users.author.id);
        else expect(doc).toMatchObject({ authorId: null, authorName: 'Anonymous' });
      } else {
        // Never seen (absent) or a blank tombstone for a post that was public once.
        if (doc) expect(doc).toMatchObject({ _deleted: true, body: '', authorId: null, authorName: '' });
      }
      assertNoLeak(JSON.stringify([...docs.values()]), post, role, state);
    },
  );

  it("posts pull: an anonymous moderator's post on someone's behalf names nobody to others", async () => {
    const doc = (await pullAll(client(role), 'posts')).get(moderatorsAnonymous.id);
    expect(doc).toMatchObject({ status: 'approved', body: moderatorsAnonymous.body });
    const knows = ['moderatorHere', 'globalModerator', 'admin'].includes(role);
    if (knows) {
      expect(doc).toMatchObject({
        authorId: users.moderatorHere.id,
        onBehalfOf: 'Sender Whose Name Is Secret',
        fromModerator: true,
      });
    } else {
      expect(doc).toMatchObject({
        authorId: null,
        authorName: 'Anonymous',
        onBehalfOf: null,
        fromModerator: false,
      });
      expect(JSON.stringify(doc)).not.toContain(users.moderatorHere.displayName);
    }
  });

  it.each(STATES)('posts stream: a %s post reaches this role exactly when allowed', (state) => {
    const events = streams.get(role)!.posts.events as { documents: (Post & { _deleted: boolean })[] }[];
    const post = posts[state];
    const versions = events.flatMap((e) => e.documents.filter((d) => d.id === post.id));
    const last = versions.at(-1);
    if (MAY_READ[state].includes(role)) {
      expect(last?.body, `${role} × ${state}`).toBe(post.body);
    } else if (last) {
      // A hidden post was public for a while: readers got it then, and now get its tombstone.
      expect(last).toMatchObject({ _deleted: true, body: '', authorId: null, authorName: '' });
    }
    const neverPublic = state !== 'hidden';
    if (neverPublic) assertNoLeak(JSON.stringify(events), post, role, state);
    else if (!KNOWS_AUTHOR.includes(role)) expect(JSON.stringify(events)).not.toContain(users.author.id);
  });

  it('moderation pull and stream: decisions on space A reach its moderators only', async () => {
    const pulled = await pullAll(client(role), 'moderation');
    const streamed = JSON.stringify(streams.get(role)!.moderation.events);
    for (const id of decisionIds) {
      expect(pulled.has(id), `${role} pull ${id}`).toBe(MODERATES_A.includes(role));
      expect(streamed.includes(id), `${role} stream ${id}`).toBe(MODERATES_A.includes(role));
    }
    if (!MODERATES_A.includes(role)) {
      for (const state of STATES)
        expect(JSON.stringify([...pulled.values()])).not.toContain(`reason for ${state}`);
    }
  });

  it('spaces and questions: everyone reads them; only an admin writes them', async () => {
    expect((await pullAll(client(role), 'spaces')).has(spaceA.spaceId)).toBe(true);
    expect((await pullAll(client(role), 'questions')).has(spaceA.questionId)).toBe(true);
    for (const collection of ['spaces', 'questions'] as const) {
      const res = await push(client(role), collection, []);
      const expected = role === 'anonymous' ? 401 : role === 'admin' ? 200 : 403;
      expect(res.status, `${role} push ${collection}`).toBe(expected);
    }
  });

  it('posts push: signed-in people write their own posts; anonymous is refused', async () => {
    const post = newPost(spaceA, { body: `own post of ${role} ${Math.random()}` });
    const res = await push(client(role), 'posts', [post]);
    expect(res.status).toBe(role === 'anonymous' ? 401 : 200);
    const rows = await app.db.query<{ author_id: string }>('SELECT author_id FROM posts WHERE id = $1', [
      post.id,
    ]);
    expect(rows.map((r) => r.author_id)).toEqual(role === 'anonymous' ? [] : [users[role].id]);
  });

  it.each(STATES)('posts push: only the author may change a %s post', async (state) => {
    if (role === 'author') return; // the author's own edits are covered by push-posts.test.ts
    const post = posts[state];
    const res = await push(client(role), 'posts', [{ ...post, body: `${role} rewrote it` }], post);
    if (role === 'anonymous') return expect(res.status).toBe(401);
    const [row] = await app.db.query<{ body: string }>('SELECT body FROM posts WHERE id = $1', [post.id]);
    expect(row?.body).toBe(post.body);
    assertNoLeak(res.text, post, role, state);
  });

  it("moderation push: only a moderator of the post's space decides", async () => {
    const post = newPost(spaceA, { anonymous: true, body: `to decide by ${role} ${Math.random()}` });
    await push(users.author.client, 'posts', [post]);
    const res = await push(client(role), 'moderation', [decision(post, 'approve', 'pending')]);
    const expected = role === 'anonymous' ? 401 : ['participant', 'author'].includes(role) ? 403 : 200;
    expect(res.status).toBe(expected);
    const [row] = await app.db.query<{ status: string }>('SELECT status FROM posts WHERE id = $1', [post.id]);
    expect(row?.status).toBe(MODERATES_A.includes(role) ? 'approved' : 'pending');
    assertNoLeak(res.text, post, role, 'pending');
  });

  it('moderation CSV of space A: its moderators only; a refusal carries no post text', async () => {
    const res = await client(role).get(`/api/spaces/${spaceA.slug}/moderation.csv`);
    const expected = role === 'anonymous' ? 401 : MODERATES_A.includes(role) ? 200 : 403;
    expect(res.status).toBe(expected);
    if (expected !== 200) for (const state of STATES) expect(res.text).not.toContain(posts[state].body);
  });

  it('moderator administration of space A: admin only', async () => {
    const target = await makeUser(app);
    const expected = role === 'anonymous' ? 401 : role === 'admin' ? 200 : 403;
    const add = await client(role).post(`/api/spaces/${spaceA.slug}/moderators`, { email: target.email });
    expect(add.status).toBe(expected);
    const remove = await client(role).request('DELETE', `/api/spaces/${spaceA.slug}/moderators`, {
      json: { email: target.email },
    });
    expect(remove.status).toBe(expected);
  });

  it('auth: /me answers for the signed-in only; sign-in and sign-up are open', async () => {
    const me = await client(role).get('/api/auth/me');
    expect(me.status).toBe(role === 'anonymous' ? 401 : 200);
    const login = await client(role).post('/api/auth/login', {
      email: `nobody-${role}@example.org`,
      password: 'x',
    });
    expect(login.status).toBe(401);
    const register = await app.client().post('/api/auth/register', {
      email: 'not-an-email',
      password: 'x',
      displayName: '',
    });
    expect(register.status).toBe(400);
    // A made-up sign-up link creates nothing, whoever opens it.
    const link = await client(role).post('/api/auth/register/confirm', { token: 'y'.repeat(43) });
    expect(link.status).toBe(400);
    expect(link.body).toMatchObject({ error: { code: 'invalid_token' } });
  });

  it("auth: changing one's own settings needs a session", async () => {
    const res = await client(role).request('PATCH', '/api/auth/me', { json: { lang: 'fr' } });
    expect(res.status).toBe(role === 'anonymous' ? 401 : 200);
  });

  it('auth: logging out ends only the session it is sent with', async () => {
    if (role === 'anonymous') {
      expect((await app.client().post('/api/auth/logout')).status).toBe(204);
      return;
    }
    const other = app.client();
    const email = users[role].email;
    expect((await other.post('/api/auth/login', { email, password: TEST_PASSWORD })).status).toBe(200);
    expect((await other.post('/api/auth/logout')).status).toBe(204);
    expect((await other.get('/api/auth/me')).status).toBe(401);
    expect((await client(role).get('/api/auth/me')).status).toBe(200);
  });

  it('attachments: an unknown or malformed id says nothing', async () => {
    const unknown = await client(role).get('/api/attachments/01a21e4e-2f62-7d94-a7ee-1e9ba94900b2');
    expect(unknown.status).toBe(404);
    expect((await client(role).get('/api/attachments/..%2f..%2fetc%2fpasswd')).status).toBe(400);
  });

  it("people's data: export gives only one's own data; deletion needs the password", async () => {
    const exported = await client(role).get('/api/me/export');
    expect(exported.status).toBe(role === 'anonymous' ? 401 : 200);
    if (role !== 'author') for (const state of STATES) expect(exported.text).not.toContain(posts[state].body);
    if (role === 'author') for (const state of STATES) expect(exported.text).toContain(posts[state].body);
    const wrong = await client(role).request('DELETE', '/api/me', { json: { password: 'not the password' } });
    expect(wrong.status).toBe(role === 'anonymous' ? 401 : 403);
  });

  it('reports of space A: its moderators and administrators only; a refusal carries no post text', async () => {
    for (const format of ['json', 'md', 'csv']) {
      const res = await client(role).get(`/api/spaces/${spaceA.slug}/report.${format}`);
      const expected = role === 'anonymous' ? 401 : MODERATES_A.includes(role) ? 200 : 403;
      expect(res.status, format).toBe(expected);
      if (expected !== 200) for (const state of STATES) expect(res.text).not.toContain(posts[state].body);
    }
  });

  it('password reset: anyone may ask (the answer never says whether the account exists); a bad token is refused', async () => {
    const asked = await client(role).post('/api/auth/password-reset', {
      email: `nobody-${role}@example.org`,
    });
    expect(asked.status).toBe(202);
    const confirm = await client(role).post('/api/auth/password-reset/confirm', {
      token: 'not-a-real-token-000000000000000000000000',
      password: 'a new password 123',
    });
    expect(confirm.status).toBeGreaterThanOrEqual(400);
    expect(confirm.status).toBeLessThan(500);
  });

  it('health, readiness and client config are public', async () => {
    for (const path of ['/api/health', '/api/live', '/api/ready', '/api/config', '/api/openapi.json']) {
      expect((await client(role).get(path)).status, path).toBe(200);
    }
  });
});

describe('flags', () => {
  it.each(ROLES)(
    'as %s: only a signed-in reader other than the author flags, and only published posts',
    async (role) => {
      for (const state of STATES) {
        const post = await postIn(state, `flag-${role}`);
        const res = await client(role).post(`/api/posts/${post.id}/flags`, { reason: 'spam' });
        const expected =
          role === 'anonymous' ? 401 : state !== 'approved' ? 404 : role === 'author' ? 403 : 201;
        expect(res.status, `${role} × ${state}`).toBe(expected);
        // A refused flag does not tell whether an unpublished post exists, nor what it says.
        if (expected !== 201) expect(res.text).not.toContain(post.body);
      }
    },
  );
});

/**
 * Every route declared in server/src, as `METHOD path-as-declared`, and where the matrix covers
 * it. A route added without a row here fails this test: add it to the matrix above first.
 */
const COVERED: Record<string, string> = {
  'POST /register': 'auth: sign-up is open',
  'POST /register/confirm': 'auth: sign-up is open (a made-up link creates nothing)',
  'POST /login': 'auth: sign-in is open',
  'POST /logout': 'auth: logging out',
  'POST /logout-all': 'hardening.test.ts: "log out everywhere"',
  'GET /me': 'auth: /me',
  'PATCH /me': "auth: changing one's own settings",
  'GET /:collection/pull': 'posts/moderation/spaces/questions pull',
  'POST /:collection/push': 'posts/moderation/spaces/questions push',
  'GET /:collection/stream': 'posts and moderation streams',
  'POST /posts/:id/flags': 'flags',
  'GET /spaces/:slug/moderation.csv': 'moderation CSV',
  'POST /spaces/:slug/moderators': 'moderator administration',
  'DELETE /spaces/:slug/moderators': 'moderator administration',
  'GET /attachments/:id': 'attachments',
  'GET /me/export': "people's data: export",
  'DELETE /me': "people's data: account deletion",
  'GET /spaces/:slug/report.json': 'reports',
  'GET /spaces/:slug/report.md': 'reports',
  'GET /spaces/:slug/report.csv': 'reports',
  'POST /spaces/:slug/documents': 'space-documents.test.ts: administrators only',
  'DELETE /spaces/:slug/documents/:id': 'space-documents.test.ts: administrators only',
  'PUT /spaces/:slug/status': 'space-lifecycle.test.ts: administrators only (403 moderators, 401 signed out)',
  'DELETE /spaces/:slug/questions/:id': 'space-lifecycle.test.ts: administrators only',
  'PUT /moderation/spaces/:slug/announcement': "announcement.test.ts: the space's moderators and admins",
  'DELETE /moderation/spaces/:slug/announcement': "announcement.test.ts: the space's moderators and admins",
  'POST /':
    'password reset request (mounted at /auth/password-reset); sending an invitation (mounted at /invitations): invitations.test.ts, organisers only (403 moderators and participants, 401 signed out)',
  'POST /confirm': 'password reset confirmation',
  'POST /inspect': 'invitations.test.ts: open to the link holder (the token is the proof)',
  'POST /accept':
    'invitations.test.ts: the link holder; an existing account only from its own session (401 signed out, 403 wrong_account)',
  'GET /push/key': 'web-push.test.ts: public (the VAPID public key)',
  'POST /push/subscriptions': 'web-push.test.ts: the signed-in person, for themselves only (401 signed out)',
  'DELETE /push/subscriptions':
    "web-push.test.ts: the signed-in person's own subscriptions only (401 signed out)",
  'GET /health': 'public',
  'GET /ready': 'public',
  'GET /live': 'public',
  'GET /openapi.json': 'public',
  'GET /config': 'public',
  'GET /metrics': 'observability.test.ts: token or loopback only',
};

function declaredRoutes(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...declaredRoutes(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
      const source = readFileSync(path, 'utf8');
      for (const m of source.matchAll(/\b(?:router|api|app)\.(get|post|put|patch|delete)\(\s*'([^']+)'/g)) {
        found.push(`${m[1]!.toUpperCase()} ${m[2]}`);
      }
    }
  }
  return found;
}

describe('the matrix covers every route', () => {
  it('lists every route declared in server/src', () => {
    const routes = declaredRoutes(join(import.meta.dirname, '..'));
    expect(routes.length).toBeGreaterThan(10);
    const missing = routes.filter((r) => !(r in COVERED));
    expect(missing, 'routes without a row in the authorization matrix').toEqual([]);
  });
});
