import { afterEach, describe, expect, it } from 'vitest';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import type { RxStorage } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { Space } from '@parley/shared';
import { openDatabase, type ParleyDatabase } from './database';
import { MAX_ROWS_PER_CALL } from './chunked-writes';

const storage = getRxStorageDexie({ indexedDB, IDBKeyRange });

/** The storage underneath, counting the rows of each write it is handed. */
function countingWrites<I, O>(inner: RxStorage<I, O>, rowsPerCall: number[]): RxStorage<I, O> {
  return Object.assign({}, inner, {
    async createStorageInstance(params: Parameters<RxStorage<I, O>['createStorageInstance']>[0]) {
      const instance = await inner.createStorageInstance(params);
      const bulkWrite = instance.bulkWrite.bind(instance);
      instance.bulkWrite = (rows, context) => {
        rowsPerCall.push(rows.length);
        return bulkWrite(rows, context);
      };
      return instance;
    },
  });
}

const space = (i: number): Space => ({
  id: `0192f0c1-7a4e-7cc0-8f3e-${String(i).padStart(12, '0')}`,
  slug: `space-${i}`,
  title: { en: `Space ${i}` },
  intro: { en: '' },
  audience: { en: '' },
  languages: ['en'],
  contactEmail: null,
  phases: [],
  moderators: [],
  reasonTemplates: [],
  deletionPolicy: 'keep',
  status: 'published',
  announcement: null,
  documents: [],
  updatedAt: '2026-11-27T10:00:00.000Z',
});

// Big writes go to IndexedDB in slices (a phone's main thread is never held for long); what the
// app sees must be the same as one write: every row stored once, conflicts reported per row.
describe('writes bigger than one slice', () => {
  let db: ParleyDatabase | undefined;
  afterEach(async () => {
    await db?.remove();
    db = undefined;
  });

  it('stores every row, reports the one conflict, and reads them all back', async () => {
    const rowsPerCall: number[] = [];
    db = await openDatabase(`chunked-${Date.now()}`, {
      storage: countingWrites(storage, rowsPerCall),
      multiInstance: false,
    });
    const total = MAX_ROWS_PER_CALL * 2 + 50;
    const taken = MAX_ROWS_PER_CALL + 7; // an id in the second slice already exists
    await db.spaces.insert(space(taken));
    const changed: string[] = [];
    const sub = db.spaces.insert$.subscribe((e) => changed.push(e.documentId));

    const result = await db.spaces.bulkInsert(Array.from({ length: total }, (_, i) => space(i)));

    sub.unsubscribe();
    // The storage never got more than one slice at a time: three slices for this write.
    expect(Math.max(...rowsPerCall)).toBeLessThanOrEqual(MAX_ROWS_PER_CALL);
    expect(rowsPerCall.slice(-3)).toEqual([MAX_ROWS_PER_CALL, MAX_ROWS_PER_CALL, 50]);
    expect(result.success).toHaveLength(total - 1);
    expect(result.error.map((e) => [e.status, e.documentId])).toEqual([[409, space(taken).id]]);
    expect(new Set(changed).size).toBe(total - 1);
    const found = await db.spaces.findByIds(Array.from({ length: total }, (_, i) => space(i).id)).exec();
    expect(found.size).toBe(total);
    expect(found.get(space(total - 1).id)?.slug).toBe(`space-${total - 1}`);
  });
});
