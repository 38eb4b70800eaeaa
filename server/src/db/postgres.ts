import pg from 'pg';
import type { Logger } from 'pino';
import type { Db, Queryable } from './db';

const RETRYABLE = new Set(['40001', '40P01']);
const MAX_ATTEMPTS = 5;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const isRetryable = (err: unknown) =>
  typeof err === 'object' && err !== null && RETRYABLE.has((err as { code?: string }).code ?? '');

export function openPostgres(connectionString: string, poolSize = 10, logger?: Logger): Db {
  const pool = new pg.Pool({ connectionString, max: poolSize });
  // An idle client that loses its connection emits 'error' on the pool; without a listener that
  // would crash the process. The next query simply gets a fresh client.
  pool.on('error', (err) => logger?.error({ err }, 'database: idle client error'));

  const query = async <T>(client: pg.Pool | pg.PoolClient, sql: string, params?: readonly unknown[]) =>
    (await client.query(sql, params as unknown[] | undefined)).rows as T[];

  return {
    kind: 'postgres',
    query: (sql, params) => query(pool, sql, params),
    async tx(fn) {
      for (let attempt = 1; ; attempt++) {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          const q: Queryable = { query: (sql, params) => query(client, sql, params) };
          const result = await fn(q);
          await client.query('COMMIT');
          return result;
        } catch (err) {
          await client.query('ROLLBACK').catch(() => undefined);
          if (!isRetryable(err) || attempt >= MAX_ATTEMPTS) throw err;
          // Jittered backoff so two retried writers do not collide again in lockstep.
          await sleep(Math.random() * 20 * attempt);
        } finally {
          client.release();
        }
      }
    },
    close: () => pool.end(),
  };
}
