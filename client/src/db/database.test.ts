import { afterEach, describe, expect, it } from 'vitest';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { Post } from '@parley/shared';
import { databaseNameFor, openDatabase, removeDatabase, type ParleyDatabase } from './database';
import { deriveRxSchemas, rxSchemaFromZod, SCHEMA_VERSION } from './schema';
import shipped from './rx-schemas.json';
import { z } from 'zod';

const storage = getRxStorageDexie({ indexedDB, IDBKeyRange });

const post: Post = {
  id: '0192f0c1-7a4e-7cc0-8f3e-5b7d2c1a9e10',
  spaceId: '0192f0c1-7a4e-7cc0-8f3e-5b7d2c1a9e11',
  questionId: '0192f0c1-7a4e-7cc0-8f3e-5b7d2c1a9e12',
  parentId: null,
  authorId: '0192f0c1-7a4e-7cc0-8f3e-5b7d2c1a9e13',
  authorName: 'Ana Lima',
  authorOrganisation: null,
  anonymous: false,
  lang: 'es',
  body: 'Hola\n\nSegundo párrafo',
  attachments: [],
  status: 'pending',
  moderationReason: null,
  moderationReasonTemplateId: null,
  onBehalfOf: null,
  mailNote: null,
  fromModerator: false,
  writtenBeforeClose: false,
  flags: [],
  createdAt: '2026-11-27T10:00:00.000Z',
  receivedAt: null,
  updatedAt: null,
  refusal: null,
};

describe('RxDB schemas derived from the shared zod schemas', () => {
  let db: ParleyDatabase | undefined;
  afterEach(async () => {
    if (db) await db.remove();
    db = undefined;
  });

  it('ships the schemas derived from shared/ (else run `npm run schemas -w client`)', () => {
    expect(shipped).toEqual(JSON.parse(JSON.stringify(deriveRxSchemas())));
  });

  it('bounds the primary key and the indexed fields, and keeps the document shape', () => {
    const { posts: postSchema, questions: questionSchema } = deriveRxSchemas();
    expect(postSchema.primaryKey).toBe('id');
    expect(postSchema.version).toBe(SCHEMA_VERSION);
    expect(postSchema.properties.id.maxLength).toBe(36);
    expect(postSchema.properties.createdAt.maxLength).toBe(40);
    expect(postSchema.required).toContain('status');
    expect(postSchema.properties.body.maxLength).toBe(10_000);
    expect(JSON.stringify(postSchema)).not.toContain('"format"');
    expect(questionSchema.properties.position.multipleOf).toBe(1);
  });

  it('refuses to index a field it cannot bound', () => {
    const Doc = z.object({ id: z.uuid(), note: z.string().nullable() });
    expect(() => rxSchemaFromZod('doc', Doc, { indexes: ['note'] })).toThrow(/needs bounds/);
    expect(() => rxSchemaFromZod('doc', Doc, { indexed: { note: { maxLength: 9 } } })).toThrow(/nullable/);
  });

  it('stores a valid post in a real database and finds it through an index', async () => {
    db = await openDatabase('parley-test-schema', { storage, multiInstance: false });
    await db.posts.insert(post);
    const found = await db.posts
      .find({ selector: { questionId: post.questionId }, sort: [{ createdAt: 'asc' }] })
      .exec();
    expect(found.map((d) => d.toJSON())).toEqual([post]);
    const pending = await db.posts.count({ selector: { status: 'pending' } }).exec();
    expect(pending).toBe(1);
  });

  it('refuses a document that breaks the shared schema (dev-mode validation)', async () => {
    db = await openDatabase('parley-test-invalid', { storage, multiInstance: false });
    await expect(db.posts.insert({ ...post, status: 'published' as Post['status'] })).rejects.toThrow();
  });

  it('names one database per viewer and removes a closed one', async () => {
    expect(databaseNameFor(null)).toBe('parley-anon');
    expect(databaseNameFor('0192F0C1-7A4E-7CC0-8F3E-5B7D2C1A9E13')).toBe(
      'parley-u-0192f0c1-7a4e-7cc0-8f3e-5b7d2c1a9e13',
    );
    const name = 'parley-test-remove';
    const first = await openDatabase(name, { storage, multiInstance: false });
    await first.posts.insert(post);
    await first.close();
    await removeDatabase(name, storage);
    db = await openDatabase(name, { storage, multiInstance: false });
    expect(await db.posts.count().exec()).toBe(0);
  });
});
