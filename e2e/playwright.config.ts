import { defineConfig } from '@playwright/test';

// Two cores: one worker, and each journey starts its own server with a fresh embedded database.
export default defineConfig({
  testDir: './tests',
  // Tests that need a real PostgreSQL (*.postgres.spec.ts) run when DATABASE_URL names one (CI).
  testIgnore: process.env.DATABASE_URL ? [] : ['**/*.postgres.spec.ts'],
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  // One retry in CI only: two journeys (offline reload, Arabic thread at 320 px) failed once each
  // under a loaded 2-core machine and passed on rerun; a retry that passes is reported as flaky.
  retries: process.env.CI ? 1 : 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  outputDir: './.artifacts/test-results',
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure' },
});
