import type { Post } from '@parley/shared';
import { OUTBOX_MESSAGE, type OutboxMessage } from '../pwa/messages';

/**
 * The push request the posts replication would send for one new post: same route, same body
 * (`[{ assumedMasterState: null, newDocumentState }]`, RxDB's internal fields removed).
 */
export function pushRequestFor(post: Post & Record<string, unknown>): OutboxMessage {
  const { _meta: _m, _rev: _r, _attachments: _a, ...rest } = post;
  const newDocumentState = { ...rest, _deleted: false };
  return {
    type: OUTBOX_MESSAGE,
    url: '/api/sync/posts/push',
    body: JSON.stringify([{ assumedMasterState: null, newDocumentState }]),
  };
}

/**
 * Background Sync (Chromium): hands a post written offline to the service worker, which queues
 * the push request and lets the browser replay it once a connection returns, even with every tab
 * closed. The replication still delivers it from an open tab; the server keeps one copy whatever
 * arrives twice. Without a controlling service worker this does nothing (RxDB's retry remains).
 */
export function queueInServiceWorker(post: Post & Record<string, unknown>): boolean {
  const controller = globalThis.navigator?.serviceWorker?.controller;
  if (!controller) return false;
  controller.postMessage(pushRequestFor(post));
  return true;
}
