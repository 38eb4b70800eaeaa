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
 * 4. Kept files, the one /api route: same-origin GET /api/attachments/<id> whose URL is in the
 *    page's cache "parley-space-documents" (public space documents it chose to keep) or
 *    "parley-post-files" (files of posts the signed-in user's device holds, kept when they chose
 *    so in Settings; emptied at sign-out with the database) → that copy; otherwise → the network,
 *    as if unrouted. So a kept file opened in a new tab (or any fetch of it) works offline. Only
 *    the page puts files there; a file's bytes never change for an id. The SW writes nothing and
 *    reads no other cache.
 * 5. Background Sync (where the browser has it: Chromium): a post or a moderator's decision written
 *    while offline is also queued here as the exact push request the replication would send (same
 *    id, same body).
 *    The browser replays it when the connection returns, even if every tab of Parley is closed.
 *    The page's replication may deliver the same row too: the server treats the second push of
 *    a row as a no-op (pushes are idempotent by id), so it exists exactly once.
 * 6. Shared phones: every queued push names the user it was written as (VIEWER_HEADER), so the
 *    server never takes it as the session's. A push the server refuses because someone else is
 *    signed in now (viewer_changed, viewer_claim_required, unauthenticated) is never dropped: it
 *    moves to a second queue, "parley-outbox-held", which replays only when the page says that its
 *    user is signed in again (OUTBOX_RELEASE_MESSAGE); nothing retries it in a loop meanwhile.
 * 7. Web Push (Settings → "Notifications on this device"): the server sends `{ title, body, url,
 *    tag }` (PushPayload in @parley/shared) when a reply to the person is published, and to
 *    moderators when posts wait. The SW shows it; a click opens `url` (a path of this app) in a
 *    Parley tab that is already open, else in a new one.
 */
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CacheFirst } from 'workbox-strategies';
import { ExpirationPlugin } from 'workbox-expiration';
import { Queue } from 'workbox-background-sync';
import { clientsClaim } from 'workbox-core';
import { VIEWER_HEADER } from '@parley/shared';
import {
  OUTBOX_MESSAGE,
  OUTBOX_RELEASE_MESSAGE,
  SKIP_WAITING_MESSAGE,
  type OutboxMessage,
  type OutboxReleaseMessage,
} from './pwa/messages';
import { claimOf } from './sync/background-sync';
import { SPACE_DOCUMENTS_CACHE } from './space-documents/cache-name';
import { POST_FILES_CACHE } from './attachments/post-files-cache-name';

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
    // Only these caches (match with cacheName never creates one): the page fills them. Vary is
    // moot: the bytes of an id never change.
    const kept =
      (await caches.match(request.url, { cacheName: SPACE_DOCUMENTS_CACHE, ignoreVary: true })) ??
      (await caches.match(request.url, { cacheName: POST_FILES_CACHE, ignoreVary: true }));
    return kept ?? fetch(request);
  },
);

/** Replays, releases and the `sync` event one after another: an entry is never taken twice. */
let chain: Promise<void> = Promise.resolve();
function serially(step: () => Promise<void>): Promise<void> {
  const run = chain.then(step);
  chain = run.catch(() => undefined);
  return run;
}

/** Kept a week (a phone may stay offline for days), in both queues. */
const RETENTION_MINUTES = 7 * 24 * 60;

/** Replayed by the browser's `sync` event (and at once when a user is signed in on the page). */
const outbox = new Queue('parley-outbox', {
  maxRetentionTime: RETENTION_MINUTES,
  onSync: () => serially(replay),
});
/**
 * Pushes refused because another person was signed in. No Background Sync registration (a
 * registration fired while the other person stays signed in would replay them in a loop): they
 * move back to the outbox when their user is signed in again (release()).
 */
const held = new Queue('parley-outbox-held', {
  maxRetentionTime: RETENTION_MINUTES,
  forceSyncFallback: true,
  onSync: () => Promise.resolve(),
});

/** The server's refusals that mean "not this session's", not "never": the push waits for its user. */
const NOT_THIS_SESSION = new Set(['viewer_changed', 'viewer_claim_required', 'unauthenticated']);

async function errorCode(response: Response): Promise<string | null> {
  try {
    const body = (await response.json()) as { error?: { code?: unknown } };
    return typeof body.error?.code === 'string' ? body.error.code : null;
  } catch {
    return null;
  }
}

/** The request with its viewer claim: one queued before the claim existed gets its author's. */
async function withClaim(request: Request): Promise<Request> {
  if (request.headers.has(VIEWER_HEADER)) return request;
  const claim = claimOf(request.headers, await request.clone().text());
  if (!claim) return request;
  const headers = new Headers(request.headers);
  headers.set(VIEWER_HEADER, claim);
  return new Request(request.clone(), { headers }); // a clone: the entry itself stays readable
}

/**
 * Workbox's replay, except that an answer is read: sent (2xx) → done; no connection, a server
 * error or a rate limit → back at the head of the queue and the browser retries later; refused
 * for this session → held for its user; any other refusal cannot succeed by retrying → dropped
 * (as Workbox does; the author's device learns the refusal through its replication).
 */
async function replay(): Promise<void> {
  for (let entry = await outbox.shiftRequest(); entry; entry = await outbox.shiftRequest()) {
    const request = await withClaim(entry.request);
    let response: Response;
    try {
      response = await fetch(request.clone());
    } catch (error) {
      await outbox.unshiftRequest(entry);
      throw error;
    }
    if (response.ok) continue;
    if (response.status >= 500 || response.status === 429) {
      await outbox.unshiftRequest(entry);
      throw new Error(`replay answered ${response.status}`);
    }
    const code = await errorCode(response);
    if (code !== null && NOT_THIS_SESSION.has(code)) await held.pushRequest({ ...entry, request });
  }
}

/** `viewer` is signed in on a page: their held pushes go back to the outbox, in their order. */
async function release(viewer: string): Promise<void> {
  const others = [];
  for (let entry = await held.shiftRequest(); entry; entry = await held.shiftRequest()) {
    const claim = claimOf(entry.request.headers, await entry.request.clone().text());
    if (claim === viewer) await outbox.pushRequest(entry);
    else others.push(entry);
  }
  for (const entry of others) await held.pushRequest(entry);
}

// The first service worker takes the open page at once; a new version waits for the user.
clientsClaim();

self.addEventListener('message', (event: ExtendableMessageEvent) => {
  const data = event.data as { type?: string } | null;
  if (data?.type === SKIP_WAITING_MESSAGE) {
    void self.skipWaiting();
    return;
  }
  if (data?.type === OUTBOX_MESSAGE) {
    const { url, body, viewer } = data as OutboxMessage;
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/json',
    };
    // An older page sends no viewer: the replay then names the post's author (withClaim).
    if (typeof viewer === 'string' && viewer !== '') headers[VIEWER_HEADER] = viewer;
    event.waitUntil(
      outbox.pushRequest({
        request: new Request(new URL(url, self.location.origin).href, {
          method: 'POST',
          credentials: 'same-origin',
          headers,
          body,
        }),
      }),
    );
    return;
  }
  if (data?.type === OUTBOX_RELEASE_MESSAGE) {
    const { viewer } = data as OutboxReleaseMessage;
    if (typeof viewer !== 'string' || viewer === '') return;
    // A foreground replay too (the design's retry where Background Sync is missing): offline, the
    // entries go back to the queue and its sync registration replays them later.
    event.waitUntil(
      serially(() => release(viewer))
        .then(() => serially(replay))
        .catch(() => undefined),
    );
  }
});

/** A path of this app, never another origin ("//host" included): else the notifications. */
const appPath = (url: unknown): string =>
  typeof url === 'string' && url.startsWith('/') && !url.startsWith('//') ? url : '/notifications';

self.addEventListener('push', (event: PushEvent) => {
  let data: { title?: unknown; body?: unknown; url?: unknown; tag?: unknown } = {};
  try {
    data = (event.data?.json() ?? {}) as typeof data;
  } catch {
    // Not JSON: the notification still says it is Parley.
  }
  const title = typeof data.title === 'string' && data.title !== '' ? data.title : 'Parley';
  event.waitUntil(
    self.registration.showNotification(title, {
      body: typeof data.body === 'string' ? data.body : '',
      ...(typeof data.tag === 'string' && data.tag !== '' ? { tag: data.tag } : {}),
      icon: '/icon-192.png',
      data: { url: appPath(data.url) },
    }),
  );
});

self.addEventListener('notificationclick', (event: NotificationEvent) => {
  event.notification.close();
  const target = new URL(
    appPath((event.notification.data as { url?: unknown } | null)?.url),
    self.location.origin,
  ).href;
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      for (const client of windows) {
        if (new URL(client.url).origin !== self.location.origin) continue;
        try {
          await client.focus();
          await client.navigate(target);
          return;
        } catch {
          // Not controlled by this worker (or gone): open a new tab instead.
        }
      }
      await self.clients.openWindow(target);
    })(),
  );
});
