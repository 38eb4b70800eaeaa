import { describe, expect, it } from 'vitest';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { createRxDatabase, type RxJsonSchema } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { openDatabase } from './database';
import { SCHEMA_VERSION } from './schema';
import shipped from './rx-schemas.json';
import v0 from './schema-history/v0.json';
import v1 from './schema-history/v1.json';

/**
 * The schemas of every version (schema-history/v<N>.json: rx-schemas.json as it was shipped under
 * SCHEMA_VERSION N). Phones hold databases of each of them.
 */
const history: Record<number, unknown> = { 0: v0, 1: v1 };
type Schemas = Record<'spaces' | 'questions' | 'posts' | 'moderation', RxJsonSchema<unknown>>;

const storage = getRxStorageDexie({ indexedDB, IDBKeyRange });

const SPACE = {
  id: '0192f0c1-7a4e-7cc0-8f3e-5b7d2c1a9e11',
  slug: 'regional-review',
  title: { en: 'Regional review' },
  intro: { en: 'Intro' },
  audience: { en: 'Everyone' },
  languages: ['en'],
  phases: [],
  contactEmail: null,
  moderators: [],
  updatedAt: '2026-11-27T09:00:00.000Z',
};
/** A post written offline and not yet sent when the app was updated. */
const UNSENT_POST = {
  id: '0192f0c1-7a4e-7cc0-8f3e-5b7d2c1a9e10',
  spaceId: SPACE.id,
  questionId: '0192f0c1-7a4e-7cc0-8f3e-5b7d2c1a9e12',
  parentId: null,
  authorId: '0192f0c1-7a4e-7cc0-8f3e-5b7d2c1a9e13',
  authorName: 'Ana Lima',
  anonymous: false,
  lang: 'es',
  body: 'Escrito sin conexión',
  attachments: [],
  status: 'pending',
  moderationReason: null,
  moderationReasonTemplateId: null,
  onBehalfOf: null,
  fromModerator: false,
  writtenBeforeClose: false,
  flags: [],
  createdAt: '2026-11-27T10:00:00.000Z',
  receivedAt: null,
  updatedAt: null,
  refusal: null,
};

/** The row as that version stored it: only the fields its schema had. */
const asStoredBy = (schema: RxJsonSchema<unknown>, row: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(row).filter(([field]) => field in schema.properties));

describe('schema history: an app update never locks a phone out of its own data', () => {
  it('ships the schemas recorded for SCHEMA_VERSION (a change raises it and records the new ones)', () => {
    // Changed shared/ documents? Raise SCHEMA_VERSION (schema.ts), run `npm run schemas -w client`,
    // copy rx-schemas.json to schema-history/v<new>.json and add it to `history` above.
    expect(shipped).toEqual(history[SCHEMA_VERSION]);
  });

  for (const [version, recorded] of Object.entries(history).filter(([v]) => Number(v) < SCHEMA_VERSION)) {
    it(`opens a database written by version ${version}, keeping an unsent post`, async () => {
      const old = recorded as Schemas;
      const name = `parley-test-history-v${version}`;
      const before = await createRxDatabase({ name, storage, multiInstance: false });
      const collections = await before.addCollections({
        spaces: { schema: old.spaces },
        questions: { schema: old.questions },
        posts: { schema: old.posts },
        moderation: { schema: old.moderation },
      });
      await collections.spaces.insert(asStoredBy(old.spaces, SPACE));
      await collections.posts.insert(asStoredBy(old.posts, UNSENT_POST));
      await before.close();

      const db = await openDatabase(name, { storage, multiInstance: false });
      try {
        const space = (await db.spaces.findOne(SPACE.id).exec())?.toJSON();
        expect(space).toMatchObject({ slug: SPACE.slug, status: 'published', documents: [] });
        const post = (await db.posts.findOne(UNSENT_POST.id).exec())?.toJSON();
        // Still unsent, word for word, so the outbox delivers it after the update.
        expect(post).toMatchObject({ body: UNSENT_POST.body, receivedAt: null, authorOrganisation: null });
      } finally {
        await db.remove();
      }
    });
  }
});
