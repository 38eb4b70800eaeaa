const ASKED_KEY = 'parley.storagePersistAsked';

/**
 * Asks the browser once to keep this site's storage under pressure (drafts and unsent posts
 * must not be evicted). Asked when the user first posts, when the browser is most likely to
 * grant it and the user understands why.
 */
export async function askPersistentStorageOnce(): Promise<boolean | null> {
  try {
    if (localStorage.getItem(ASKED_KEY) || !navigator.storage?.persist) return null;
    localStorage.setItem(ASKED_KEY, '1');
    return await navigator.storage.persist();
  } catch {
    return null;
  }
}
