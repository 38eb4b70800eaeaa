/**
 * Writes src/db/rx-schemas.json from the shared zod schemas. Run after changing shared/:
 * `npm run schemas -w client` (the unit test db/rx-schemas.test.ts says so when it is stale).
 */
import { writeFileSync } from 'node:fs';
import { deriveRxSchemas } from '../src/db/schema';

const target = new URL('../src/db/rx-schemas.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(deriveRxSchemas(), null, 2)}\n`);
console.info(`wrote ${target.pathname}`);
