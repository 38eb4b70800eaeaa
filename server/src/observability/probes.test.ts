import { createServer, type AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Db } from '../db/db';
import { openPostgres } from '../db/postgres';
import { createApp } from '../http/app';
import { listen } from '../http/listen';
import { testConfig } from '../testing/test-app';
import { TestClient } from '../testing/http-client';
import { openTestDb } from '../testing/test-db';
import { createLogger } from './request-log';

interface LogLine {
  level: number;
  msg: string;
  req?: { id: string; method: string; path: string };
  res?: { status: number };
  err?: { message: string };
}

/** The app on `db` with its log captured as parsed JSON lines, as an operator's collector sees them. */
async function serveWithLog(db: Db) {
  const lines: LogLine[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean))
        lines.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  const config = testConfig({ logLevel: 'info' });
  const server = await listen(createApp({ db, config, logger: createLogger(config, sink) }), '127.0.0.1', 0);
  return { client: new TestClient(server.url), lines, close: () => server.close() };
}

/** A loopback port nothing listens on: connections to it are refused at once. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('probes while the database is unreachable', () => {
  it('liveness answers, readiness says 503 and why, the failing health check is logged with its request id', async () => {
    const db = openPostgres(`postgres://parley@127.0.0.1:${await closedPort()}/parley`);
    cleanups.push(() => db.close());
    const app = await serveWithLog(db);
    cleanups.push(app.close);

    const live = await app.client.get<{ ok: boolean }>('/api/live');
    expect(live.status).toBe(200);
    expect(live.body).toEqual({ ok: true });
    expect(live.headers.get('cache-control')).toBe('no-store');

    const ready = await app.client.get<{ ready: boolean; database: string }>('/api/ready');
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ ready: false, database: 'unreachable' });

    const health = await app.client.get('/api/health', { headers: { 'x-request-id': 'probe-down-0001' } });
    expect(health.status).toBe(500);
    await vi.waitFor(() => expect(app.lines.some((l) => l.msg === 'unexpected error')).toBe(true));
    const error = app.lines.find((l) => l.msg === 'unexpected error')!;
    expect(error.level).toBe(50);
    expect(error.req?.id).toBe('probe-down-0001');
    expect(error.err?.message).toMatch(/ECONNREFUSED|connect/);
  });
});

describe('the request log', () => {
  it('has no line for probes and one line for every other request', async () => {
    const testDb = await openTestDb();
    cleanups.push(() => testDb.close());
    const app = await serveWithLog(testDb.db);
    cleanups.push(app.close);

    for (const probe of ['/api/live', '/api/ready', '/api/health', '/api/metrics', '/api/live?from=lb']) {
      expect((await app.client.get(probe)).status).toBe(200);
    }
    await app.client.get('/api/config');
    await app.client.get('/api/no-such-route');

    // Lines are written as responses finish, in order: once the last one is there, all are.
    await vi.waitFor(() => expect(app.lines.some((l) => l.req?.path === '/api/no-such-route')).toBe(true));
    const requests = app.lines.filter((l) => l.req);
    expect(requests.map((l) => [l.req!.path, l.res?.status])).toEqual([
      ['/api/config', 200],
      ['/api/no-such-route', 404],
    ]);
  });
});
