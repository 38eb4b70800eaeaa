/// <reference lib="webworker" />
/**
 * Parley's service worker (vite-plugin-pwa, injectManifest). What it does, and nothing more:
 *
 * 1. Precache: the app shell, i.e. every file of the build (HTML, JS and CSS chunks, icons,
 *    message catalogues, manifest), revisioned by the build. Served cache-first, updated only when
 *    a new service worker is activated, which waits for the user's consent (SKIP_WAITING below).
 * 2. Navigations: any app URL (/s/…/q/…, /drafts) answers with the precached index.html, online
 *    or offline. /api/* is never a navigation target and never answered from a cache (but see 4).
 * 3. Runtime caching, one rule: same-origin GET /assets/* that is not in the precache (a lazy
 *    chunk of an older build that an open page still asks for after an update) → CacheFirst,
 *    cache "parley-assets-runtime", at most 60 entries, 30 days. The SW never caches anything of
 *    /api: data lives in RxDB on the device.
 * 4. Kept space documents, the one /api route: same-origin GET /api/attachments/<id> whose URL is
 *    in the page's cache "parley-space-documents" → that copy; otherwise → the network, as if
 *    unrouted. So a kept document opened in a new tab (or any fetch of it) works offline. Safe:
 *    only the page puts files there, and only public space documents it chose to keep (post
 *    attachments can be private and are never in it); a document's bytes never change for an id.
 *    The SW writes nothing and reads no other cache.
 * 5. Background Sync (where the browser has it: Chromium): a post written while offline is also
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
import { SPACE_DOCUMENTS_CACHE } from './features/space-documents/cache-name';

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

registerRoute(
  ({ url, request }) =>
    url.origin === self.location.origin &&
    request.method === 'GET' &&
    /^\/api\/attachments\/[^/]+$/.test(url.pathname),
  async ({ request }) => {
    // Only this cache (match with cacheName never creates it): the page fills it with public space
    // documents, nothing else. Vary is moot: the bytes of an id never change.
    const kept = await caches.match(request.url, { cacheName: SPACE_DOCUMENTS_CACHE, ignoreVary: true });
    return kept ?? fetch(request);
  },
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
