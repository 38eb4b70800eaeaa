import { defineConfig } from 'drizzle-kit';

// Only `drizzle-kit generate` reads this: it diffs src/db/schema.ts against the snapshots in
// migrations/meta and writes the next versioned SQL file. Nothing connects to a database here.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.ts',
  out: './migrations',
});
