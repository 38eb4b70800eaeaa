import { drafts } from '../../drafts/use-draft';

/**
 * Caches that hold nothing personal and keep the app working offline: the precached app shell
 * and the content-hashed assets. Every other cache (attachments, images, API answers) may hold
 * someone's private text or files.
 */
const KEEP = [/^workbox-precache/, /^parley-assets-runtime$/];

/** IndexedDB databases besides RxDB's (removed at every sign-out) that hold private text. */
const PRIVATE_DATABASES = ['workbox-background-sync'];

/**
 * Removes this device's private copies beyond the signed-out user's database, which sign-out
 * always removes: drafts, queued requests and runtime caches. Best effort: each part is tried
 * even if another fails, and the sign-out goes ahead whatever happens.
 */
export async function wipeDeviceData(): Promise<void> {
  await Promise.allSettled([
    drafts.clear(),
    (async () => {
      if (typeof caches === 'undefined') return;
      for (const name of await caches.keys()) {
        if (!KEEP.some((re) => re.test(name))) await caches.delete(name);
      }
    })(),
    ...PRIVATE_DATABASES.map(
      (name) =>
        new Promise<void>((resolve) => {
          const request = indexedDB.deleteDatabase(name);
          request.onsuccess = request.onerror = request.onblocked = () => resolve();
        }),
    ),
  ]);
}
