/**
 * A space's documents kept on the device, in Cache Storage (not the service worker's caches: the
 * page decides what to keep, and only public files ever go here). A document's bytes never
 * change (its id is its upload), so a cached copy is always right, online or offline. The service
 * worker answers /api/attachments/<id> from this cache too, so the link opened in a new tab works.
 */
import { SPACE_DOCUMENTS_CACHE as CACHE_NAME } from './cache-name';

export const documentUrl = (id: string) => `/api/attachments/${encodeURIComponent(id)}`;

export const canKeepOffline = (): boolean => typeof globalThis.caches !== 'undefined';

const listeners = new Set<() => void>();

/** Called whenever a document was saved, so every list showing it updates its status. */
export function onDocumentsCached(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Which of these documents are on the device. */
export async function cachedDocumentIds(ids: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  if (!canKeepOffline() || ids.length === 0) return found;
  const cache = await caches.open(CACHE_NAME);
  for (const id of ids) if (await cache.match(documentUrl(id))) found.add(id);
  return found;
}

const saving = new Map<string, Promise<boolean>>();

/** Downloads a document into the cache unless it is there; false when that failed (offline). */
export function keepOffline(id: string): Promise<boolean> {
  let run = saving.get(id);
  if (!run) {
    run = (async () => {
      if (!canKeepOffline()) return false;
      const cache = await caches.open(CACHE_NAME);
      if (await cache.match(documentUrl(id))) return true;
      const response = await fetch(documentUrl(id), { credentials: 'same-origin', cache: 'no-store' });
      if (!response.ok) return false;
      await cache.put(documentUrl(id), response);
      listeners.forEach((listener) => listener());
      return true;
    })()
      .catch(() => false)
      .finally(() => saving.delete(id));
    saving.set(id, run);
  }
  return run;
}

/**
 * Saves the cached copy under its name, as the link would have downloaded it: an object URL of
 * the stored bytes, with the type the server sniffed. False when there is no cached copy.
 */
export async function saveCachedDocument(id: string, name: string): Promise<boolean> {
  if (!canKeepOffline()) return false;
  const cached = await (await caches.open(CACHE_NAME)).match(documentUrl(id));
  if (!cached) return false;
  const url = URL.createObjectURL(await cached.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has read the URL once the download started; free the bytes a little later.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return true;
}
