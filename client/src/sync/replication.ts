import { BehaviorSubject, combineLatest, map, Observable, Subject } from 'rxjs';
import { distinctUntilChanged } from 'rxjs/operators';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import type { RxCollection, RxReplicationPullStreamItem, WithDeleted } from 'rxdb';
import {
  ANONYMOUS_VIEWER,
  ECHO_HEADER,
  ECHO_STORED,
  VIEWER_HEADER,
  VIEWER_PARAM,
  type Checkpoint,
  PER_SPACE_COLLECTIONS,
  type CollectionName,
  type Moderation,
  type Post,
  type PullResponse,
} from '@parley/shared';
import { ApiError, request, type HttpOptions } from '../api/http';
import type { ParleyDatabase } from '../db/database';
import type { FullSyncProgress, SyncHandle, SyncState } from './sync-types';
import { Connectivity } from '../connectivity/connectivity';
import { eventStream, type StreamOptions } from './stream';
import { queueInServiceWorker, releaseQueuedFor, type QueuedCollection } from './background-sync';
import { reportOnce } from '../errors/report';

export interface SyncOptions extends HttpOptions, StreamOptions {
  /** Moderators also replicate the moderation log of their spaces. */
  moderator: boolean;
  /**
   * Administrators (organisers) also push spaces and questions they write on the device; for
   * everyone else those collections only pull (the server would refuse them anyway).
   */
  admin?: boolean;
  retryTimeMs?: number;
  /** Data saver: smaller pull batches (PULL_BATCH_SAVER instead of PULL_BATCH). */
  dataSaver?: boolean;
  /** Whether the server is reachable; one per database, made here when not given. */
  connectivity?: Connectivity;
  /**
   * Whose database this is (user id, null when signed out). Every request names it, and the
   * server refuses to fill it for another session (`viewer_changed`): then onViewerChanged runs,
   * so the app can ask who is signed in and switch databases, and RxDB retries meanwhile.
   */
  viewerId?: string | null;
  onViewerChanged?: () => void;
  /**
   * The spaces this device follows (settings/followed-spaces.ts); null or absent = all. Posts and
   * the moderation log are pulled and streamed for these only (`?spaces=`), and what the device
   * holds of other spaces is removed, except writing the server has not received.
   */
  followedSpaces?: readonly string[] | null;
}

/**
 * Each page costs a round trip (300 ms on 3G) before its first byte: 1,000 posts (~300 KB
 * gzipped, the server's PULL_LIMIT_MAX) keep a 10,000-post first sync to 10 of them instead of 50.
 * RxDB fetches the next page while it stores the previous one.
 */
export const PULL_BATCH = 1_000;
export const PULL_BATCH_SAVER = 50;
export const PUSH_BATCH = 20;

function isOnline(): boolean {
  return typeof navigator === 'undefined' || navigator.onLine !== false;
}

/** The server cannot be reached (no network, or a gateway in front of a server that is down). */
function isUnreachable(error: unknown): boolean {
  return error instanceof ApiError && (error.code === 'network' || [502, 503, 504].includes(error.status));
}

const LAST_SYNCED_KEY = 'parley.lastSynced.';
function storedLastSynced(name: string): number | null {
  try {
    const v = Number(globalThis.localStorage?.getItem(LAST_SYNCED_KEY + name));
    return Number.isFinite(v) && v > 0 ? v : null;
  } catch {
    return null;
  }
}

/**
 * One RxDB replication per collection over the HTTP routes of DESIGN.md. RxDB keeps the outbox
 * (unpushed local writes) and the checkpoint; these handlers only move JSON.
 *
 * - posts and moderation (moderators only) push; spaces and questions push for administrators
 *   only (the organiser screens), and only pull for everyone else.
 * - posts and moderation listen to their server stream. Spaces and questions change rarely
 *   (organisers edit them): they re-pull whenever the posts stream (re)connects, which saves two
 *   of the browser's six HTTP/1.1 connections per origin.
 * - Conflicts: master wins (RxDB's default handler), which is how a refused post comes back
 *   with `status: 'rejected'` and its refusal while the author keeps the text, and how an
 *   organiser's edit of a space changed meanwhile on another device gives way to the server's.
 */
export function startSync(db: ParleyDatabase, options: SyncOptions): SyncHandle {
  const viewer = options.viewerId === undefined ? undefined : (options.viewerId ?? ANONYMOUS_VIEWER);
  const http: HttpOptions = {
    baseUrl: options.baseUrl,
    fetch: options.fetch,
    headers: viewer === undefined ? undefined : { [VIEWER_HEADER]: viewer },
  };
  const connectivity =
    options.connectivity ??
    new Connectivity({ healthUrl: `${options.baseUrl ?? ''}/api/health`, initiallyOnline: isOnline() });
  const reachable$ = new BehaviorSubject<boolean>(connectivity.current === 'online');
  const offConnectivity = connectivity.subscribe((s) => reachable$.next(s === 'online'));
  const lastSynced$ = new BehaviorSubject<number | null>(storedLastSynced(db.name));
  const postsOpened$ = new Subject<RxReplicationPullStreamItem<unknown, Checkpoint>>();
  /** Full re-sync pages are fed here, into each collection's pull stream. */
  const fullPull$: Partial<
    Record<CollectionName, Subject<RxReplicationPullStreamItem<unknown, Checkpoint>>>
  > = {};
  const pullBatch = options.dataSaver ? PULL_BATCH_SAVER : PULL_BATCH;
  const followed = options.followedSpaces ?? null;
  /** The query a pull or stream of this collection adds (the followed spaces; posts and moderation). */
  const filterOf = (name: CollectionName): Record<string, string> =>
    followed !== null && (PER_SPACE_COLLECTIONS as readonly CollectionName[]).includes(name)
      ? { spaces: followed.join(',') }
      : {};
  /** Each collection's checkpoint as its last pull returned it (see pruneUnfollowed). */
  const lastPulled: Partial<Record<CollectionName, Checkpoint>> = {};

  const noteSuccess = () => {
    connectivity.reportSuccess();
    const now = Date.now();
    lastSynced$.next(now);
    try {
      globalThis.localStorage?.setItem(LAST_SYNCED_KEY + db.name, String(now));
    } catch {
      // shown for this visit only
    }
  };
  const noteFailure = (error: unknown, kind: 'sync-pull' | 'sync-push' = 'sync-pull') => {
    if (isUnreachable(error)) connectivity.reportFailure();
    else if (error instanceof ApiError && error.code === 'viewer_changed') options.onViewerChanged?.();
    // No network is not a bug; a refused or broken exchange is. Once per kind and page load.
    else if (!(error instanceof ApiError && error.status === 401)) reportOnce(kind, error);
  };

  function replicate<T>(
    name: CollectionName,
    push: boolean,
    streamed: boolean,
  ): RxReplicationState<T, Checkpoint> {
    const collection = db[name] as unknown as RxCollection<T>;
    const base = `/api/sync/${name}`;
    let stream$: Observable<RxReplicationPullStreamItem<T, Checkpoint>>;
    const full$ = new Subject<RxReplicationPullStreamItem<unknown, Checkpoint>>();
    fullPull$[name] = full$;
    if (streamed) {
      const params = new URLSearchParams({
        ...(viewer === undefined ? {} : { [VIEWER_PARAM]: viewer }),
        ...filterOf(name),
      });
      const query = params.toString() === '' ? '' : `?${params.toString()}`;
      const events$ = eventStream<T, Checkpoint>(`${options.baseUrl ?? ''}${base}/stream${query}`, options);
      stream$ =
        name === 'posts'
          ? new Observable((subscriber) =>
              events$.subscribe((item) => {
                if (item === 'RESYNC') postsOpened$.next('RESYNC');
                subscriber.next(item);
              }),
            )
          : events$;
    } else {
      stream$ = postsOpened$ as Observable<RxReplicationPullStreamItem<T, Checkpoint>>;
    }
    const merged$ = new Observable<RxReplicationPullStreamItem<T, Checkpoint>>((subscriber) => {
      const a = stream$.subscribe(subscriber);
      const b = (full$ as Observable<RxReplicationPullStreamItem<T, Checkpoint>>).subscribe(subscriber);
      return () => {
        a.unsubscribe();
        b.unsubscribe();
      };
    });
    return replicateRxCollection<T, Checkpoint>({
      collection,
      replicationIdentifier: `parley-http-${name}-v1`,
      live: true,
      retryTime: options.retryTimeMs ?? 4_000,
      // Several tabs: only the leader replicates (RxDB's default, said here on purpose); the
      // others see its writes through RxDB's multi-instance events.
      waitForLeadership: true,
      pull: {
        batchSize: pullBatch,
        stream$: merged$,
        handler: async (checkpoint, batchSize) => {
          await connectivity.whenOnline();
          const query = new URLSearchParams({ limit: String(batchSize), ...filterOf(name) });
          if (checkpoint) query.set('checkpoint', JSON.stringify(checkpoint));
          try {
            const result = await request<PullResponse<T>>(
              'GET',
              `${base}/pull?${query.toString()}`,
              undefined,
              http,
            );
            noteSuccess();
            if (result.checkpoint) lastPulled[name] = result.checkpoint;
            return {
              documents: result.documents,
              checkpoint: result.checkpoint ?? checkpoint,
            };
          } catch (error) {
            noteFailure(error);
            throw error; // RxDB retries after retryTime
          }
        },
      },
      push: push
        ? {
            batchSize: PUSH_BATCH,
            handler: async (rows) => {
              await connectivity.whenOnline();
              try {
                // The server answers with every row as it stored it (status, receivedAt, outcome):
                // RxDB would drop a streamed copy that overtakes this answer (ECHO_HEADER).
                const stored = await request<WithDeleted<T>[]>('POST', `${base}/push`, rows, {
                  ...http,
                  headers: { ...http.headers, [ECHO_HEADER]: ECHO_STORED },
                });
                noteSuccess();
                return stored;
              } catch (error) {
                noteFailure(error, 'sync-push');
                throw error; // returning nothing would drop the rows; throwing makes RxDB retry them
              }
            },
          }
        : undefined,
    });
  }

  const posts = replicate<Post>('posts', options.viewerId !== null, true);
  const moderation = options.moderator ? replicate<Moderation>('moderation', true, true) : null;
  const states = [
    replicate('spaces', options.admin === true, false),
    replicate('questions', options.admin === true, false),
    // The signed-out database only reads: nobody writes there (the composer needs an account),
    // and RxDB would otherwise push back pulled posts whose bookkeeping a closed tab cut short,
    // get 401 for ever, and hold back the live stream behind that retry.
    posts,
    ...(moderation ? [moderation] : []),
  ];

  let cancelled = false;
  /**
   * Removes what the device holds of spaces it no longer follows, once the collection is in sync
   * (so no local change waits to be pushed). The removals go in through the replication's own
   * downstream, as if the server had deleted the rows: RxDB stores them as master state and
   * never pushes them back (a local delete would be pushed, and taken for a withdrawal). Kept:
   * anything the server has not received (a post without receivedAt, a decision without an
   * outcome) and the user's own posts, which the server still sends (posts/post-repository.ts).
   * Posts keep a tombstone without their text and attachments.
   */
  async function pruneUnfollowed<T extends Post | Moderation>(
    name: 'posts' | 'moderation',
    state: RxReplicationState<T, Checkpoint>,
    keep: (doc: T) => boolean,
    tombstone: (doc: T) => T,
  ): Promise<void> {
    if (followed === null) return;
    await state.awaitInitialReplication();
    await state.awaitInSync();
    const checkpoint = lastPulled[name];
    if (cancelled || !checkpoint) return;
    const collection = db[name] as unknown as RxCollection<T>;
    const held = await collection.find({ selector: { spaceId: { $nin: [...followed] } } as never }).exec();
    const gone = held.map((d) => d.toJSON() as T).filter((doc) => !keep(doc));
    if (gone.length === 0 || cancelled) return;
    fullPull$[name]?.next({
      documents: gone.map((doc) => ({ ...tombstone(doc), _deleted: true })),
      checkpoint,
    });
  }
  const pruning = Promise.all([
    pruneUnfollowed(
      'posts',
      posts,
      (p) => p.receivedAt === null || (options.viewerId != null && p.authorId === options.viewerId),
      (p) => ({ ...p, body: '', attachments: [], flags: [] }),
    ),
    moderation
      ? pruneUnfollowed(
          'moderation',
          moderation,
          (m) => m.outcome === null,
          (m) => m,
        )
      : undefined,
  ]).catch((error: unknown) => {
    if (!cancelled) console.warn('Could not remove the posts of unfollowed spaces', error);
  });

  // The browser's events are hints: `offline` is reliable, `online` only wakes the health probe.
  const onOnline = () => connectivity.browserOnline();
  const onOffline = () => connectivity.browserOffline();
  globalThis.addEventListener?.('online', onOnline);
  globalThis.addEventListener?.('offline', onOffline);
  // Back online (probe or a request succeeded): pull from every checkpoint and push the outbox now.
  const offBackOnline = connectivity.subscribe((s) => {
    if (s === 'online') for (const st of states) st.reSync();
  });

  // A post or a moderator's decision written while the server is unreachable also goes to the
  // service worker's Background Sync queue, naming this database's user (the replay must never go
  // out as whoever is signed in by then). Every tab sees the insert; the leader (one tab) queues it.
  const queueOffline = (collection: QueuedCollection, row: Record<string, unknown>) => {
    if (connectivity.current === 'offline' && db.isLeader() && options.viewerId)
      queueInServiceWorker(collection, row, options.viewerId);
  };
  const offlineWrites = [
    db.posts.insert$.subscribe((event) => {
      const post = event.documentData as unknown as Post & Record<string, unknown>;
      if (post.receivedAt === null) queueOffline('posts', post);
    }),
    ...(options.moderator
      ? [
          db.moderation.insert$.subscribe((event) => {
            const decision = event.documentData as unknown as Moderation & Record<string, unknown>;
            if (decision.outcome === null) queueOffline('moderation', decision);
          }),
        ]
      : []),
  ];
  // This user is signed in: what they queued and the server held back while someone else was
  // signed in on this phone is sent now.
  if (options.viewerId) releaseQueuedFor(options.viewerId);

  async function fullSync(onProgress: (p: FullSyncProgress) => void): Promise<FullSyncProgress> {
    if (connectivity.current !== 'online') throw new ApiError(0, 'network', 'offline');
    const names: CollectionName[] = [
      'spaces',
      'questions',
      'posts',
      ...(options.moderator ? (['moderation'] as const) : []),
    ];
    const progress: FullSyncProgress = { collection: names[0]!, done: 0, total: names.length, received: {} };
    for (const name of names) {
      progress.collection = name;
      progress.received[name] = 0;
      onProgress({ ...progress, received: { ...progress.received } });
      let checkpoint: Checkpoint | null = null;
      for (;;) {
        const query = new URLSearchParams({ limit: String(pullBatch), ...filterOf(name) });
        if (checkpoint) query.set('checkpoint', JSON.stringify(checkpoint));
        let page: PullResponse<unknown>;
        try {
          page = await request<PullResponse<unknown>>(
            'GET',
            `/api/sync/${name}/pull?${query.toString()}`,
            undefined,
            http,
          );
          noteSuccess();
        } catch (error) {
          noteFailure(error);
          throw error;
        }
        if (page.checkpoint)
          fullPull$[name]?.next({ documents: page.documents, checkpoint: page.checkpoint });
        progress.received[name] = (progress.received[name] ?? 0) + page.documents.length;
        onProgress({ ...progress, received: { ...progress.received } });
        if (page.documents.length < pullBatch || !page.checkpoint) break;
        checkpoint = page.checkpoint;
      }
      progress.done++;
      onProgress({ ...progress, received: { ...progress.received } });
    }
    // The pages went through the replication's downstream (in the tab that leads it); wait for
    // it, and for the outbox, to settle. Another tab leads: its replication does the same work.
    if (db.isLeader()) {
      states.forEach((s) => s.reSync());
      await Promise.all(states.map((s) => s.awaitInSync()));
    }
    return progress;
  }

  const active$ = combineLatest(states.map((s) => s.active$)).pipe(map((all) => all.some(Boolean)));
  const state$ = combineLatest([reachable$, active$]).pipe(
    map(([reachable, active]): SyncState => (!reachable ? 'offline' : active ? 'syncing' : 'synced')),
    distinctUntilChanged(),
  );

  return {
    state$,
    lastSynced$,
    connectivity,
    fullSync,
    reSync: () => states.forEach((s) => s.reSync()),
    awaitInitial: async () => {
      await Promise.all(states.map((s) => s.awaitInitialReplication()));
    },
    pruned: () => pruning,
    cancel: async () => {
      cancelled = true;
      globalThis.removeEventListener?.('online', onOnline);
      globalThis.removeEventListener?.('offline', onOffline);
      offBackOnline();
      for (const subscription of offlineWrites) subscription.unsubscribe();
      offConnectivity();
      if (!options.connectivity) connectivity.stop();
      await Promise.all(states.map((s) => s.cancel()));
      reachable$.complete();
      lastSynced$.complete();
      Object.values(fullPull$).forEach((s) => s.complete());
      postsOpened$.complete();
    },
  };
}
