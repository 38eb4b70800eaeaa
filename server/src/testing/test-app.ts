import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../config/config';
import { createApp } from '../http/app';
import { listen } from '../http/listen';
import { TestClient } from './http-client';
import { openTestDb } from './test-db';

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    port: 0,
    host: '127.0.0.1',
    databaseUrl: null,
    dataDir: join(tmpdir(), 'parley-test-unused'),
    sessionSecret: 'test-secret-that-is-long-enough-0123456789',
    sessionSecretFromEnv: true,
    sentryDsn: null,
    sentryEnvironment: 'production',
    demoSeed: false,
    smtpUrl: null,
    mailFrom: 'Parley <parley@localhost>',
    publicUrl: null,
    clientDist: join(tmpdir(), 'parley-test-no-client'),
    cookieSecure: 'auto',
    trustProxy: 'loopback',
    metricsToken: null,
    logLevel: 'silent',
    ...overrides,
  };
}

export type TestApp = Awaited<ReturnType<typeof startTestApp>>;

/** The real app on a real database, listening on a free loopback port. One per test file. */
export async function startTestApp(overrides: Partial<Config> = {}) {
  const testDb = await openTestDb();
  const parley = createApp({ db: testDb.db, config: testConfig(overrides) });
  const server = await listen(parley, '127.0.0.1', 0);
  return {
    url: server.url,
    db: testDb.db,
    /** PostgreSQL only: this file's database, for raw clients. */
    dbUrl: testDb.url,
    ctx: parley.ctx,
    /** Rounds of the stale-upload sweep, run when a test says (`runOnce({ now })`). */
    uploadSweeper: parley.uploadSweeper,
    client: () => new TestClient(server.url),
    async close() {
      await server.close();
      await testDb.close();
    },
  };
}
