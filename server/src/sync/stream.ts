import type { Checkpoint, CollectionName } from '@parley/shared';
import type { Response } from 'express';
import type { AppContext } from '../app-context';
import type { Viewer } from '../auth/viewer';
import type { Queryable } from '../db/db';
import { AppError } from '../http/errors';
import { SYNC_COLLECTIONS } from './collections';
import { pull, scopeOf } from './pull';
import { SessionScopes } from './stream-access';

export const HEARTBEAT_MS = 15_000;
const STREAM_PAGE = 200;
const RECONNECT_AFTER_ERROR_MS = 5_000;
/** How often, at the latest, an open stream checks that its session still grants what it had. */
export const RECHECK_MS = 3_000;

/** One open stream, as the registry knows it. */
interface OpenStream {
  ip: string;
  userId: string | null;
  end: (retryMs?: number) => void;
  /** Signed-in streams: checks the session again, and ends the stream if its access changed. */
  recheck?: () => void;
}

/**
 * Open streams: counted per address and per account (caps), re-checked every few seconds, and
 * ended at shutdown (an open SSE response would keep the server alive).
 */
export class StreamRegistry {
  private readonly open = new Set<OpenStream>();
  private timer: NodeJS.Timeout | undefined;
  readonly scopes: SessionScopes;

  constructor(
    db: Queryable,
    private readonly recheckMs = RECHECK_MS,
  ) {
    this.scopes = new SessionScopes(db);
  }

  add(stream: OpenStream): () => void {
    this.open.add(stream);
    if (!this.timer) {
      // One timer for all: the checks of one round share one query (SessionScopes).
      this.timer = setInterval(() => {
        for (const s of this.open) s.recheck?.();
      }, this.recheckMs);
      this.timer.unref();
    }
    return () => {
      this.open.delete(stream);
      if (this.open.size === 0) {
        clearInterval(this.timer);
        this.timer = undefined;
      }
    };
  }

  /** Refuses one more stream from this address or account beyond its cap (a cap of 0: none). */
  admit(ip: string, userId: string | null, caps: { perIp: number; perAccount: number }): void {
    let byIp = 0;
    let byAccount = 0;
    for (const s of this.open) {
      if (s.ip === ip) byIp++;
      if (userId !== null && s.userId === userId) byAccount++;
    }
    const full =
      caps.perAccount > 0 && byAccount >= caps.perAccount
        ? 'this account'
        : caps.perIp > 0 && byIp >= caps.perIp
          ? 'this address'
          : null;
    if (full)
      throw new AppError(
        429,
        'rate_limited',
        `Too many live connections from ${full}. Close another tab or device.`,
        {
          'Retry-After': '30',
        },
      );
  }

  /**
   * Ends every stream. With `retryMs`, each first gets an SSE `retry:` hint: the browser's
   * EventSource reconnects after that delay (to another instance, behind a load balancer).
   */
  closeAll(retryMs?: () => number): void {
    for (const s of [...this.open]) s.end(retryMs?.());
  }
  get size(): number {
    return this.open.size;
  }
}

/** Who opened a stream, as its access checks need it. */
export interface StreamOwner {
  ip: string;
  /** The hash of the session's token; null for a stream without a live session (nothing to revoke). */
  sessionHash: string | null;
  /** After this long the stream ends with a retry hint; the device reconnects and signs in afresh. */
  maxAgeMs: number;
}

/**
 * Server-sent events for one collection and one viewer. Each committed write to the collection
 * wakes the stream, which runs the same visibility-filtered pull as GET /pull from its own
 * checkpoint and sends what it finds. It starts at the collection's current end: the client asks
 * for a RESYNC (a checkpoint pull) when the stream opens, which covers everything before.
 *
 * Access is not settled once: before each wake-up's pull and every few seconds the session is
 * looked up again, and the stream ends as soon as it is gone or grants something else (log-out
 * everywhere, a password reset, account deletion, a moderator removed). Nothing is sent after.
 */
export async function openStream(
  ctx: AppContext,
  registry: StreamRegistry,
  collection: CollectionName,
  viewer: Viewer,
  owner: StreamOwner,
  res: Response,
): Promise<void> {
  const scope = scopeOf(viewer);
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
          // Checked after the pull: a revocation committed before the page is sent ends the
          // stream instead, and what a page holds was read while the access still held.
          if (page.documents.length > 0 && !(await stillGranted())) return end();
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

  const stillGranted = async () =>
    owner.sessionHash === null || (await registry.scopes.current(owner.sessionHash)) === scope;
  const recheck =
    owner.sessionHash === null
      ? undefined
      : () => {
          stillGranted().then(
            (granted) => granted || end(),
            // The database is unreachable: the stream cannot vouch for its access, so it ends;
            // the device reconnects (and is answered) once the database is back.
            () => end(RECONNECT_AFTER_ERROR_MS),
          );
        };

  // Subscribe before reading the end of the collection: a write committed in between then
  // wakes the stream instead of slipping past it.
  const unsubscribe = ctx.changes.subscribe(collection, () => void drain());
  const end = (retryMs?: number) => {
    if (closed) return;
    if (retryMs !== undefined && res.headersSent && !res.writableEnded) res.write(`retry: ${retryMs}\n\n`);
    closed = true;
    clearInterval(heartbeat);
    clearTimeout(expiry);
    unsubscribe();
    unregister();
    res.end();
  };
  const unregister = registry.add({ ip: owner.ip, userId: viewer.user?.id ?? null, end, recheck });
  const heartbeat = setInterval(() => {
    if (!closed) res.write(': heartbeat\n\n');
  }, HEARTBEAT_MS);
  // Spread over ±10 %, so streams opened together do not all reconnect together.
  const expiry = setTimeout(() => end(1_000), owner.maxAgeMs * (0.9 + Math.random() * 0.2));
  // res, not req: req's 'close' fires as soon as its (empty) body has been read.
  res.on('close', () => end());

  try {
    checkpoint = { seq: await SYNC_COLLECTIONS[collection].maxSeq(ctx.db), scope };
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
