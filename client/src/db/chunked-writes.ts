import type { RxStorage, RxStorageBulkWriteResponse } from 'rxdb';

/**
 * Rows per storage call. A pulled page holds up to 1,000 posts; written in one call, storing them
 * (IndexedDB puts of the documents and of the replication's metadata) blocks a phone's main thread
 * for several hundred milliseconds, and taps and scrolling wait. 100 rows take a few milliseconds
 * on a laptop, a few tens on a slow phone.
 */
export const MAX_ROWS_PER_CALL = 100;

/** Lets the browser handle input and paint between two slices of a big write. */
function yieldToMainThread(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

async function inSlices<T, R>(items: T[], run: (slice: T[]) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += MAX_ROWS_PER_CALL) {
    if (start > 0) await yieldToMainThread();
    results.push(await run(items.slice(start, start + MAX_ROWS_PER_CALL)));
  }
  return results;
}

/**
 * Wraps a storage so that big writes and reads happen in slices of MAX_ROWS_PER_CALL, yielding to
 * the browser in between. RxDB's storage contract makes each document's write atomic, never a
 * whole bulk (RxStorageInstance.bulkWrite), so slicing keeps its meaning: conflicts are still
 * found per document, and each slice emits its own change event.
 *
 * One consequence: another write can land between two slices, so the replication may see a pulled
 * post before its bookkeeping row and push it back. The server answers such a push with the post
 * as it stores it (server/src/posts/push-posts.ts), so the device keeps the right copy.
 */
export function withChunkedWrites<Internals, Options>(
  storage: RxStorage<Internals, Options>,
): RxStorage<Internals, Options> {
  return Object.assign({}, storage, {
    async createStorageInstance(
      params: Parameters<RxStorage<Internals, Options>['createStorageInstance']>[0],
    ) {
      const instance = await storage.createStorageInstance(params);
      const bulkWrite = instance.bulkWrite.bind(instance);
      const findDocumentsById = instance.findDocumentsById.bind(instance);
      instance.bulkWrite = async (rows, context) => {
        if (rows.length <= MAX_ROWS_PER_CALL) return bulkWrite(rows, context);
        const responses = await inSlices(rows, (slice) => bulkWrite(slice, context));
        return { error: responses.flatMap((r) => r.error) } satisfies RxStorageBulkWriteResponse<unknown>;
      };
      instance.findDocumentsById = async (ids, withDeleted) => {
        if (ids.length <= MAX_ROWS_PER_CALL) return findDocumentsById(ids, withDeleted);
        return (await inSlices(ids, (slice) => findDocumentsById(slice, withDeleted))).flat();
      };
      return instance;
    },
  });
}
