import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Db } from './db';
import { migratePglite, migratePostgres } from './migrate';
import { openPglite } from './pglite';
import { openPostgres } from './postgres';

export type DbTarget =
  | { kind: 'postgres'; url: string; poolMax?: number; logger?: Logger }
  | { kind: 'pglite'; dataDir: string | null };

/** Opens the database and applies every pending migration: each entry point goes through here. */
export async function openDatabase(target: DbTarget): Promise<Db> {
  if (target.kind === 'postgres') {
    await migratePostgres(target.url);
    return openPostgres(target.url, target.poolMax, target.logger);
  }
  const db = await openPglite(target.dataDir === null ? undefined : join(target.dataDir, 'pglite'));
  try {
    await migratePglite(db.pglite);
  } catch (err) {
    await db.close();
    throw err;
  }
  return db;
}
