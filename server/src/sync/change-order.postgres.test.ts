import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADVISORY_NAMESPACE } from '../db/locks';
import { uuidv7 } from '../db/uuid';
import {
  drainPosts,
  makeSpace,
  makeUser,
  newPost,
  pullPage,
  push,
  type TestSpace,
  type TestUser,
} from '../testing/fixtures';
import { startTestApp, type TestApp } from '../testing/test-app';

/*
 * Real PostgreSQL only (PGlite has a single connection, so no second transaction can be held
 * open beside the server's): vitest.config.ts runs *.postgres.test.ts in the server:postgres
 * project alone.
 */
const POSTS_LOCK = 3;

let app: TestApp;
let space: TestSpace;
let moderator: TestUser;

beforeAll(async () => {
  app = await startTestApp();
  space = await makeSpace(app);
  moderator = await makeUser(app, { moderates: 'global' });
});
afterAll(() => app.close());

const drain = (checkpoint: Parameters<typeof drainPosts>[1], limit?: number) =>
  drainPosts(moderator.client, checkpoint, limit);

describe('the change order never skips a row (real PostgreSQL)', () => {
  it('a transaction that commits late with a lower seq is not skipped (raw PostgreSQL client)', async () => {
    const author = await makeUser(app);
    const { checkpoint: start } = await drain(null);

    // 1. A writer takes the posts lock, draws a seq and inserts, but does not commit yet.
    const raw = new pg.Client({ connectionString: app.dbUrl! });
    await raw.connect();
    const slowId = uuidv7();
    try {
      await raw.query('BEGIN');
      await raw.query('SELECT pg_advisory_xact_lock($1, $2)', [ADVISORY_NAMESPACE, POSTS_LOCK]);
      await raw.query(
        `INSERT INTO posts (id, space_id, question_id, author_id, author_name, anonymous, lang, body, status,
                              created_at, received_at, updated_at, seq)
           VALUES ($1, $2, $3, $4, 'Slow', false, 'en', 'slow writer', 'pending', now(), now(), now(),
                   nextval('posts_seq'))`,
        [slowId, space.spaceId, space.questionId, author.id],
      );

      // 2. Another post is pushed over HTTP meanwhile: it must wait for the lock.
      const fast = newPost(space);
      let pushDone = false;
      const pushing = push(author.client, 'posts', [fast]).then((res) => {
        pushDone = true;
        return res;
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(pushDone).toBe(false);

      // 3. A pull now sees neither: no row with a higher seq got ahead of the uncommitted one.
      const between = await pullPage(moderator.client, 'posts', start, 10);
      expect(between.documents).toEqual([]);
      expect(between.checkpoint?.seq ?? 0).toBe(start?.seq ?? 0);

      // 4. Commit; the push goes through after it.
      await raw.query('COMMIT');
      expect((await pushing).body).toEqual([]);

      // 5. Successive pulls from the returned checkpoints bring both, each exactly once, in commit order.
      const { ids, checkpoint } = await drain(between.checkpoint, 1);
      expect(ids).toEqual([slowId, fast.id]);
      expect((await pullPage(moderator.client, 'posts', checkpoint, 10)).documents).toEqual([]);
    } finally {
      await raw.end();
    }
  });
});
