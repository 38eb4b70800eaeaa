import type { CollectionName } from '@parley/shared';
import type { Logger } from 'pino';

/**
 * Tells open streams that a collection has new committed rows. Only the collection name travels:
 * each group of streams (one per visibility scope) re-runs its own visibility-filtered pull, so
 * nothing private is broadcast.
 * In-process for now; PostgreSQL LISTEN/NOTIFY can implement the same interface for several
 * instances.
 */
export interface ChangeNotifier {
  notify(collection: CollectionName): void;
  /** Returns the function that unsubscribes. */
  subscribe(collection: CollectionName, listener: () => void): () => void;
  /** Releases connections, where the notifier holds any. */
  close?(): Promise<void>;
}

export function inProcessChanges(logger?: Logger): ChangeNotifier {
  const listeners = new Map<CollectionName, Set<() => void>>();
  return {
    notify(collection) {
      for (const listener of listeners.get(collection) ?? []) {
        try {
          listener();
        } catch (err) {
          logger?.error({ err }, 'change listener failed');
        }
      }
    },
    subscribe(collection, listener) {
      let set = listeners.get(collection);
      if (!set) listeners.set(collection, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
  };
}
