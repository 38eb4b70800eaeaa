import { afterEach, describe, expect, it } from 'vitest';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { Post } from '@parley/shared';
import { openDatabase, type ParleyDatabase } from './database';
import { editPost, withdrawPost } from './post-changes';
import { holdsUnsent } from './unsent';

const storage = getRxStorageDexie({ indexedDB, IDBKeyRange });

/** A post the server has published, as the author's device holds it. */
const published: Post = {
  id: '0192f0c1-7a4e-7cc0-8f3e-5b7d2c1a9e20',
  spaceId: '0192f0c1-7a4e-7cc0-8f3e-5b7d2c1a9e21',
  questionId: '0192f0c1-7a4e-7cc0-8f3e-5b7d2c1a9e22',
  parentId: null,
  authorId: '0192f0c1-7a4e-7cc0-8f3e-5b7d2c1a9e23',
  authorName: 'Ana Lima',
  authorOrganisation: null,
  anonymous: false,
  lang: 'en',
  body: 'My name is Ana and I live at 12 Rua Alta.',
  attachments: [],
  status: 'approved',
  moderationReason: null,
  moderationReasonTemplateId: null,
  onBehalfOf: null,
  mailNote: null,
  fromModerator: false,
  writtenBeforeClose: false,
  flags: [],
  createdAt: '2026-11-27T10:00:00.000Z',
  receivedAt: '2026-11-27T10:00:01.000Z',
  updatedAt: '2026-11-27T11:00:00.000Z',
  refusal: null,
};

let db: ParleyDatabase | undefined;
let n = 0;
async function deviceWith(post: Post): Promise<ParleyDatabase> {
  db = await openDatabase(`parley-test-post-changes-${++n}`, { storage, multiInstance: false });
  await db.posts.insert(post);
  return db;
}
const stored = async (d: ParleyDatabase) => (await d.posts.findOne(published.id).exec())?.toJSON() as Post;

afterEach(async () => {
  if (db) await db.remove();
  db = undefined;
});

describe("the author's edit and withdrawal on the device", () => {
  it('an edit of a published post waits in the outbox as pending, with the new text', async () => {
    const d = await deviceWith(published);
    expect(await holdsUnsent(d)).toBe(false);
    const result = await editPost(d, published.id, {
      body: '  I live in the north.  ',
      lang: 'en',
      anonymous: true,
    });
    expect(result).toEqual({ ok: true, changed: true });
    expect(await stored(d)).toMatchObject({
      body: 'I live in the north.',
      anonymous: true,
      status: 'pending',
      receivedAt: null,
      // The version it was based on is RxDB's to send; the document keeps its server fields.
      updatedAt: published.updatedAt,
    });
    // Kept at sign-out, like a post not yet sent.
    expect(await holdsUnsent(d)).toBe(true);
  });

  it('an edit that changes nothing is not sent; an empty or too long one is refused', async () => {
    const d = await deviceWith(published);
    expect(await editPost(d, published.id, { body: published.body, lang: 'en', anonymous: false })).toEqual({
      ok: true,
      changed: false,
    });
    expect(await holdsUnsent(d)).toBe(false);
    expect(await editPost(d, published.id, { body: '   ', lang: 'en', anonymous: false })).toEqual({
      ok: false,
      problem: 'empty',
    });
    expect(
      await editPost(d, published.id, { body: 'x'.repeat(10_001), lang: 'en', anonymous: false }),
    ).toEqual({
      ok: false,
      problem: 'tooLong',
    });
    expect((await stored(d)).body).toBe(published.body);
  });

  it('a withdrawal keeps the text for the author, waits to be sent, and ends editing', async () => {
    const d = await deviceWith(published);
    expect(await withdrawPost(d, published.id)).toEqual({ ok: true, changed: true });
    expect(await stored(d)).toMatchObject({ status: 'withdrawn', receivedAt: null, body: published.body });
    expect(await holdsUnsent(d)).toBe(true);
    expect(await withdrawPost(d, published.id)).toEqual({ ok: true, changed: false });
    expect(await editPost(d, published.id, { body: 'again', lang: 'en', anonymous: false })).toEqual({
      ok: false,
      problem: 'gone',
    });
  });
});
