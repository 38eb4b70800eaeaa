/**
 * RxDB stores a pulled page in two steps: the documents, then in another IndexedDB database its
 * "as on the server" copy of each (the replication's metadata). A tab closed between the two
 * leaves documents without that copy, and at the next start RxDB's upload side takes them for
 * edits made on the device and pushes them. Here, against the real server and the app's own
 * replication: the device must still show the published posts afterwards, as published.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { indexedDB } from 'fake-indexeddb';
import { apiSession } from '../../support/server-api';
import { DEMO } from '../../support/journeys';
import { startServer, type RunningServer } from '../../support/server';
import { sleep } from '../device-side';
import { AppDevice } from './app-device';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
}, 60_000);
afterAll(() => server?.stop());

/**
 * Deletes every "as on the server" copy of the replication's metadata, and the upload side's
 * checkpoint (a tab closed during its first sync had none yet); the pull's checkpoint stays.
 */
async function dropAssumedMasterStates(databaseName: string): Promise<number> {
  const names = (await indexedDB.databases())
    .map((d) => d.name ?? '')
    .filter((n) => n.startsWith(`rxdb-dexie-${databaseName}--`) && n.includes('rx-replication-meta'));
  let dropped = 0;
  for (const name of names) {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(name);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(new Error(`open ${name}`));
    });
    const stores = Array.from(db.objectStoreNames);
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction(stores, 'readwrite');
      for (const store of stores) {
        tx.objectStore(store).openCursor().onsuccess = (event) => {
          const cursor = (event.target as IDBRequest<IDBCursorWithValue | null>).result;
          if (!cursor) return;
          const row = cursor.value as { isCheckpoint?: string; itemId?: string };
          if (row.isCheckpoint === '0' || row.itemId === 'up') {
            cursor.delete();
            dropped++;
          }
          cursor.continue();
        };
      }
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(new Error(`clear ${name}`));
    });
    db.close();
  }
  return dropped;
}

it('posts pulled before a tab closed half-way stay published on the device after the next start', async () => {
  const { cookie, id: viewerId } = await apiSession(server.url, DEMO.ben);
  const name = 'cut-short-ben';
  const first = new AppDevice({ baseUrl: server.url, name, cookie, viewerId, liveStream: false });
  await first.open();
  first.start();
  await first.sync!.awaitInitial();
  const published = (await first.db.posts.find().exec())
    .filter((p) => p.status === 'approved')
    .map((p) => p.id);
  expect(published.length).toBeGreaterThan(3);
  await first.stop();

  expect(await dropAssumedMasterStates(name)).toBeGreaterThanOrEqual(published.length);

  let pushed = 0;
  const again = new AppDevice({
    baseUrl: server.url,
    name,
    cookie,
    viewerId,
    liveStream: false,
    onPushed: (ids) => (pushed += ids.length),
  });
  await again.open();
  again.start();
  await again.sync!.awaitInitial();
  // The upload side's first pass runs beside the pull: give it time to push and store the answer.
  await sleep(1_500);
  // RxDB did push them back (this is the case under test) …
  expect(pushed).toBeGreaterThan(0);
  // … and the device kept every published post as the server has it.
  const after = await again.db.posts.find().exec();
  for (const id of published) {
    const post = after.find((p) => p.id === id);
    expect(post?.status, `post ${id}`).toBe('approved');
    expect(post?.refusal ?? null).toBeNull();
  }
  await again.stop();
}, 60_000);

it('a signed-out device in the same state finishes its sync and stays live: it has nothing to push', async () => {
  const name = 'cut-short-anon';
  const first = new AppDevice({ baseUrl: server.url, name, viewerId: null, liveStream: false });
  await first.open();
  first.start();
  await first.sync!.awaitInitial();
  const published = (await first.db.posts.find().exec()).map((p) => p.id);
  expect(published.length).toBeGreaterThan(3);
  await first.stop();

  // A pull-only replication keeps no per-document copies: there may be nothing to drop.
  await dropAssumedMasterStates(name);

  let pushes = 0;
  const again = new AppDevice({
    baseUrl: server.url,
    name,
    viewerId: null,
    liveStream: false,
    onRequest: (method) => {
      if (method === 'POST') pushes++;
    },
  });
  await again.open();
  again.start();
  // Before, the upload side retried a refused push (401) for ever and the first sync never ended.
  await again.sync!.awaitInitial();
  await sleep(1_500);
  expect(pushes).toBe(0);
  const after = await again.db.posts.find().exec();
  expect(after.map((p) => p.id).sort()).toEqual([...published].sort());
  expect(after.every((p) => p.status === 'approved')).toBe(true);
  await again.stop();
}, 60_000);
