/**
 * One Parley device in Node: the app's real database (client/src/db/database.ts) on
 * fake-indexeddb and the app's real replication (client/src/sync/replication.ts). Shared by the
 * benchmark's device process (device.ts) and the chaos suite's device worker (e2e/chaos).
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { Me } from '@parley/shared';
import { openDatabase, type ParleyDatabase } from '../../../client/src/db/database';
import { Connectivity } from '../../../client/src/connectivity/connectivity';
import { startSync } from '../../../client/src/sync/replication';
import type { SyncHandle } from '../../../client/src/sync/sync-types';
import { eventSourceOver } from './event-source';

export interface AppDeviceOptions {
  baseUrl: string;
  /** The RxDB database name; unique per device in one process. */
  name: string;
  /** A session cookie to start with (`name=value`), instead of signing in. */
  cookie?: string;
  /** Called before each request (the bench counts them). */
  onRequest?: (method: string, url: string) => void;
  /** Called with the ids of a push request the server answered 2xx (it has stored them). */
  onPushed?: (ids: string[]) => void;
  /**
   * False: the live streams never connect (a proxy that holds them), so there is no RESYNC on open
   * and every pull is the replication's own; for tests that count pulls. Default true.
   */
  liveStream?: boolean;
  /** Whose database this is, as the app says it (null: signed out); default: whoever `me` is. */
  viewerId?: string | null;
}

/** A fetch that never answers until aborted: a stream request stuck in a proxy. */
const heldForever: typeof fetch = (_input, init) =>
  new Promise((_resolve, reject) => {
    init?.signal?.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
  });

/** What a browser's fetch throws when the network is gone. */
const offlineError = () => new TypeError('fetch failed: the device is offline');

export class AppDevice {
  db!: ParleyDatabase;
  sync: SyncHandle | undefined;
  me: Me | null = null;
  private cookie: string;
  private offline = false;
  /** In-flight requests: going offline aborts them, as a dropped network would. */
  private readonly inFlight = new Set<AbortController>();

  constructor(private readonly options: AppDeviceOptions) {
    this.cookie = options.cookie ?? '';
  }

  /** The app's fetch, with a cookie jar (Node's fetch has none) and an offline switch. */
  readonly fetch: typeof fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = init?.method ?? 'GET';
    this.options.onRequest?.(method, url);
    if (this.offline) throw offlineError();
    const headers = new Headers(init?.headers);
    if (this.cookie) headers.set('cookie', this.cookie);
    const abort = new AbortController();
    const outer = init?.signal;
    if (outer?.aborted) abort.abort();
    outer?.addEventListener('abort', () => abort.abort(), { once: true });
    this.inFlight.add(abort);
    try {
      const response = await fetch(input, { ...init, headers, signal: abort.signal });
      const setCookie = response.headers.getSetCookie();
      if (setCookie.length > 0) this.cookie = setCookie.map((c) => c.split(';')[0]).join('; ');
      if (method === 'POST' && url.endsWith('/push') && response.ok && typeof init?.body === 'string') {
        const rows = JSON.parse(init.body) as { newDocumentState: { id: string } }[];
        this.options.onPushed?.(rows.map((row) => row.newDocumentState.id));
      }
      return response;
    } catch (error) {
      throw this.offline ? offlineError() : error;
    } finally {
      // A streamed body (SSE) is still being read after this: keep it abortable until it ends.
      if (!(headers.get('accept') ?? '').includes('text/event-stream')) this.inFlight.delete(abort);
    }
  };

  async open(): Promise<void> {
    this.db = await openDatabase(this.options.name, {
      storage: getRxStorageDexie({ indexedDB, IDBKeyRange }),
      multiInstance: false,
    });
  }

  async signIn(credentials: { email: string; password: string }): Promise<Me> {
    const res = await this.fetch(`${this.options.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(credentials),
    });
    if (!res.ok) throw new Error(`sign-in failed: HTTP ${res.status}`);
    this.me = (await res.json()) as Me;
    return this.me;
  }

  /** Who the session cookie belongs to (a device given a cookie rather than a password). */
  async loadMe(): Promise<Me> {
    const res = await this.fetch(`${this.options.baseUrl}/api/auth/me`);
    if (!res.ok) throw new Error(`GET /api/auth/me: HTTP ${res.status}`);
    this.me = (await res.json()) as Me;
    return this.me;
  }

  get moderator(): boolean {
    return !!this.me && (this.me.globalModerator || this.me.moderatorOf.length > 0);
  }

  start(): SyncHandle {
    this.sync = startSync(this.db, {
      baseUrl: this.options.baseUrl,
      fetch: this.fetch,
      EventSource: eventSourceOver(this.options.liveStream === false ? heldForever : this.fetch),
      // The app's own connectivity check, its /api/health probe going through the same fetch.
      connectivity: new Connectivity({
        healthUrl: `${this.options.baseUrl}/api/health`,
        initiallyOnline: true,
        fetch: this.fetch,
      }),
      moderator: this.moderator,
      // Like the app, the device names whose database it is; a push must (the server requires it).
      viewerId: this.options.viewerId !== undefined ? this.options.viewerId : this.me?.id,
      // Short first stream-reconnect delay: benches and chaos cut the link on purpose.
      minDelayMs: 500,
    });
    return this.sync;
  }

  /** The phone loses its network: open requests and streams die, new ones fail at once. */
  goOffline(): void {
    this.offline = true;
    for (const abort of this.inFlight) abort.abort();
    this.inFlight.clear();
    this.sync?.connectivity.browserOffline();
  }

  /** The network is back: what the browser's `online` event does (Node has no such event). */
  goOnline(): void {
    this.offline = false;
    this.sync?.connectivity.browserOnline();
  }

  get isOffline(): boolean {
    return this.offline;
  }

  async stop(): Promise<void> {
    await this.sync?.cancel();
    await this.db?.close();
  }
}
