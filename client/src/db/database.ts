import {
  addRxPlugin,
  createRxDatabase,
  removeRxDatabase,
  type RxCollection,
  type RxDatabase,
  type RxStorage,
} from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { Moderation, Post, Question, Space } from '@parley/shared';
import type { RxJsonSchema } from 'rxdb';
import { withChunkedWrites } from './chunked-writes';
import { migrationStrategies } from './migrations';
import derived from './rx-schemas.json';

/** Pre-derived from the shared zod schemas (see schema.ts); checked by rx-schemas.test.ts. */
const schemas = derived as unknown as {
  spaces: RxJsonSchema<Space>;
  questions: RxJsonSchema<Question>;
  posts: RxJsonSchema<Post>;
  moderation: RxJsonSchema<Moderation>;
};

export interface ParleyCollections {
  spaces: RxCollection<Space>;
  questions: RxCollection<Question>;
  posts: RxCollection<Post>;
  moderation: RxCollection<Moderation>;
}
export type ParleyDatabase = RxDatabase<ParleyCollections>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyStorage = RxStorage<any, any>;

/**
 * Dev-mode checks every schema, query and write, but in a browser it also loads an iframe from
 * RxDB's website: it is imported only when Vite builds for development (or vitest runs), so the
 * production bundle never contains it.
 */
let devModeReady: Promise<void> | undefined;
async function withDevChecks(storage: AnyStorage): Promise<AnyStorage> {
  // `env` is Vite's: absent when the module runs in plain Node (the benchmark's simulated devices).
  if (!import.meta.env?.DEV) return storage;
  devModeReady ??= (async () => {
    const { addRxPlugin } = await import('rxdb');
    const { RxDBDevModePlugin, disableWarnings } = await import('rxdb/plugins/dev-mode');
    disableWarnings();
    addRxPlugin(RxDBDevModePlugin);
  })();
  await devModeReady;
  // Dev-mode insists on a validating storage; production validates posts with zod before writing.
  const { wrappedValidateAjvStorage } = await import('rxdb/plugins/validate-ajv');
  return wrappedValidateAjvStorage({ storage });
}

/** One database per viewer, so that a signed-out user's private posts never mix with another's. */
export function databaseNameFor(viewerId: string | null): string {
  return viewerId ? `parley-u-${viewerId.toLowerCase()}` : 'parley-anon';
}

export interface OpenOptions {
  storage?: AnyStorage;
  /** Several tabs share one database; false in tests. */
  multiInstance?: boolean;
}

// A phone keeps its database across app updates: rows stored under an older schema version are
// brought to the current one when the database opens (migrations.ts).
addRxPlugin(RxDBMigrationSchemaPlugin);

export async function openDatabase(name: string, options: OpenOptions = {}): Promise<ParleyDatabase> {
  const storage = await withDevChecks(withChunkedWrites(options.storage ?? getRxStorageDexie()));
  const db = await createRxDatabase<ParleyCollections>({
    name,
    storage,
    multiInstance: options.multiInstance ?? true,
    eventReduce: true,
  });
  try {
    await db.addCollections({
      spaces: { schema: schemas.spaces, migrationStrategies: migrationStrategies(schemas.spaces) },
      questions: { schema: schemas.questions, migrationStrategies: migrationStrategies(schemas.questions) },
      posts: { schema: schemas.posts, migrationStrategies: migrationStrategies(schemas.posts) },
      moderation: {
        schema: schemas.moderation,
        migrationStrategies: migrationStrategies(schemas.moderation),
      },
    });
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

/** Deletes a closed database and everything in it (sign-out on a shared phone). */
export async function removeDatabase(name: string, storage?: AnyStorage): Promise<void> {
  await removeRxDatabase(name, storage ?? getRxStorageDexie());
  // RxDB empties the IndexedDB databases but leaves them, named after the user: delete them too.
  if (!storage && typeof indexedDB !== 'undefined' && typeof indexedDB.databases === 'function') {
    const prefix = `rxdb-dexie-${name}--`;
    const all = await indexedDB.databases();
    for (const db of all) if (db.name?.startsWith(prefix)) indexedDB.deleteDatabase(db.name);
  }
}
