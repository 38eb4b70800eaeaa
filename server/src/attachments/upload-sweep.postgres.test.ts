import type { Post } from '@parley/shared';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSpace, makeUser, newPost, push, type TestSpace, type TestUser } from '../testing/fixtures';
import { startTestApp, type TestApp } from '../testing/test-app';
import { pdfBytes, tusUpload } from '../testing/tus-client';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { markUploadsAttached } from './upload-repository';

/**
 * The sweep against a post taking the same file at the same moment, on real PostgreSQL with a
 * second connection holding the other side's transaction open.
 */
let app: TestApp;
let dir: string;
let space: TestSpace;
let author: TestUser;
let other: pg.Client;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parley-sweep-pg-'));
  app = await startTestApp({ uploadsDir: dir });
  space = await makeSpace(app);
  author = await makeUser(app);
  other = new pg.Client({ connectionString: app.dbUrl! });
  await other.connect();
});
afterAll(async () => {
  await other?.end();
  await app?.close();
  await rm(dir, { recursive: true, force: true });
});

const q = {
  query: async <T>(sql: string, params?: readonly unknown[]) =>
    (await other.query(sql, params as unknown[])).rows as T[],
};
const rowExists = async (id: string) =>
  (await app.db.query('SELECT 1 FROM uploads WHERE id = $1', [id])).length === 1;

/** A finished upload nobody attached, last touched eight days ago: the sweep's to take. */
async function staleFile() {
  const sent = await tusUpload(app, author.client, 'paper.pdf', pdfBytes(5_000));
  expect(sent.status).toBe(204);
  await app.db.query(`UPDATE uploads SET touched_at = touched_at - interval '8 days' WHERE id = $1`, [
    sent.id,
  ]);
  return sent.id;
}

describe('the sweep and a post taking the file at once', () => {
  it('leaves alone a file a post is taking in a transaction not yet committed, and after', async () => {
    const id = await staleFile();
    await other.query('BEGIN');
    await markUploadsAttached(q, author.id, [id]);
    // The row is locked by the post's transaction: skipped, not waited for.
    await app.uploadSweeper.runOnce();
    expect(await rowExists(id)).toBe(true);
    await other.query('COMMIT');
    await app.uploadSweeper.runOnce();
    expect(await rowExists(id)).toBe(true);
  });

  it('refuses the post when the sweep deleted the file first, rather than keep a post pointing at nothing', async () => {
    const id = await staleFile();
    // The sweep's side, held open: the row deleted but not yet committed.
    await other.query('BEGIN');
    await other.query('DELETE FROM uploads WHERE id = $1', [id]);
    const post = newPost(space, {
      attachments: [{ id, name: 'paper.pdf', size: 5_000, mime: 'application/pdf' }],
    });
    const pushed = push<Post[]>(author.client, 'posts', [post]);
    // The push waits for the row lock…
    await expect
      .poll(
        async () =>
          (
            await other.query(
              `SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`,
            )
          ).rowCount,
      )
      .toBeGreaterThan(0);
    await other.query('COMMIT');
    // …and, the row gone, refuses the post.
    expect((await pushed).body[0]).toMatchObject({ refusal: { code: 'bad_attachment' } });
  });
});
