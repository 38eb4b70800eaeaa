import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadTestEnv } from '../config/test-env';
import { openPostgres } from './postgres';

/* Real PostgreSQL only: PGlite has one connection and no pool (see vitest.config.ts). */
describe('DATABASE_POOL_MAX sizes the request pool (real PostgreSQL)', () => {
  it('never opens more connections than the pool allows, however many queries wait', async () => {
    const url = new URL(loadTestEnv().DATABASE_URL!);
    const tag = `parley-pool-${randomBytes(4).toString('hex')}`;
    url.searchParams.set('application_name', tag);
    const db = openPostgres(url.toString(), 2);
    try {
      // Eight queries at once, each holding its connection a moment while it counts this pool's.
      const counts = await Promise.all(
        Array.from({ length: 8 }, () =>
          db.query<{ n: number }>(
            `SELECT n FROM pg_sleep(0.05), LATERAL (
               SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1) c`,
            [tag],
          ),
        ),
      );
      const seen = counts.map((rows) => rows[0]?.n ?? 0);
      expect(seen).toHaveLength(8);
      expect(Math.max(...seen)).toBeLessThanOrEqual(2);
    } finally {
      await db.close();
    }
  });
});
