import { useEffect, useRef, useState, type ReactNode } from 'react';
import { DataContext, type Connection, type DataValue } from '../db/context';
import type { ParleyDatabase } from '../db/database';
import { holdsUnsent } from '../db/unsent';
import { wipedAtSignOut } from '../account/device-wipe';
import { forgetKeptFiles } from '../attachments/keep-post-files';
import type { SyncHandle } from '../sync/sync-types';
import { useDataSaver } from '../settings/data-saver';
import { spacesFilter, useFollowedSpaces } from '../settings/followed-spaces';
import { backoffDelay } from '../connectivity/backoff';
import { afterNextPaint } from './after-paint';

/**
 * Opening and closing databases is serialized: a database is fully closed before the next one
 * opens (RxDB allows 13 open collections per page, and the same name may not be open twice).
 */
let lifecycle: Promise<void> = Promise.resolve();
function serially(step: () => Promise<void>): void {
  lifecycle = lifecycle.then(step).catch((error: unknown) => console.error('Database lifecycle', error));
}

type DataLayer = typeof import('./data-layer');
let dataLayer: Promise<DataLayer> | undefined;

/** Longest wait between two attempts to load the data layer. */
const RETRY_MAX_MS = 30_000;

/**
 * RxDB, its storage and the replication are a chunk of their own, fetched and run once the first
 * screen has painted: on a slow phone the page's heading shows before their code competes with
 * the first render for the link and the main thread. A link cut during that fetch is retried
 * (about 1 s, 2 s, 4 s… at most 30 s apart: connectivity/backoff.ts) until it arrives: the app is
 * nothing without it, and Chromium fetches a module that failed again (whatwg/html#10327).
 */
function loadDataLayer(): Promise<DataLayer> {
  dataLayer ??= afterNextPaint().then(async () => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await import('./data-layer');
      } catch (error) {
        console.warn('Could not load the data layer; trying again', error);
        const wait = backoffDelay(attempt, { baseMs: 1_000, maxMs: RETRY_MAX_MS, jitter: 0.5 });
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
  });
  return dataLayer;
}

const browserOnline = () => typeof navigator === 'undefined' || navigator.onLine !== false;

/**
 * The viewer's database and its replication. Signed out: `parley-anon`; signed in: one database
 * per user. When a user signs out, their database is removed from the device, unless it holds
 * writing not yet sent.
 */
export function DataProvider({
  viewerId,
  moderator,
  admin = false,
  signedOutId,
  onViewerChanged,
  children,
}: {
  viewerId: string | null;
  moderator: boolean;
  /** Administrators push the spaces and questions they edit (the organiser screens). */
  admin?: boolean;
  /** The user who just signed out on purpose (their data is deleted), else null. */
  signedOutId: string | null;
  /** The server says the session is someone else's now (see startSync). */
  onViewerChanged?: () => void;
  children: ReactNode;
}) {
  const [attempt, setAttempt] = useState(0);
  const [value, setValue] = useState<DataValue>({
    db: null,
    connection: browserOnline() ? 'syncing' : 'offline',
    failed: false,
    reopen: () => setAttempt((n) => n + 1),
    lastSyncedAt: null,
    sync: null,
  });
  const [dataSaver] = useDataSaver();
  const followedSpaces = spacesFilter(useFollowedSpaces());
  const signedOut = useRef(signedOutId);
  signedOut.current = signedOutId;
  const viewerChanged = useRef(onViewerChanged);
  viewerChanged.current = onViewerChanged;

  useEffect(() => {
    let cancelled = false;
    let db: ParleyDatabase | undefined;
    let sync: SyncHandle | undefined;
    let unsubscribe = () => undefined as void;

    const layer = loadDataLayer();
    serially(async () => {
      if (cancelled) return;
      // A new attempt takes the alert down, so that a second failure is announced again.
      setValue((v) => (v.failed ? { ...v, failed: false } : v));
      try {
        const { databaseNameFor, openDatabase } = await layer;
        db = await openDatabase(databaseNameFor(viewerId));
      } catch (error) {
        console.error('Could not open the database', error);
        setValue((v) => ({ ...v, db: null, failed: true }));
        return;
      }
      if (cancelled) return; // the cleanup queued behind this step closes it
      const { startSync } = await layer;
      sync = startSync(db, {
        moderator,
        admin,
        dataSaver,
        followedSpaces,
        viewerId,
        onViewerChanged: () => viewerChanged.current?.(),
      });
      const opened = db;
      const actions = sync;
      const subscription = sync.state$.subscribe((connection: Connection) =>
        setValue((v) => ({ ...v, db: opened, connection, failed: false, sync: actions })),
      );
      subscription.add(
        sync.lastSynced$.subscribe((lastSyncedAt) => setValue((v) => ({ ...v, lastSyncedAt }))),
      );
      unsubscribe = () => subscription.unsubscribe();
      setValue((v) => ({ ...v, db: opened, failed: false, sync: actions }));
    });

    return () => {
      cancelled = true;
      setValue((v) => ({ ...v, db: null, sync: null }));
      serially(async () => {
        unsubscribe();
        await sync?.cancel();
        // Signed out on purpose: the database goes, unless it holds writing the server has not
        // received (and its author did not choose to wipe); it is then sent at their next sign-in.
        const remove =
          viewerId !== null &&
          signedOut.current === viewerId &&
          (wipedAtSignOut(viewerId) || !(db && (await holdsUnsent(db).catch(() => false))));
        await db?.close();
        // Kept post files are the signed-out person's too, whatever stays in the database.
        if (viewerId !== null && signedOut.current === viewerId)
          await forgetKeptFiles().catch(() => undefined);
        if (viewerId && remove) {
          const { databaseNameFor, removeDatabase } = await layer;
          await removeDatabase(databaseNameFor(viewerId));
        }
      });
    };
    // Data saver changes the pull batch size, and the followed spaces what it pulls: the
    // replication restarts with them (followedSpaces is the same array until the set changes).
  }, [viewerId, moderator, admin, dataSaver, followedSpaces, attempt]);

  return <DataContext.Provider value={value}>{children}</DataContext.Provider>;
}
