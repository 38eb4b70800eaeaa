import { randomUUID } from 'node:crypto';
import { COLLECTIONS, CollectionName } from '@parley/shared';
import pg from 'pg';
import type { Logger } from 'pino';
import { inProcessChanges, type ChangeNotifier } from './changes';

const CHANNEL = 'parley_changes';
const RECONNECT_MAX_MS = 30_000;

export interface ClosableChangeNotifier extends ChangeNotifier {
  close(): Promise<void>;
}

/**
 * Change notices shared by every server instance on one PostgreSQL: a write wakes this instance's
 * streams at once and the others' through NOTIFY. Only `<instance>:<collection>` travels; each
 * stream re-runs its own visibility-filtered pull. A lost LISTEN connection is re-opened with
 * backoff, and on reconnecting every stream is woken, since notices sent meanwhile are gone.
 */
export async function openPgChanges(
  connectionString: string,
  logger?: Logger,
): Promise<ClosableChangeNotifier> {
  const local = inProcessChanges(logger);
  const instance = randomUUID();
  const notifier = new pg.Pool({ connectionString, max: 1 });
  notifier.on('error', (err) => logger?.error({ err }, 'change notices: NOTIFY connection error'));
  let listener: pg.Client | null = null;
  let closed = false;
  let failures = 0;

  const wakeAll = () => COLLECTIONS.forEach((c) => local.notify(c));

  async function listen(): Promise<void> {
    const client = new pg.Client({ connectionString });
    client.on('notification', (msg) => {
      const [from, name] = (msg.payload ?? '').split(':');
      const collection = CollectionName.safeParse(name);
      if (from !== instance && collection.success) local.notify(collection.data);
    });
    client.on('error', (err) => {
      logger?.error({ err }, 'change notices: LISTEN connection lost');
      void reconnect(client);
    });
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    listener = client;
    failures = 0;
  }

  async function reconnect(dead: pg.Client): Promise<void> {
    if (closed || listener !== dead) return;
    listener = null;
    dead.end().catch(() => undefined);
    while (!closed && listener === null) {
      await new Promise((r) => setTimeout(r, Math.min(RECONNECT_MAX_MS, 250 * 2 ** failures++)));
      try {
        await listen();
        wakeAll();
      } catch (err) {
        logger?.error({ err }, 'change notices: LISTEN reconnect failed');
      }
    }
  }

  await listen();
  return {
    notify(collection) {
      local.notify(collection);
      notifier
        .query('SELECT pg_notify($1, $2)', [CHANNEL, `${instance}:${collection}`])
        .catch((err: Error) => logger?.error({ err }, 'change notices: NOTIFY failed'));
    },
    subscribe: (collection, fn) => local.subscribe(collection, fn),
    async close() {
      closed = true;
      await listener?.end().catch(() => undefined);
      await notifier.end();
    },
  };
}
