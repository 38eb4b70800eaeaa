import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePgliteDb } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { ADVISORY_NAMESPACE, MIGRATION_LOCK } from './locks';

/** The versioned SQL files written by `npm run db:generate` (drizzle-kit). */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../migrations', import.meta.url));

export async function migratePglite(pglite: PGlite): Promise<void> {
  await migratePgliteDb(drizzlePglite({ client: pglite }), { migrationsFolder: MIGRATIONS_FOLDER });
}

/**
 * Several server instances (or test files) may start at once against one database; the
 * migrator does not lock, so a session advisory lock makes them take turns and the later ones
 * find nothing left to apply.
 */
export async function migratePostgres(connectionString: string): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1, $2)', [ADVISORY_NAMESPACE, MIGRATION_LOCK]);
    await migrateNodePg(drizzleNodePg({ client }), { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    await client.end();
  }
}
