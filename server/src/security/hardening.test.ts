import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../auth/session-token';
import { createApp } from '../http/app';
import { listen } from '../http/listen';
import { makeSpace, makeUser, newPost, pushRows, TEST_PASSWORD, type TestUser } from '../testing/fixtures';
import { TestClient, type EventStream } from '../testing/http-client';
import { signUp } from '../testing/mailbox';
import { startTestApp, testConfig, type TestApp } from '../testing/test-app';
import { RATE_LIMITS } from './rate-limits';

let app: TestApp;
let user: TestUser;
beforeAll(async () => {
  app = await startTestApp();
  user = await makeUser(app);
});
afterAll(() => app.close());

const errorCode = (body: unknown) => (body as { error: { code: string } }).error.code;

/** A second app on the same database with the limits scaled down, so a test can reach them. */
async function withScaledLimits<T>(scale: number, run: (url: string) => Promise<T>): Promise<T> {
  const parley = createApp({ db: app.db, config: testConfig({ rateLimitScale: scale }) });
  const server = await listen(parley, '127.0.0.1', 0);
  try {
    return await run(server.url);
  } finally {
    await server.close();
  }
}

describe('security headers', () => {
  it('sends a strict Content-Security-Policy with no inline script, on the app and the API', async () => {
    for (const path of ['/', '/api/health']) {
      const res = await app.client().get(path);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("script-src-attr 'none'");
      expect(csp).toContain("connect-src 'self'");
      expect(csp).toContain("img-src 'self' data: blob:");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(res.headers.get('x-powered-by')).toBeNull();
    }
  });

  it('lets the configured error reporter, and only it, be reached besides the server', async () => {
    const parley = createApp({
      db: app.db,
      config: testConfig({ sentryDsn: 'https://key@errors.example.org/1' }),
    });
    const server = await listen(parley, '127.0.0.1', 0);
    try {
      const csp = (await new TestClient(server.url).get('/api/health')).headers.get(
        'content-security-policy',
      );
      expect(csp).toContain("connect-src 'self' https://errors.example.org");
    } finally {
      await server.close();
    }
  });
});

describe('CSRF defence for cookie-authenticated writes', () => {
  const space = () => makeSpace(app);

  it('refuses a form-encoded cross-site POST carrying the session cookie, and writes nothing', async () => {
    const s = await space();
    const post = newPost(s);
    const form = new URLSearchParams({ newDocumentState: JSON.stringify(post) }).toString();
    const res = await user.client.request('POST', '/api/sync/posts/push', {
      body: form,
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
    });
    expect(res.status).toBe(415);
    expect(errorCode(res.body)).toBe('unsupported_media_type');
    const rows = await app.db.query('SELECT 1 FROM posts WHERE id = $1', [post.id]);
    expect(rows).toHaveLength(0);
  });

  it('refuses multipart and text/plain forms even without an Origin header', async () => {
    for (const type of ['multipart/form-data; boundary=x', 'text/plain']) {
      const res = await user.client.request('POST', '/api/auth/logout', {
        body: '',
        headers: { 'content-type': type },
      });
      expect(res.status).toBe(415);
    }
    expect((await user.client.get('/api/auth/me')).status).toBe(200);
  });

  it('a JSON write without Origin (a non-browser client) passes; Origin "null" and a cross-site fetch are refused', async () => {
    const s = await space();
    const ok = await user.client.request('POST', '/api/sync/posts/push', {
      body: JSON.stringify(pushRows([newPost(s)])),
      headers: { 'content-type': 'application/json' },
    });
    expect(ok.status).toBe(200);
    const refused: Record<string, string>[] = [
      { origin: 'null' },
      { 'sec-fetch-site': 'cross-site' },
      { origin: 'http://127.0.0.1.evil.example' },
    ];
    for (const headers of refused) {
      const res = await user.client.request('POST', '/api/sync/posts/push', {
        body: '[]',
        headers: { 'content-type': 'application/json', ...headers },
      });
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(errorCode(res.body)).toBe('csrf');
    }
  });
});

describe('sessions', () => {
  it('"log out everywhere" ends every session of the user and no one else\'s', async () => {
    const email = `everywhere-${Date.now()}@example.org`;
    const phone = app.client();
    const reg = await signUp(app, phone, { email, password: TEST_PASSWORD, displayName: 'Everywhere' });
    expect(reg.status).toBe(201);
    const laptop = app.client();
    expect((await laptop.post('/api/auth/login', { email, password: TEST_PASSWORD })).status).toBe(200);
    const other = await makeUser(app);

    const res = await laptop.post('/api/auth/logout-all');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ sessionsEnded: 2 });
    expect(laptop.cookies.has(SESSION_COOKIE)).toBe(false);
    expect((await phone.get('/api/auth/me')).status).toBe(401);
    expect((await other.client.get('/api/auth/me')).status).toBe(200);
    // Signing in again works as usual.
    expect((await phone.post('/api/auth/login', { email, password: TEST_PASSWORD })).status).toBe(200);
  });

  it('"log out everywhere" without a session → 401 unauthenticated', async () => {
    const res = await app.client().post('/api/auth/logout-all');
    expect(res.status).toBe(401);
    expect(errorCode(res.body)).toBe('unauthenticated');
  });
});

describe('rate limits', () => {
  it('limits sign-in and sign-up attempts per IP address, with Retry-After', async () => {
    await withScaledLimits(0.05, async (url) => {
      const allowed = Math.round(RATE_LIMITS.authPerIp * 0.05);
      const client = new TestClient(url);
      const statuses: number[] = [];
      for (let i = 0; i <= allowed; i++) {
        const res = await client.post('/api/auth/login', { email: `nobody${i}@example.org`, password: 'x' });
        statuses.push(res.status);
        if (res.status === 429) {
          expect(errorCode(res.body)).toBe('rate_limited');
          expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
        }
      }
      expect(statuses.slice(0, allowed).every((s) => s === 401)).toBe(true);
      expect(statuses.at(-1)).toBe(429);
      // Reads are not counted by the sign-in limit.
      expect((await client.get('/api/health')).status).toBe(200);
    });
  });

  it('limits writes per account, whoever else writes from the same address', async () => {
    await withScaledLimits(0.02, async (url) => {
      const allowed = Math.round(RATE_LIMITS.writesPerAccount * 0.02);
      const busy = user.client.at(url);
      const statuses: number[] = [];
      for (let i = 0; i <= allowed; i++) statuses.push((await busy.post('/api/sync/posts/push', [])).status);
      expect(statuses.slice(0, allowed).every((s) => s === 200)).toBe(true);
      expect(statuses.at(-1)).toBe(429);
      // Someone else on the same IP still writes (the per-IP limit is higher).
      const neighbour = (await makeUser(app)).client.at(url);
      expect((await neighbour.post('/api/sync/posts/push', [])).status).toBe(200);
      // And the busy account can still read.
      expect((await busy.get('/api/sync/posts/pull')).status).toBe(200);
    });
  });

  it('limits pulls per account and per address, with Retry-After; others on the address still sync', async () => {
    await withScaledLimits(0.05, async (url) => {
      const perAccount = Math.round(RATE_LIMITS.pullsPerAccount * 0.05);
      const perIp = Math.round(RATE_LIMITS.pullsPerIp * 0.05);
      const busy = user.client.at(url);
      const statuses: number[] = [];
      for (let i = 0; i <= perAccount; i++)
        statuses.push((await busy.get('/api/sync/posts/pull?limit=1000')).status);
      expect(statuses.slice(0, perAccount).every((s) => s === 200)).toBe(true);
      const refused = await busy.get('/api/sync/posts/pull?limit=1000');
      expect(refused.status).toBe(429);
      expect(errorCode(refused.body)).toBe('rate_limited');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      // A neighbour's device on the same address is not held back by the busy account...
      const neighbour = (await makeUser(app)).client.at(url);
      expect((await neighbour.get('/api/sync/posts/pull')).status).toBe(200);
      // ...until the address as a whole has pulled its fill.
      const anonymous = new TestClient(url);
      let last = 200;
      for (let i = perAccount + 3; i <= perIp + 1 && last === 200; i++)
        last = (await anonymous.get('/api/sync/posts/pull')).status;
      expect(last).toBe(429);
    });
  });

  it('caps the live streams open at once per account and per address (429, Retry-After)', async () => {
    await withScaledLimits(0.05, async (url) => {
      const perIp = Math.round(RATE_LIMITS.streamsPerIp * 0.05);
      const perAccount = Math.max(1, Math.round(RATE_LIMITS.streamsPerAccount * 0.05));
      const open: EventStream[] = [];
      try {
        const busy = (await makeUser(app)).client.at(url);
        for (let i = 0; i < perAccount; i++) open.push(await busy.openStream('/api/sync/posts/stream'));
        expect(open.map((s) => s.response.status)).toEqual(open.map(() => 200));
        const extra = await busy.openStream('/api/sync/posts/stream');
        expect(extra.response.status).toBe(429);
        expect(extra.response.headers.get('retry-after')).toBe('30');
        await extra.close();

        while (open.length < perIp) open.push(await new TestClient(url).openStream('/api/sync/posts/stream'));
        expect(open.every((s) => s.response.status === 200)).toBe(true);
        const overflow = await new TestClient(url).openStream('/api/sync/posts/stream');
        expect(overflow.response.status).toBe(429);
        await overflow.close();

        // A closed stream frees its place.
        await open.pop()!.close();
        let status = 429;
        for (let i = 0; i < 50 && status === 429; i++) {
          const retry = await new TestClient(url).openStream('/api/sync/posts/stream');
          status = retry.response.status;
          if (status === 200) open.push(retry);
          else await retry.close();
          if (status === 429) await new Promise((r) => setTimeout(r, 20));
        }
        expect(status).toBe(200);
      } finally {
        for (const s of open) await s.close();
      }
    });
  });

  it('RATE_LIMIT_SCALE=0 turns the limits off (load tests)', async () => {
    await withScaledLimits(0, async (url) => {
      const res = await new TestClient(url).post('/api/auth/login', {
        email: 'a@example.org',
        password: 'x',
      });
      expect(res.headers.get('ratelimit-policy')).toBeNull();
    });
  });
});
