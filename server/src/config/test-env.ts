import { z } from 'zod';

/** What the test harness reads from the environment (set by vitest.config.ts projects). */
const TestEnv = z.object({
  PARLEY_TEST_DB: z.enum(['pglite', 'postgres']).default('pglite'),
  DATABASE_URL: z.string().optional(),
});

export function loadTestEnv(env: NodeJS.ProcessEnv = process.env) {
  const parsed = TestEnv.parse(env);
  if (parsed.PARLEY_TEST_DB === 'postgres' && !parsed.DATABASE_URL) {
    throw new Error('PARLEY_TEST_DB=postgres needs DATABASE_URL');
  }
  return parsed;
}

/** The environment for a child process under test: ours, minus database settings, plus extra. */
export function childProcessEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const { DATABASE_URL: _, DATA_DIR: __, ...rest } = process.env;
  return { ...rest, ...extra };
}
