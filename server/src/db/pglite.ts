import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { Db, Queryable } from './db';

/**
 * Embedded PostgreSQL. dataDir undefined = in memory (tests). PGlite has a single connection
 * and serialises transactions itself, so there is nothing to retry.
 */
export async function openPglite(dataDir?: string): Promise<Db & { pglite: PGlite }> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create(dataDir);
  const run = async <T>(on: Pick<PGlite, 'query'>, sql: string, params?: readonly unknown[]) =>
    (await on.query<T>(sql, params as unknown[] | undefined)).rows;
  return {
    kind: 'pglite',
    pglite,
    query: (sql, params) => run(pglite, sql, params),
    tx: (fn) =>
      pglite.transaction((tx) => {
        const q: Queryable = { query: (sql, params) => run(tx, sql, params) };
        return fn(q);
      }),
    close: () => pglite.close(),
  };
}
