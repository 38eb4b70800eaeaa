import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSpace, makeUser, newPost, pushRows, type TestUser } from '../testing/fixtures';
import { TestClient } from '../testing/http-client';
import { startTestApp, testConfig, type TestApp } from '../testing/test-app';
import { createApp } from './app';
import { listen } from './listen';

const clientDist = mkdtempSync(join(tmpdir(), 'parley-dist-'));
mkdirSync(join(clientDist, 'assets'));
writeFileSync(join(clientDist, 'index.html'), '<!doctype html><title>Parley app</title>');
writeFileSync(join(clientDist, 'assets', 'index-abc123.js'), 'console.log(1)');
writeFileSync(join(clientDist, 'sw.js'), '// service worker');

let app: TestApp;
let user: TestUser;
beforeAll(async () => {
  app = await startTestApp({ clientDist, sentryDsn: 'https://key@sentry.example/1' });
  user = await makeUser(app);
});
afterAll(() => app.close());

const errorCode = (body: unknown) => (body as { error: { code: string } }).error.code;

describe('basics', () => {
  it('answers health and config', async () => {
    expect((await app.client().get('/api/health')).body).toEqual({ ok: true });
    expect((await app.client().get('/api/config')).body).toEqual({
      sentryDsn: 'https://key@sentry.example/1',
      sentryEnvironment: 'production',
    });
  });

  it('answers an unknown /api route with JSON 404 not_found, not the app page', async () => {
    const res = await app.client().get('/api/nothing/here');
    expect(res.status).toBe(404);
    expect(errorCode(res.body)).toBe('not_found');
  });
});

describe('bad input is a 4xx with a stable code, never a 5xx', () => {
  const push = (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    user.client.request('POST', '/api/sync/posts/push', { body, headers });

  it('malformed JSON → 400 bad_request', async () => {
    const res = await push('[{"newDocumentState": ');
    expect(res.status).toBe(400);
    expect(errorCode(res.body)).toBe('bad_request');
    expect(res.text).not.toMatch(/at .*\.js/);
  });

  it('a body over 2 MB → 413 payload_too_large', async () => {
    const res = await push(JSON.stringify([{ newDocumentState: { body: 'x'.repeat(2.1 * 1024 * 1024) } }]));
    expect(res.status).toBe(413);
    expect(errorCode(res.body)).toBe('payload_too_large');
  });

  it('a push body that is not an array → 400 invalid_body', async () => {
    const res = await push(JSON.stringify({ newDocumentState: {} }));
    expect(res.status).toBe(400);
    expect(errorCode(res.body)).toBe('invalid_body');
  });

  it('more than 100 rows → 400 invalid_body', async () => {
    const space = await makeSpace(app);
    const rows = pushRows(Array.from({ length: 101 }, () => newPost(space)));
    const res = await push(JSON.stringify(rows));
    expect(res.status).toBe(400);
  });

  it('a write without Content-Type: application/json → 415 unsupported_media_type', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
      const res = await push('[]', { 'content-type': type });
      expect(res.status).toBe(415);
      expect(errorCode(res.body)).toBe('unsupported_media_type');
    }
    const logout = await user.client.request('POST', '/api/auth/logout', {
      headers: { 'content-type': 'text/plain' },
    });
    expect(logout.status).toBe(415);
  });

  it('a cross-site Origin → 403 csrf; the same origin passes', async () => {
    const res = await push('[]', { 'content-type': 'application/json', origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(errorCode(res.body)).toBe('csrf');
    const same = await push('[]', { 'content-type': 'application/json', origin: app.url });
    expect(same.status).toBe(200);
  });

  it('bad checkpoint → 400 invalid_checkpoint; limit out of range → 400 invalid_query', async () => {
    const client = app.client();
    for (const checkpoint of ['not json', '{"seq":-1,"scope":"anon"}', '{"scope":"anon"}']) {
      const res = await client.get(`/api/sync/posts/pull?checkpoint=${encodeURIComponent(checkpoint)}`);
      expect(res.status).toBe(400);
      expect(errorCode(res.body)).toBe('invalid_checkpoint');
    }
    for (const limit of ['0', '1001', 'many']) {
      const res = await client.get(`/api/sync/posts/pull?limit=${limit}`);
      expect(res.status).toBe(400);
      expect(errorCode(res.body)).toBe('invalid_query');
    }
  });

  it('unknown collection → 404 unknown_collection on pull, push and stream', async () => {
    for (const res of [
      await app.client().get('/api/sync/users/pull'),
      await user.client.post('/api/sync/users/push', []),
      await app.client().get('/api/sync/users/stream'),
    ]) {
      expect(res.status).toBe(404);
      expect(errorCode(res.body)).toBe('unknown_collection');
    }
  });

  it('push without a session → 401 unauthenticated', async () => {
    const res = await app.client().post('/api/sync/posts/push', []);
    expect(res.status).toBe(401);
    expect(errorCode(res.body)).toBe('unauthenticated');
  });
});

describe('the client app', () => {
  it('serves hashed assets for a year, index.html and sw.js with no-cache, and falls back to index.html', async () => {
    const asset = await app.client().get('/assets/index-abc123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    const sw = await app.client().get('/sw.js');
    expect(sw.headers.get('cache-control')).toBe('no-cache');
    for (const path of ['/', '/spaces/regional-review/questions/1']) {
      const page = await app.client().get(path);
      expect(page.status).toBe(200);
      expect(page.text).toContain('Parley app');
      expect(page.headers.get('cache-control')).toBe('no-cache');
    }
  });

  it('says how to build the client when it is not built', async () => {
    // A second app on the same database (a second PGlite would cost seconds).
    const bare = createApp({ db: app.db, config: testConfig({ clientDist: join(clientDist, 'missing') }) });
    const server = await listen(bare, '127.0.0.1', 0);
    try {
      const page = await new TestClient(server.url).get('/');
      expect(page.status).toBe(200);
      expect(page.text).toContain('npm run build');
    } finally {
      await server.close();
    }
  });
});
