import type { Checkpoint, CollectionName } from '@parley/shared';
import type { Response } from 'express';
import type { AppContext } from '../app-context';
import type { Viewer } from '../auth/viewer';
import { SYNC_COLLECTIONS } from './collections';
import { pull, scopeOf } from './pull';

export const HEARTBEAT_MS = 15_000;
const STREAM_PAGE = 200;

/** Open streams, so a shutdown can end them (an open SSE response would keep the server alive). */
export class StreamRegistry {
  private readonly open = new Set<(retryMs?: number) => void>();
  add(end: (retryMs?: number) => void): () => void {
    this.open.add(end);
    return () => this.open.delete(end);
  }
  /**
   * Ends every stream. With `retryMs`, each first gets an SSE `retry:` hint: the browser's
   * EventSource reconnects after that delay (to another instance, behind a load balancer).
   */
  closeAll(retryMs?: () => number): void {
    for (const end of [...this.open]) end(retryMs?.());
  }
  get size(): number {
    return this.open.size;
  }
}

/**
 * Server-sent events for one collection and one viewer. Each committed write to the collection
 * wakes the stream, which runs the same visibility-filtered pull as GET /pull from its own
 * checkpoint and sends what it finds. It starts at the collection's current end: the client asks
 * for a RESYNC (a checkpoint pull) when the stream opens, which covers everything before.
 */
export async function openStream(
  ctx: AppContext,
  registry: StreamRegistry,
  collection: CollectionName,
  viewer: Viewer,
  res: Response,
): Promise<void> {
  let checkpoint: Checkpoint | null = null;
  let running = false;
  let again = false;
  let closed = false;

  const send = (data: unknown) => {
    if (!closed) res.write(`data: ${JSON.stringify(data)}\n\n`);
  };

  // Coalesces bursts: a wake-up during a pull just asks for one more round when it ends.
  const drain = async () => {
    if (running || checkpoint === null) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        for (;;) {
          const page = await pull(ctx.db, collection, viewer, checkpoint, STREAM_PAGE);
          checkpoint = page.checkpoint;
          if (page.documents.length > 0) send(page);
          if (page.documents.length < STREAM_PAGE || closed) break;
        }
      } while (again && !closed);
    } catch (err) {
      console.error('[sync] stream pull failed:', err);
      // The client answers RESYNC with a checkpoint pull of its own, so nothing is lost.
      send('RESYNC');
    } finally {
      running = false;
    }
  };

  // Subscribe before reading the end of the collection: a write committed in between then
  // wakes the stream instead of slipping past it.
  const unsubscribe = ctx.changes.subscribe(collection, () => void drain());
  const end = (retryMs?: number) => {
    if (closed) return;
    if (retryMs !== undefined && res.headersSent && !res.writableEnded) res.write(`retry: ${retryMs}\n\n`);
    closed = true;
    clearInterval(heartbeat);
    unsubscribe();
    unregister();
    res.end();
  };
  const unregister = registry.add(end);
  const heartbeat = setInterval(() => {
    if (!closed) res.write(': heartbeat\n\n');
  }, HEARTBEAT_MS);
  // res, not req: req's 'close' fires as soon as its (empty) body has been read.
  res.on('close', () => end());

  try {
    checkpoint = { seq: await SYNC_COLLECTIONS[collection].maxSeq(ctx.db), scope: scopeOf(viewer) };
  } catch (err) {
    end();
    throw err;
  }
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    Connection: 'keep-alive',
    // Stops nginx-style proxies from buffering the stream.
    'X-Accel-Buffering': 'no',
  });
  res.write(': connected\n\n');
  if (again) void drain();
}
