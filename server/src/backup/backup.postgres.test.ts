import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadTestEnv } from '../config/test-env';
import { openDatabase } from '../db/open';
import { createApp } from '../http/app';
import { listen } from '../http/listen';
import { decision, makeSpace, makeUser, newPost, pullAll, push } from '../testing/fixtures';
import { TestClient } from '../testing/http-client';
import { startTestApp, testConfig, type TestApp } from '../testing/test-app';

/**
 * README "Backups", PostgreSQL: `pg_dump --format=custom` of a live database, `pg_restore` into a
 * fresh one, and the server on the restored copy serves the same data. The commands are the
 * documented ones, run as a person would run them.
 */
let app: TestApp;
const dir = mkdtempSync(join(tmpdir(), 'parley-backup-'));
const restoredName = `parley_restore_${Date.now()}`;
const adminUrl = loadTestEnv().DATABASE_URL!;
const restoredUrl = (() => {
  const url = new URL(adminUrl);
  url.pathname = `/${restoredName}`;
  return url.toString();
})();

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${restoredName} WITH (FORCE)`);
  await admin.end();
  rmSync(dir, { recursive: true, force: true });
});

it('pg_dump of a live database restores into a fresh one that serves the same posts, sessions and sequence', async () => {
  const space = await makeSpace(app);
  const author = await makeUser(app);
  const moderator = await makeUser(app, { moderates: [space.spaceId] });
  const posts = [
    newPost(space, { body: 'kept through the backup' }),
    newPost(space, { body: 'still pending' }),
  ];
  await push(author.client, 'posts', posts);
  await push(moderator.client, 'moderation', [decision(posts[0]!, 'approve', 'pending')]);
  const before = await pullAll(moderator.client, 'posts');

  const file = join(dir, 'parley.dump');
  execFileSync('pg_dump', ['--format=custom', '--no-owner', `--file=${file}`, app.dbUrl!]);
  expect(statSync(file).size).toBeGreaterThan(1000);
  execFileSync('psql', [adminUrl, '-v', 'ON_ERROR_STOP=1', '-c', `CREATE DATABASE ${restoredName}`]);
  execFileSync('pg_restore', ['--no-owner', '--exit-on-error', `--dbname=${restoredUrl}`, file]);

  const db = await openDatabase({ kind: 'postgres', url: restoredUrl });
  const restored = createApp({ db, config: testConfig() });
  const server = await listen(restored, '127.0.0.1', 0);
  try {
    const ready = await new TestClient(server.url).get('/api/ready');
    expect(ready.status).toBe(200);
    // The session cookie still works: sessions are rows like the rest.
    const again = moderator.client.at(server.url);
    const after = await pullAll(again, 'posts');
    expect([...after.values()]).toEqual([...before.values()]);
    // New writes continue the sequence after the restored rows (no seq reused, no post skipped).
    const next = newPost(space, { body: 'written after the restore' });
    await push(author.client.at(server.url), 'posts', [next]);
    const seqs = await db.query<{ id: string; seq: string }>('SELECT id, seq FROM posts ORDER BY seq');
    expect(seqs.at(-1)?.id).toBe(next.id);
    expect(new Set(seqs.map((r) => r.seq)).size).toBe(seqs.length);
  } finally {
    await server.close();
    await db.close();
  }
});
