import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../db/db';
import { MIGRATIONS_FOLDER } from '../db/migrate';

export interface Readiness {
  ready: boolean;
  database: 'ok' | 'unreachable';
  migrations: { applied: number; expected: number };
}

/** How many migrations this build ships (drizzle-kit's journal). */
function expectedMigrations(): number {
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as {
    entries: unknown[];
  };
  return journal.entries.length;
}

/**
 * Ready = the database answers and has every migration this build knows. An instance of a newer
 * build against an older schema (or the reverse) is taken out of the load balancer's rotation.
 */
export async function checkReadiness(db: Db): Promise<Readiness> {
  const expected = expectedMigrations();
  try {
    const [row] = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations',
    );
    const applied = row?.n ?? 0;
    return { ready: applied === expected, database: 'ok', migrations: { applied, expected } };
  } catch {
    return { ready: false, database: 'unreachable', migrations: { applied: 0, expected } };
  }
}
