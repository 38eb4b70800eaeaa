/// <reference lib="webworker" />
/**
 * Parley's service worker (vite-plugin-pwa, injectManifest). What it does, and nothing more:
 *
 * 1. Precache: the app shell, i.e. every file of the build (HTML, JS and CSS chunks, icons,
 *    message catalogues, manifest), revisioned by the build. Served cache-first, updated only when
 *    a new service worker is activated, which waits for the user's consent (SKIP_WAITING below).
 * 2. Navigations: any app URL (/s/…/q/…, /drafts) answers with the precached index.html, online
 *    or offline. /api/* is never a navigation target and never answered from a cache.
 * 3. Runtime caching, one rule: same-origin GET /assets/* that is not in the precache (a lazy
 *    chunk of an older build that an open page still asks for after an update) → CacheFirst,
 *    cache "parley-assets-runtime", at most 60 entries, 30 days. /api is not routed at all: data
 *    lives in RxDB on the device, and the HTTP cache of the SW never holds any of it.
 * 4. Background Sync (where the browser has it: Chromium): a post written while offline is also
 *    queued here as the exact push request the replication would send (same post id, same body).
 *    The browser replays it when the connection returns, even if every tab of Parley is closed.
 *    The page's replication may deliver the same post too: the server treats the second push of
 *    a post as a no-op (pushes are idempotent by id), so the post exists exactly once.
 */
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CacheFirst } from 'workbox-strategies';
import { ExpirationPlugin } from 'workbox-expiration';
import { Queue } from 'workbox-background-sync';
import { clientsClaim } from 'workbox-core';
import { OUTBOX_MESSAGE, SKIP_WAITING_MESSAGE, type OutboxMessage } from './pwa/messages';

declare const self: ServiceWorkerGlobalScope;

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: [/^\/api(\/|$)/] }));

registerRoute(
  ({ url, request }) =>
    url.origin === self.location.origin && url.pathname.startsWith('/assets/') && request.method === 'GET',
  new CacheFirst({
    cacheName: 'parley-assets-runtime',
    plugins: [new ExpirationPlugin({ maxEntries: 60, maxAgeSeconds: 30 * 24 * 60 * 60 })],
  }),
);

/** Replayed by the browser's `sync` event; kept a week (a phone may stay offline for days). */
const outbox = new Queue('parley-outbox', { maxRetentionTime: 7 * 24 * 60 });

// The first service worker takes the open page at once; a new version waits for the user.
clientsClaim();

self.addEventListener('message', (event: ExtendableMessageEvent) => {
  const data = event.data as { type?: string } | null;
  if (data?.type === SKIP_WAITING_MESSAGE) {
    void self.skipWaiting();
    return;
  }
  if (data?.type === OUTBOX_MESSAGE) {
    const { url, body } = data as OutboxMessage;
    event.waitUntil(
      outbox.pushRequest({
        request: new Request(new URL(url, self.location.origin).href, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body,
        }),
      }),
    );
  }
});
