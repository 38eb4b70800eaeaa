import { createContext, useContext, useEffect, useState } from 'react';
import type { Observable } from 'rxjs';
import type { FullSyncProgress, SyncState } from '../sync/sync-types';
import type { ParleyDatabase } from './database';

export type Connection = SyncState;

/** What screens may ask of the replication (they know nothing else about it). */
export interface SyncActions {
  reSync(): void;
  fullSync(onProgress: (p: FullSyncProgress) => void): Promise<FullSyncProgress>;
}

export interface DataValue {
  /** Null while the viewer's database opens (a few tens of milliseconds). */
  db: ParleyDatabase | null;
  connection: Connection;
  /** Set when the device cannot open its database (storage disabled, full or broken). */
  failed: boolean;
  /** Tries to open the database again (after the user freed some space, say). */
  reopen: () => void;
  /** Last successful exchange with the server (ms since epoch), kept across reloads. */
  lastSyncedAt: number | null;
  sync: SyncActions | null;
}

export const DataContext = createContext<DataValue>({
  db: null,
  connection: 'offline',
  failed: false,
  reopen: () => undefined,
  lastSyncedAt: null,
  sync: null,
});

export function useData(): DataValue {
  return useContext(DataContext);
}

/** Whether the device has a usable connection to the server right now. */
export function useOnline(): boolean {
  return useData().connection !== 'offline';
}

/**
 * Subscribes to a reactive query of the viewer's database. `undefined` while loading (or while
 * the database opens); the query re-runs when `deps` change.
 */
export function useLive<T>(
  make: (db: ParleyDatabase) => Observable<T> | null,
  deps: readonly unknown[],
): T | undefined {
  const { db } = useData();
  const [state, setState] = useState<{ key: unknown[]; value: T } | undefined>(undefined);
  const key = [db, ...deps];
  useEffect(() => {
    if (!db) return;
    const source = make(db);
    if (!source) return;
    const subscription = source.subscribe((value) => setState({ key, value }));
    return () => subscription.unsubscribe();
    // `make` is a fresh closure each render; `key` holds what it depends on.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, key);
  // A result computed for other deps is stale: report loading rather than show the wrong thing.
  if (!state || state.key.length !== key.length || state.key.some((k, i) => !Object.is(k, key[i])))
    return undefined;
  return state.value;
}
