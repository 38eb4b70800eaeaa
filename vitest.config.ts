import { spawnSync } from 'node:child_process';
import { defineConfig } from 'vitest/config';

/**
 * Server tests run once on embedded PGlite and, when DATABASE_URL is set (CI), once more on
 * real PostgreSQL: the same files, a different PARLEY_TEST_DB.
 */
const serverOn = (db: 'pglite' | 'postgres') => ({
  test: {
    name: `server:${db}`,
    include: ['server/src/**/*.test.ts'],
    // Tests that hold a second connection to the database exist on real PostgreSQL only; the S3
    // store's tests have a project of their own.
    exclude: ['server/src/**/*.s3.test.ts', ...(db === 'pglite' ? ['server/src/**/*.postgres.test.ts'] : [])],
    environment: 'node',
    env: { PARLEY_TEST_DB: db },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

function hasMoto(): boolean {
  return spawnSync('python3', ['-c', 'import moto.server'], { stdio: 'ignore' }).status === 0;
}

const s3Project = {
  test: {
    name: 'server:s3',
    include: ['server/src/**/*.s3.test.ts'],
    environment: 'node',
    env: { PARLEY_TEST_DB: 'pglite' },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
};

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'shared', include: ['shared/src/**/*.test.ts'], environment: 'node' } },
      serverOn('pglite'),
      ...(process.env.DATABASE_URL ? [serverOn('postgres')] : []),
      // The S3 store is tested against moto's S3 server (python3 -m moto.server, Debian's
      // python3-moto), when the machine has it: npm has no S3 server that speaks multipart
      // ListParts, which tus needs. It is about storage, so it runs on PGlite only.
      ...(hasMoto() ? [s3Project] : []),
      {
        test: {
          name: 'bench',
          include: ['e2e/bench/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'client',
          include: ['client/src/**/*.test.{ts,tsx}'],
          environment: 'node',
          testTimeout: 30_000,
        },
      },
    ],
  },
});
