import { defineConfig } from '@playwright/test';

// Two cores: one worker, and each journey starts its own server with a fresh embedded database.
export default defineConfig({
  testDir: './tests',
  // Tests that need a real PostgreSQL (*.postgres.spec.ts) run when DATABASE_URL names one (CI).
  testIgnore: process.env.DATABASE_URL ? [] : ['**/*.postgres.spec.ts'],
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  outputDir: './.artifacts/test-results',
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure' },
});
