import { VIEWER_HEADER } from '@parley/shared';
import {
  OUTBOX_MESSAGE,
  OUTBOX_RELEASE_MESSAGE,
  type OutboxMessage,
  type OutboxReleaseMessage,
} from '../pwa/messages';

/** What the service worker may replay: rows the device wrote itself (posts, moderators' decisions). */
export type QueuedCollection = 'posts' | 'moderation';

/**
 * The push request the replication of `collection` would send for one new row: same route, same
 * body (`[{ assumedMasterState: null, newDocumentState }]`, RxDB's internal fields removed), and
 * the same viewer claim: the user whose database the row was written in.
 */
export function pushRequestFor(
  collection: QueuedCollection,
  row: Record<string, unknown>,
  viewer: string,
): OutboxMessage {
  const { _meta: _m, _rev: _r, _attachments: _a, ...rest } = row;
  const newDocumentState = { ...rest, _deleted: false };
  return {
    type: OUTBOX_MESSAGE,
    url: `/api/sync/${collection}/push`,
    body: JSON.stringify([{ assumedMasterState: null, newDocumentState }]),
    viewer,
  };
}

/**
 * Background Sync (Chromium): hands a row written offline (a post, or a moderator's decision) to
 * the service worker, which queues the push request and lets the browser replay it once a
 * connection returns, even with every tab closed. The replication still delivers it from an open
 * tab; the server keeps one copy whatever arrives twice (both are idempotent by id). Without a
 * controlling service worker this does nothing (RxDB's retry remains).
 */
export function queueInServiceWorker(
  collection: QueuedCollection,
  row: Record<string, unknown>,
  viewer: string,
): boolean {
  const controller = globalThis.navigator?.serviceWorker?.controller;
  if (!controller) return false;
  controller.postMessage(pushRequestFor(collection, row, viewer));
  return true;
}

/**
 * Tells the service worker that `viewer` is signed in: the posts they queued that the server
 * refused while another person was signed in on this phone are sent now.
 */
export function releaseQueuedFor(viewer: string): void {
  const controller = globalThis.navigator?.serviceWorker?.controller;
  const message: OutboxReleaseMessage = { type: OUTBOX_RELEASE_MESSAGE, viewer };
  controller?.postMessage(message);
}

/**
 * Whom a queued push request speaks for: its VIEWER_HEADER, or for a request queued before the
 * claim was sent, the author of its rows (posts are written in their author's database only).
 * Null when it cannot be told.
 */
export function claimOf(headers: Headers | Record<string, string>, body: string): string | null {
  const header = headers instanceof Headers ? headers.get(VIEWER_HEADER) : headers[VIEWER_HEADER];
  if (header) return header;
  try {
    const rows = JSON.parse(body) as { newDocumentState?: { authorId?: unknown } }[];
    const authors = new Set(rows.map((row) => row.newDocumentState?.authorId));
    const [author] = authors;
    return authors.size === 1 && typeof author === 'string' && author !== '' ? author : null;
  } catch {
    return null;
  }
}

/** Workbox's IndexedDB store of queued requests (workbox-background-sync's QueueDb). */
const QUEUE_DATABASE = 'workbox-background-sync';
const QUEUE_STORE = 'requests';

/**
 * Forgets every push request queued on this device for `viewer` ("wipe this phone" at sign-out),
 * leaving other people's. Best effort: no database, or a broken one, is nothing to forget.
 */
export function forgetQueuedFor(viewer: string): Promise<void> {
  return new Promise<void>((resolve) => {
    if (typeof indexedDB === 'undefined') return resolve();
    const open = indexedDB.open(QUEUE_DATABASE);
    open.onerror = open.onblocked = () => resolve();
    open.onupgradeneeded = () => open.transaction?.abort(); // none yet: do not create it
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains(QUEUE_STORE)) {
        db.close();
        return resolve();
      }
      const tx = db.transaction(QUEUE_STORE, 'readwrite');
      const cursor = tx.objectStore(QUEUE_STORE).openCursor();
      cursor.onsuccess = () => {
        const at = cursor.result;
        if (!at) return;
        const value = at.value as { requestData?: { headers?: Record<string, string>; body?: ArrayBuffer } };
        const body = value.requestData?.body ? new TextDecoder().decode(value.requestData.body) : '';
        if (claimOf(value.requestData?.headers ?? {}, body) === viewer) at.delete();
        at.continue();
      };
      tx.oncomplete =
        tx.onerror =
        tx.onabort =
          () => {
            db.close();
            resolve();
          };
    };
  });
}
