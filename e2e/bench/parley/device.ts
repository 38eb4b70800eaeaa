/**
 * A Parley device in its own process: the app's real database (client/src/db/database.ts) on
 * fake-indexeddb and the app's real replication (client/src/sync/replication.ts), talking to the
 * server through the emulated link. Started by the bench with DeviceProcess.
 */
import { addPost } from '../../../client/src/db/writes';
import { deviceConfig, RequestCounter, serveCommands, sleep, waitFor, wallNow } from '../device-side';
import { AppDevice } from './app-device';

interface Config {
  baseUrl: string;
  signIn?: { email: string; password: string };
}

const config = deviceConfig<Config>();
const counter = new RequestCounter();
/** When each pushed post's push request was answered (the server has stored it). */
const delivered = new Map<string, number>();
const arrivals = new Map<string, number>();

// The app's fetch, counted like every request of the bench.
const device = new AppDevice({
  baseUrl: config.baseUrl,
  name: `bench-${process.pid}`,
  onRequest: (method, url) => counter.note(method, url),
  onPushed: (ids) => {
    const at = wallNow();
    for (const id of ids) delivered.set(id, at);
  },
});

async function open(): Promise<void> {
  await device.open();
  device.db.posts.insert$.subscribe((event) => arrivals.set(event.documentId, wallNow()));
}

async function signIn(): Promise<void> {
  if (config.signIn) await device.signIn(config.signIn);
}

serveCommands(async (message) => {
  switch (message.type) {
    case 'cold': {
      await open();
      await signIn();
      counter.reset();
      const started = performance.now();
      const sync = device.start();
      await sync.awaitInitial();
      const ms = performance.now() - started;
      const docs = await device.db.posts.count().exec();
      return { type: 'cold', ms, docs, requests: counter.count, byKind: counter.byKind() };
    }
    case 'start-live': {
      await open();
      await signIn();
      const sync = device.start();
      await sync.awaitInitial();
      // Idle: the stream is open and nothing else is in flight.
      await waitFor(() => (counter.idleFor() > 1_000 ? true : undefined), 60_000, 'an idle device');
      counter.reset();
      return { type: 'live', docs: await device.db.posts.count().exec() };
    }
    case 'await-doc': {
      const id = String(message.id);
      const at = await waitFor(() => arrivals.get(id), 30_000, `post ${id}`);
      return { type: 'doc', at, requests: counter.count, byKind: counter.byKind() };
    }
    case 'write-offline': {
      const author = device.me;
      if (!author) throw new Error('write-offline needs a signed-in device');
      const question = await device.db.questions.findOne().exec();
      if (!question) throw new Error('no question on the device');
      const ids: string[] = [];
      for (let i = 0; i < Number(message.count); i++) {
        const result = await addPost(device.db, author, {
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
      device.sync!.connectivity.browserOnline();
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
          const docs = await device.db.posts.findByIds(ids).exec();
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
      await device.stop();
      return { type: 'stopped' };
    }
    default:
      throw new Error(`unknown command ${message.type}`);
  }
});
