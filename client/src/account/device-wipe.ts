import { drafts } from '../drafts/use-draft';
import { fileOutbox } from '../attachments/file-outbox';
import { forgetQueuedFor } from '../sync/background-sync';

/**
 * Caches that hold nothing personal and keep the app working offline: the precached app shell
 * and the content-hashed assets. Every other cache (attachments, images, API answers) may hold
 * someone's private text or files.
 */
const KEEP = [/^workbox-precache/, /^parley-assets-runtime$/];

const wiped = new Set<string>();

/** Whether `owner` chose to wipe at sign-out: then even their unsent writing goes with the database. */
export const wipedAtSignOut = (owner: string): boolean => wiped.has(owner);

/**
 * Removes this device's private copies beyond the signed-out user's database, which sign-out
 * always removes: `owner`'s drafts, the files and posts they queued, and runtime caches. Other people's drafts and queued posts on a
 * shared phone stay theirs: each is hidden from everyone else and sent only under their name.
 * Best effort: each part is tried even if another fails, and the sign-out goes ahead whatever
 * happens.
 */
export async function wipeDeviceData(owner: string): Promise<void> {
  wiped.add(owner);
  await Promise.allSettled([
    drafts.clear(owner),
    fileOutbox.clear(owner),
    forgetQueuedFor(owner),
    (async () => {
      if (typeof caches === 'undefined') return;
      for (const name of await caches.keys()) {
        if (!KEEP.some((re) => re.test(name))) await caches.delete(name);
      }
    })(),
  ]);
}
