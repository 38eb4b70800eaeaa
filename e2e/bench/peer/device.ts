/**
 * The peer device: PouchDB 9 on its memory adapter, replicating with pouchdb-server over the
 * emulated link, in its own process. "As shipped" uses PouchDB's own fetch (node-fetch sends
 * `Connection: close` without an agent: a new TCP connection per request); "tuned" gives it a
 * keep-alive agent, the one change a team would make first.
 */
import http from 'node:http';
import PouchDB from 'pouchdb';
import memoryAdapter from 'pouchdb-adapter-memory';
import { deviceConfig, RequestCounter, serveCommands, waitFor, wallNow } from '../device-side';
import { PEER_DB } from './seed';

interface Config {
  baseUrl: string;
  keepAlive: boolean;
}

PouchDB.plugin(memoryAdapter);
const config = deviceConfig<Config>();
const counter = new RequestCounter();
const agent = config.keepAlive ? new http.Agent({ keepAlive: true }) : undefined;

const remote = new PouchDB(`${config.baseUrl}/${PEER_DB}`, {
  fetch: (url, init) => {
    const options = init as { method?: string };
    counter.note(options.method ?? 'GET', url);
    return PouchDB.fetch(url, agent ? { ...options, agent } : options);
  },
});
const local = new PouchDB(`device-${process.pid}`, { adapter: 'memory' });
const arrivals = new Map<string, number>();
let live: ReturnType<typeof local.replicate.from> | undefined;

serveCommands(async (message) => {
  switch (message.type) {
    case 'cold': {
      counter.reset();
      const started = performance.now();
      await PouchDB.replicate(remote, local);
      const ms = performance.now() - started;
      const { doc_count } = await local.info();
      return { type: 'cold', ms, docs: doc_count, requests: counter.count, byKind: counter.byKind() };
    }
    case 'start-live': {
      local
        .changes({ since: 'now', live: true })
        .on('change', (change) => arrivals.set(change.id, wallNow()));
      live = local.replicate.from(remote, { live: true, retry: true });
      // Caught up: the live replication pauses with no error once it has everything.
      await new Promise<void>((resolve) => {
        void live!.on('paused', (error) => {
          if (!error) resolve();
        });
      });
      // A PouchDB app syncs both ways: bring the push checkpoint up to date too, so that a later
      // push sends only what was written since.
      await local.replicate.to(remote);
      await waitFor(() => (counter.idleFor() > 1_000 ? true : undefined), 60_000, 'an idle device');
      counter.reset();
      return { type: 'live', docs: (await local.info()).doc_count };
    }
    case 'await-doc': {
      const id = String(message.id);
      const at = await waitFor(() => arrivals.get(id), 60_000, `doc ${id}`);
      return { type: 'doc', at, requests: counter.count, byKind: counter.byKind() };
    }
    case 'write-offline': {
      const docs = Array.from({ length: Number(message.count) }, (_, i) => ({
        _id: `offline-${process.pid}-${i}`,
        body: `Written offline, number ${i + 1}: the bus shelter on the square has no roof since March.`,
        createdAt: new Date().toISOString(),
      }));
      await local.bulkDocs(docs);
      return { type: 'written', ids: docs.map((d) => d._id) };
    }
    case 'online': {
      counter.reset();
      const started = wallNow();
      // What a PouchDB app does on the browser's `online` event: push what is waiting.
      await local.replicate.to(remote);
      const ms = wallNow() - started;
      return {
        type: 'online',
        deliveredMs: ms,
        confirmedMs: ms,
        requests: counter.count,
        byKind: counter.byKind(),
      };
    }
    case 'stop': {
      live?.cancel();
      return { type: 'stopped' };
    }
    default:
      throw new Error(`unknown command ${message.type}`);
  }
});
