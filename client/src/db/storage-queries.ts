import { useLive } from './context';

/** How many posts the device holds for one space (live; what Settings shows per followed space). */
export function useStoredPostCount(spaceId: string): number | undefined {
  return useLive((db) => db.posts.count({ selector: { spaceId } }).$, [spaceId]);
}

/** How many posts the device holds in all (live; a change re-reads the storage estimate). */
export function useStoredPostTotal(): number | undefined {
  return useLive((db) => db.posts.count().$, []);
}
