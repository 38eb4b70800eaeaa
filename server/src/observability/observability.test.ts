import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSpace, makeUser, newPost, push } from '../testing/fixtures';
import { startTestApp, type TestApp } from '../testing/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

describe('GET /api/ready', () => {
  it('says ready when the database answers and every migration of this build is applied', async () => {
    const res = await app
      .client()
      .get<{ ready: boolean; migrations: { applied: number; expected: number } }>('/api/ready');
    expect(res.status).toBe(200);
    expect(res.body.ready).toBe(true);
    expect(res.body.migrations.applied).toBe(res.body.migrations.expected);
    expect(res.body.migrations.applied).toBeGreaterThan(0);
  });
});

describe('GET /api/metrics', () => {
  it('counts pulls and pushes by route pattern and shows the queue length by space', async () => {
    const space = await makeSpace(app);
    const author = await makeUser(app);
    await push(author.client, 'posts', [newPost(space), newPost(space)]);
    await app.client().get('/api/sync/posts/pull');

    const [{ slug } = { slug: '' }] = await app.db.query<{ slug: string }>(
      'SELECT slug FROM spaces WHERE id = $1',
      [space.spaceId],
    );
    const res = await app.client().get<string>('/api/metrics');
    expect(res.status).toBe(200);
    expect(res.text).toMatch(
      /parley_http_request_duration_seconds_count\{method="GET",route="\/api\/sync\/:collection\/pull",status="200"\} [1-9]/,
    );
    expect(res.text).toMatch(
      /parley_sync_requests_total\{kind="push",collection="posts",status="200"\} [1-9]/,
    );
    expect(res.text).toContain(`parley_moderation_queue_length{space="${slug}"} 2`);
    expect(res.text).toMatch(/parley_stream_connections \d/);
    // Raw paths (with ids or e-mails in them) never become labels.
    expect(res.text).not.toMatch(/route="\/api\/sync\/posts/);
  });

  it('refuses requests that came through a proxy and have no token', async () => {
    const res = await app.client().get('/api/metrics', { headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: { code: 'forbidden' } });
  });
});

describe('request ids', () => {
  it('gives every response an id, keeping a well-formed one a proxy sent', async () => {
    const fresh = await app.client().get('/api/health');
    expect(fresh.headers.get('x-request-id')).toMatch(/^[\w-]{8,64}$/);
    const kept = await app.client().get('/api/health', { headers: { 'x-request-id': 'edge-1234abcd' } });
    expect(kept.headers.get('x-request-id')).toBe('edge-1234abcd');
    const forged = await app.client().get('/api/health', { headers: { 'x-request-id': '<script>' } });
    expect(forged.headers.get('x-request-id')).not.toBe('<script>');
  });
});
