import pg from 'pg';
import { startServer, type RunningServer } from '../../support/server';
import type { Corpus } from '../corpus';
import { createDatabase, databaseUrl, dropDatabase, seedParley } from './seed';

export interface ParleyServer {
  url: string;
  pid: number;
  db: pg.Client;
  reseed: (corpus: Corpus) => Promise<void>;
  stop: () => Promise<void>;
}

/**
 * The real server (server/src/main.ts) in its own process on a PostgreSQL database of its own,
 * created here and dropped by stop(). PostgreSQL rather than PGlite: it is what runs in
 * production, and seeding 1M rows into it takes seconds.
 */
export async function startParleyServer(
  name: string,
  env: Record<string, string> = {},
): Promise<ParleyServer> {
  await createDatabase(name);
  const url = databaseUrl(name);
  let server: RunningServer;
  try {
    server = await startServer({
      // Limits off: the pull-latency case sends thousands of pulls from one address.
      env: {
        DATABASE_URL: url,
        SESSION_SECRET: 'bench-session-secret-0123456789abcdef',
        RATE_LIMIT_SCALE: '0',
        ...env,
      },
    });
  } catch (error) {
    await dropDatabase(name);
    throw error;
  }
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  return {
    url: server.url,
    pid: server.process.pid!,
    db,
    reseed: (corpus) => seedParley(db, corpus),
    stop: async () => {
      await db.end();
      await server.stop();
      await dropDatabase(name);
    },
  };
}
