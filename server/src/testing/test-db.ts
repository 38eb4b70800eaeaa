import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadTestEnv } from '../config/test-env';
import type { Db } from '../db/db';
import { openDatabase } from '../db/open';

export interface TestDb {
  db: Db;
  /** Connection string of this file's own database (PostgreSQL only), for raw clients. */
  url: string | null;
  close(): Promise<void>;
}

/**
 * A real database for one test file: PGlite in memory, or (PARLEY_TEST_DB=postgres) a fresh
 * PostgreSQL database created from DATABASE_URL and dropped at the end. Migrated either way,
 * exactly as the server migrates.
 */
export async function openTestDb(): Promise<TestDb> {
  const env = loadTestEnv();
  if (env.PARLEY_TEST_DB === 'pglite') {
    const db = await openDatabase({ kind: 'pglite', dataDir: null });
    return { db, url: null, close: () => db.close() };
  }
  const adminUrl = env.DATABASE_URL!;
  const name = `parley_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ kind: 'postgres', url: url.toString() });
  return {
    db,
    url: url.toString(),
    async close() {
      await db.close();
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}
