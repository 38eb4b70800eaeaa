import type { Observable } from 'rxjs';
import type { Connectivity } from '../connectivity/connectivity';

// What the replication offers the rest of the app, apart from replication.ts: screens and the
// database context name these types without importing (or cycling back through) the replication.

export type SyncState = 'offline' | 'syncing' | 'synced';

/** Progress of a full re-sync ("Make this space available offline"). */
export interface FullSyncProgress {
  collection: string;
  /** Collections finished so far, of `total`. */
  done: number;
  total: number;
  /** Documents received from the server so far, per collection. */
  received: Record<string, number>;
}

export interface SyncHandle {
  state$: Observable<SyncState>;
  /** Time of the last successful exchange with the server (ms since epoch), or null. */
  lastSynced$: Observable<number | null>;
  connectivity: Connectivity;
  /** Pull every collection from its checkpoint now (after coming back online, for instance). */
  reSync(): void;
  /**
   * Pulls every collection again from the very start, page by page, through the replication's
   * own downstream (so RxDB resolves and stores it as master state, and never pushes it back),
   * then waits until every collection is in sync. Needs a connection: throws offline.
   */
  fullSync(onProgress: (p: FullSyncProgress) => void): Promise<FullSyncProgress>;
  cancel(): Promise<void>;
  /** For tests and e2e: resolves when every collection has pulled once (never offline). */
  awaitInitial(): Promise<void>;
  /** For tests: resolves once the posts of unfollowed spaces are removed (never offline). */
  pruned(): Promise<unknown>;
}
