import { useSyncExternalStore } from 'react';
import { FOLLOWED_SPACES_MAX } from '@parley/shared';

/**
 * Which spaces this device follows: their posts (and moderation log) are downloaded and kept for
 * reading offline. Every space stays listed (spaces and questions always sync in full); an
 * unfollowed one's posts are not downloaded, and those already here are removed.
 *
 * `'all'` (the default, and what every device did before) sends no filter: new spaces arrive as
 * they are created. Once the user unfollows a space the device keeps an explicit list, and a
 * space created later is listed but not followed until the user says so: the list is the user's
 * choice of what this phone carries (its storage budget), and it should not grow behind their
 * back. Following every listed space again returns to `'all'`.
 *
 * Stored in localStorage for the device (like data saver), and shared by its tabs: only the
 * leading tab replicates, so a change made in another tab reaches it through the `storage` event.
 */
export type FollowedSpaces = 'all' | readonly string[];

const KEY = 'parley.followedSpaces';

export function parseFollowed(stored: string | null | undefined): FollowedSpaces {
  if (!stored) return 'all';
  try {
    const value = JSON.parse(stored) as unknown;
    if (Array.isArray(value) && value.every((id) => typeof id === 'string'))
      return [...new Set(value)].sort();
  } catch {
    // unreadable: back to the default
  }
  return 'all';
}

export function loadFollowed(): FollowedSpaces {
  try {
    return parseFollowed(globalThis.localStorage?.getItem(KEY));
  } catch {
    return 'all';
  }
}

export const isFollowed = (followed: FollowedSpaces, spaceId: string): boolean =>
  followed === 'all' || followed.includes(spaceId);

/**
 * The set after following (or unfollowing) one space, given every space the device lists. Ids of
 * spaces no longer listed are dropped; following every listed space again is `'all'`.
 */
export function withFollowing(
  followed: FollowedSpaces,
  spaceId: string,
  follow: boolean,
  listed: readonly string[],
): FollowedSpaces {
  const current = followed === 'all' ? listed : followed;
  const next = new Set(current.filter((id) => listed.includes(id)));
  if (follow) next.add(spaceId);
  else next.delete(spaceId);
  if (listed.every((id) => next.has(id))) return 'all';
  return [...next].sort();
}

/**
 * What a pull or stream asks for: null = every space (no parameter, as before). A list longer
 * than the server takes falls back to every space: more data, but nothing missing.
 */
export function spacesFilter(followed: FollowedSpaces): readonly string[] | null {
  if (followed === 'all' || followed.length > FOLLOWED_SPACES_MAX) return null;
  return followed;
}

const listeners = new Set<() => void>();
let current: FollowedSpaces | null = null;

export function setFollowed(next: FollowedSpaces): void {
  current = next;
  try {
    if (next === 'all') globalThis.localStorage?.removeItem(KEY);
    else globalThis.localStorage?.setItem(KEY, JSON.stringify(next));
  } catch {
    // lasts for this visit
  }
  listeners.forEach((l) => l());
}

function snapshot(): FollowedSpaces {
  current ??= loadFollowed();
  return current;
}

function onStorage(event: StorageEvent): void {
  if (event.key !== KEY && event.key !== null) return;
  const next = loadFollowed();
  // Same contents, same snapshot: React re-renders (and the replication restarts) only on a change.
  if (JSON.stringify(next) === JSON.stringify(current)) return;
  current = next;
  listeners.forEach((l) => l());
}

function subscribe(listener: () => void): () => void {
  if (listeners.size === 0) globalThis.addEventListener?.('storage', onStorage);
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) globalThis.removeEventListener?.('storage', onStorage);
  };
}

export function useFollowedSpaces(): FollowedSpaces {
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}
