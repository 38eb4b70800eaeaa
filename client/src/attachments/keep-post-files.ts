import { useSyncExternalStore } from 'react';
import { estimateStorage } from '../settings/storage-budget';
import { POST_FILES_CACHE } from './post-files-cache-name';

/**
 * Keeping the files of posts on the device for offline reading (Settings › Storage, off until the
 * user turns it on: files cost mobile data). The page downloads the files of the posts this
 * device holds (so only what its user may read) into a cache the service worker answers
 * /api/attachments/<id> from, newest posts first, and stops before the storage budget; a file
 * whose post left the device leaves the cache. Sign-out empties the cache with the database.
 */
const KEY = 'parley.keepPostFiles';

const listeners = new Set<() => void>();
let current: boolean | null = null;

function snapshot(): boolean {
  if (current === null) {
    try {
      current = globalThis.localStorage?.getItem(KEY) === 'on';
    } catch {
      current = false;
    }
  }
  return current;
}

export function setKeepPostFiles(on: boolean): void {
  current = on;
  try {
    globalThis.localStorage?.setItem(KEY, on ? 'on' : 'off');
  } catch {
    // lasts for this visit
  }
  listeners.forEach((l) => l());
}

export function useKeepPostFiles(): [boolean, (on: boolean) => void] {
  return [
    useSyncExternalStore(
      (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      snapshot,
      snapshot,
    ),
    setKeepPostFiles,
  ];
}

export const postFileUrl = (id: string) => `/api/attachments/${encodeURIComponent(id)}`;

export interface WantedFile {
  id: string;
  size: number;
}

/**
 * What to fetch and what to drop: files already kept stay; new ones are taken in order (newest
 * posts first) while they fit under `room` bytes (null: no budget); kept files no post names any
 * more go. A file too big for the room left is passed over, so smaller ones after it may still fit.
 */
export function planKeeping(
  wanted: readonly WantedFile[],
  kept: ReadonlySet<string>,
  room: number | null,
): { fetch: WantedFile[]; drop: string[] } {
  const wantedIds = new Set(wanted.map((f) => f.id));
  const fetch: WantedFile[] = [];
  let left = room ?? Infinity;
  for (const file of wanted) {
    if (kept.has(file.id) || fetch.some((f) => f.id === file.id) || file.size > left) continue;
    fetch.push(file);
    left -= file.size;
  }
  return { fetch, drop: [...kept].filter((id) => !wantedIds.has(id)) };
}

const changed = new Set<() => void>();

/** Called after a pass changed what is kept, so Settings shows the new count. */
export function onKeptFilesChanged(listener: () => void): () => void {
  changed.add(listener);
  return () => changed.delete(listener);
}

/** Ids of the files in the cache. */
export async function keptFileIds(): Promise<Set<string>> {
  if (typeof caches === 'undefined') return new Set();
  const cache = await caches.open(POST_FILES_CACHE);
  const ids = (await cache.keys()).map((r) =>
    decodeURIComponent(new URL(r.url).pathname.split('/').pop() ?? ''),
  );
  return new Set(ids);
}

/**
 * One pass: drops files no held post names, then downloads missing ones one at a time while the
 * device stays under `budget` (the browser's estimate of everything Parley stores). Stops at the
 * first failure (offline, storage full): the next pass tries again. Returns how many it kept.
 */
export async function keepFiles(
  wanted: readonly WantedFile[],
  budget: number | null,
  stopped: () => boolean,
): Promise<number> {
  if (typeof caches === 'undefined') return 0;
  const cache = await caches.open(POST_FILES_CACHE);
  const usage = budget === null ? null : ((await estimateStorage())?.usage ?? null);
  const room = budget === null ? null : usage === null ? 0 : Math.max(0, budget - usage);
  const plan = planKeeping(wanted, await keptFileIds(), room);
  for (const id of plan.drop) await cache.delete(postFileUrl(id));
  let kept = 0;
  for (const file of plan.fetch) {
    if (stopped()) break;
    try {
      const response = await fetch(postFileUrl(file.id), { credentials: 'same-origin', cache: 'no-store' });
      // A refusal (the post was withdrawn meanwhile, say) is skipped, not kept.
      if (response.status !== 200) continue;
      if (stopped()) break; // signed out meanwhile: keep nothing more
      await cache.put(postFileUrl(file.id), response);
      kept++;
    } catch {
      break;
    }
  }
  if (kept > 0 || plan.drop.length > 0) changed.forEach((l) => l());
  return kept;
}

/** Sign-out: the files go with the database (another person may use the phone next). */
export async function forgetKeptFiles(): Promise<void> {
  if (typeof caches !== 'undefined') await caches.delete(POST_FILES_CACHE);
  changed.forEach((l) => l());
}
