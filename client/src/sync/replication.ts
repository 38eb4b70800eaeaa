import { BehaviorSubject, combineLatest, map, Observable, Subject } from 'rxjs';
import { distinctUntilChanged } from 'rxjs/operators';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import type { RxCollection, RxReplicationPullStreamItem, WithDeleted } from 'rxdb';
import type { Checkpoint, CollectionName, PullResponse } from '@parley/shared';
import { ApiError, request, type HttpOptions } from '../api/http';
import type { ParleyDatabase } from '../db/database';
import { eventStream, type StreamOptions } from './stream';

export type SyncState = 'offline' | 'syncing' | 'synced';

export interface SyncOptions extends HttpOptions, StreamOptions {
  /** Moderators also replicate the moderation log of their spaces. */
  moderator: boolean;
  retryTimeMs?: number;
}

export interface SyncHandle {
  state$: Observable<SyncState>;
  /** Pull every collection from its checkpoint now (after coming back online, for instance). */
  reSync(): void;
  cancel(): Promise<void>;
  /** For tests and e2e: resolves when every collection has pulled once (never offline). */
  awaitInitial(): Promise<void>;
}

export const PULL_BATCH = 200;
export const PUSH_BATCH = 20;

function isOnline(): boolean {
  return typeof navigator === 'undefined' || navigator.onLine !== false;
}

/**
 * One RxDB replication per collection over the HTTP routes of DESIGN.md. RxDB keeps the outbox
 * (unpushed local writes) and the checkpoint; these handlers only move JSON.
 *
 * - posts and moderation (moderators only) push; spaces and questions only pull.
 * - posts and moderation listen to their server stream. Spaces and questions change rarely
 *   (organisers edit them): they re-pull whenever the posts stream (re)connects, which saves two
 *   of the browser's six HTTP/1.1 connections per origin.
 * - Conflicts: master wins (RxDB's default handler), which is how a refused post comes back
 *   with `status: 'rejected'` and its refusal while the author keeps the text.
 */
export function startSync(db: ParleyDatabase, options: SyncOptions): SyncHandle {
  const http: HttpOptions = { baseUrl: options.baseUrl, fetch: options.fetch };
  const reachable$ = new BehaviorSubject<boolean>(isOnline());
  const postsOpened$ = new Subject<RxReplicationPullStreamItem<unknown, Checkpoint>>();

  const noteSuccess = () => reachable$.next(true);
  const noteFailure = (error: unknown) => {
    if (error instanceof ApiError && error.code === 'network') reachable$.next(false);
  };

  function replicate<T>(
    name: CollectionName,
    push: boolean,
    streamed: boolean,
  ): RxReplicationState<T, Checkpoint> {
    const collection = db[name] as unknown as RxCollection<T>;
    const base = `/api/sync/${name}`;
    let state: RxReplicationState<T, Checkpoint> | undefined = undefined;
    let stream$: Observable<RxReplicationPullStreamItem<T, Checkpoint>>;
    if (streamed) {
      const events$ = eventStream<T, Checkpoint>(`${options.baseUrl ?? ''}${base}/stream`, options);
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
    state = replicateRxCollection<T, Checkpoint>({
      collection,
      replicationIdentifier: `parley-http-${name}-v1`,
      live: true,
      retryTime: options.retryTimeMs ?? 4_000,
      pull: {
        batchSize: PULL_BATCH,
        stream$,
        handler: async (checkpoint, batchSize) => {
          const query = new URLSearchParams({ limit: String(batchSize) });
          if (checkpoint) query.set('checkpoint', JSON.stringify(checkpoint));
          try {
            const result = await request<PullResponse<T>>(
              'GET',
              `${base}/pull?${query.toString()}`,
              undefined,
              http,
            );
            noteSuccess();
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
              try {
                const conflicts = await request<WithDeleted<T>[]>('POST', `${base}/push`, rows, http);
                noteSuccess();
                // The server stamps accepted rows (receivedAt, status): fetch them even if the stream is down.
                if (conflicts.length < rows.length) setTimeout(() => state?.reSync(), 250);
                return conflicts;
              } catch (error) {
                noteFailure(error);
                throw error; // returning nothing would drop the rows; throwing makes RxDB retry them
              }
            },
          }
        : undefined,
    });
    return state;
  }

  const states = [
    replicate('spaces', false, false),
    replicate('questions', false, false),
    replicate('posts', true, true),
    ...(options.moderator ? [replicate('moderation', true, true)] : []),
  ];

  const onOnline = () => {
    reachable$.next(true);
    for (const s of states) s.reSync();
  };
  const onOffline = () => reachable$.next(false);
  globalThis.addEventListener?.('online', onOnline);
  globalThis.addEventListener?.('offline', onOffline);

  const active$ = combineLatest(states.map((s) => s.active$)).pipe(map((all) => all.some(Boolean)));
  const state$ = combineLatest([reachable$, active$]).pipe(
    map(([reachable, active]): SyncState =>
      !reachable || !isOnline() ? 'offline' : active ? 'syncing' : 'synced',
    ),
    distinctUntilChanged(),
  );

  return {
    state$,
    reSync: () => states.forEach((s) => s.reSync()),
    awaitInitial: async () => {
      await Promise.all(states.map((s) => s.awaitInitialReplication()));
    },
    cancel: async () => {
      globalThis.removeEventListener?.('online', onOnline);
      globalThis.removeEventListener?.('offline', onOffline);
      await Promise.all(states.map((s) => s.cancel()));
      reachable$.complete();
      postsOpened$.complete();
    },
  };
}
