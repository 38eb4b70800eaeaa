/**
 * A Parley device in its own process: the app's real database (client/src/db/database.ts) on
 * fake-indexeddb and the app's real replication (client/src/sync/replication.ts), talking to the
 * server through the emulated link. Started by the bench with DeviceProcess.
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { Me } from '@parley/shared';
import { openDatabase, type ParleyDatabase } from '../../../client/src/db/database';
import { addPost } from '../../../client/src/db/writes';
import { Connectivity } from '../../../client/src/connectivity/connectivity';
import { startSync, type SyncHandle } from '../../../client/src/sync/replication';
import { deviceConfig, RequestCounter, serveCommands, sleep, waitFor, wallNow } from '../device-side';
import { eventSourceOver } from './event-source';

interface Config {
  baseUrl: string;
  signIn?: { email: string; password: string };
}

const config = deviceConfig<Config>();
const counter = new RequestCounter();
let cookie = '';
/** When each pushed post's push request was answered (the server has stored it). */
const delivered = new Map<string, number>();

/** The app's fetch, counted, with a cookie jar (Node's fetch has none). */
const countedFetch: typeof fetch = async (input, init) => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  const method = init?.method ?? 'GET';
  counter.note(method, url);
  const headers = new Headers(init?.headers);
  if (cookie) headers.set('cookie', cookie);
  const response = await fetch(input, { ...init, headers });
  const setCookie = response.headers.getSetCookie();
  if (setCookie.length > 0) cookie = setCookie.map((c) => c.split(';')[0]).join('; ');
  if (method === 'POST' && url.endsWith('/push') && response.ok && typeof init?.body === 'string') {
    const at = wallNow();
    const rows = JSON.parse(init.body) as { newDocumentState: { id: string } }[];
    for (const row of rows) delivered.set(row.newDocumentState.id, at);
  }
  return response;
};

let db: ParleyDatabase;
let sync: SyncHandle | undefined;
let me: Me | null = null;
const arrivals = new Map<string, number>();

async function open(): Promise<void> {
  db = await openDatabase(`bench-${process.pid}`, {
    storage: getRxStorageDexie({ indexedDB, IDBKeyRange }),
    multiInstance: false,
  });
  db.posts.insert$.subscribe((event) => arrivals.set(event.documentId, wallNow()));
}

async function signIn(): Promise<void> {
  if (!config.signIn) return;
  const res = await countedFetch(`${config.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(config.signIn),
  });
  if (!res.ok) throw new Error(`sign-in failed: HTTP ${res.status}`);
  me = (await res.json()) as Me;
}

function start(): SyncHandle {
  return startSync(db, {
    baseUrl: config.baseUrl,
    fetch: countedFetch,
    EventSource: eventSourceOver(countedFetch),
    // The app's own connectivity check, with its /api/health probe counted like every request.
    connectivity: new Connectivity({
      healthUrl: `${config.baseUrl}/api/health`,
      initiallyOnline: true,
      fetch: countedFetch,
    }),
    moderator: !!me && (me.globalModerator || me.moderatorOf.length > 0),
    // Short first stream-reconnect delay: the bench cuts and restores the link on purpose.
    minDelayMs: 500,
  });
}

serveCommands(async (message) => {
  switch (message.type) {
    case 'cold': {
      await open();
      await signIn();
      counter.reset();
      const started = performance.now();
      sync = start();
      await sync.awaitInitial();
      const ms = performance.now() - started;
      const docs = await db.posts.count().exec();
      return { type: 'cold', ms, docs, requests: counter.count, byKind: counter.byKind() };
    }
    case 'start-live': {
      await open();
      await signIn();
      sync = start();
      await sync.awaitInitial();
      // Idle: the stream is open and nothing else is in flight.
      await waitFor(() => (counter.idleFor() > 1_000 ? true : undefined), 60_000, 'an idle device');
      counter.reset();
      return { type: 'live', docs: await db.posts.count().exec() };
    }
    case 'await-doc': {
      const id = String(message.id);
      const at = await waitFor(() => arrivals.get(id), 30_000, `post ${id}`);
      return { type: 'doc', at, requests: counter.count, byKind: counter.byKind() };
    }
    case 'write-offline': {
      if (!me) throw new Error('write-offline needs a signed-in device');
      const author = me;
      const question = await db.questions.findOne().exec();
      if (!question) throw new Error('no question on the device');
      const ids: string[] = [];
      for (let i = 0; i < Number(message.count); i++) {
        const result = await addPost(db, author, {
          spaceId: question.spaceId,
          questionId: question.id,
          parentId: null,
          body: `Written offline, number ${i + 1}: the bus shelter on the square has no roof since March.`,
          anonymous: false,
          lang: 'en',
        });
        if (!result.ok) throw new Error(`addPost: ${result.problem}`);
        ids.push(result.id);
      }
      // Let the replication find out that the server is unreachable (its push fails) and park.
      await sleep(Number(message.settleMs ?? 5_000));
      return { type: 'written', ids };
    }
    case 'online': {
      const ids = message.ids as string[];
      counter.reset();
      const started = wallNow();
      // What the browser's `online` event does (Node has no such event).
      sync!.connectivity.browserOnline();
      const deliveredAt = await waitFor(
        () =>
          ids.every((id) => delivered.has(id)) ? Math.max(...ids.map((id) => delivered.get(id)!)) : undefined,
        60_000,
        'the outbox to be delivered',
      );
      const requestsUntilDelivered = counter.count;
      const byKind = counter.byKind();
      // And until the device shows them as received by the server.
      await waitFor(
        async () => {
          const docs = await db.posts.findByIds(ids).exec();
          return ids.every((id) => docs.get(id)?.receivedAt) ? true : undefined;
        },
        60_000,
        'receivedAt on the device',
      );
      return {
        type: 'online',
        deliveredMs: deliveredAt - started,
        confirmedMs: wallNow() - started,
        requests: requestsUntilDelivered,
        byKind,
      };
    }
    case 'stop': {
      await sync?.cancel();
      await db?.close();
      return { type: 'stopped' };
    }
    default:
      throw new Error(`unknown command ${message.type}`);
  }
});
