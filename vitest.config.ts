import { defineConfig } from 'vitest/config';

/**
 * Server tests run once on embedded PGlite and, when DATABASE_URL is set (CI), once more on
 * real PostgreSQL: the same files, a different PARLEY_TEST_DB.
 */
const serverOn = (db: 'pglite' | 'postgres') => ({
  test: {
    name: `server:${db}`,
    include: ['server/src/**/*.test.ts'],
    // Tests that hold a second connection to the database exist on real PostgreSQL only.
    exclude: db === 'pglite' ? ['server/src/**/*.postgres.test.ts'] : [],
    environment: 'node',
    env: { PARLEY_TEST_DB: db },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'shared', include: ['shared/src/**/*.test.ts'], environment: 'node' } },
      serverOn('pglite'),
      ...(process.env.DATABASE_URL ? [serverOn('postgres')] : []),
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
