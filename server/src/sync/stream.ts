import { STREAM_RESYNC, type Checkpoint, type CollectionName } from '@parley/shared';
import type { Response } from 'express';
import type { AppContext } from '../app-context';
import type { Viewer } from '../auth/viewer';
import type { Queryable } from '../db/db';
import { AppError } from '../http/errors';
import { SYNC_COLLECTIONS } from './collections';
import { checkpointScope, pull, scopeOf, type SyncViewer } from './pull';
import { SessionScopes } from './stream-access';

export const HEARTBEAT_MS = 15_000;
const STREAM_PAGE = 200;
const RECONNECT_AFTER_ERROR_MS = 5_000;
/** Unsent bytes a stream may hold before it is dropped as too slow (a few full pages). */
const MAX_BUFFERED_BYTES = 4 * 2 ** 20;
/** How often, at the latest, an open stream checks that its session still grants what it had. */
export const RECHECK_MS = 3_000;
/** Writes to members between two yields to the event loop, so heartbeats and requests are not starved. */
const WRITE_SLICE = 1_000;

/**
 * One event as it goes out: its bytes, and the same framed once as an HTTP/1.1 chunk (size in
 * hex, CRLF, bytes, CRLF), which a chunked response can take straight onto its socket.
 */
class Frame {
  readonly chunk: Buffer;
  constructor(readonly event: Buffer) {
    this.chunk = Buffer.concat([Buffer.from(`${event.length.toString(16)}\r\n`, 'latin1'), event, CRLF]);
  }
}
const CRLF = Buffer.from('\r\n', 'latin1');
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

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
  /** Open streams per address and per account, kept as streams come and go (admit reads them). */
  private readonly byIp = new Map<string, number>();
  private readonly byAccount = new Map<string, number>();
  private readonly groups = new Map<string, StreamGroup>();
  private timer: NodeJS.Timeout | undefined;
  private nextId = 0;
  readonly scopes: SessionScopes;
  private readonly recheckMs: number;
  private readonly fanOut: boolean;
  readonly maxBufferedBytes: number;

  constructor(
    db: Queryable,
    options: {
      recheckMs?: number;
      /** false: every stream pulls for itself (the behaviour before groups; benchmarks compare). */
      fanOut?: boolean;
      maxBufferedBytes?: number;
    } = {},
  ) {
    this.scopes = new SessionScopes(db);
    this.recheckMs = options.recheckMs ?? RECHECK_MS;
    this.fanOut = options.fanOut ?? true;
    this.maxBufferedBytes = options.maxBufferedBytes ?? MAX_BUFFERED_BYTES;
  }

  /** Adds a stream to the group of its collection and scope, made on first use, dropped when empty. */
  join(
    ctx: AppContext,
    collection: CollectionName,
    viewer: SyncViewer,
    member: Member,
  ): { group: StreamGroup; leave: () => void } {
    // checkpointScope: scopeOf plus the followed spaces (SyncViewer), which change what a pull sends.
    const key = this.fanOut ? `${collection}:${checkpointScope(viewer)}` : `${collection}:#${this.nextId++}`;
    let group = this.groups.get(key);
    if (!group) this.groups.set(key, (group = new StreamGroup(ctx, this.scopes, collection, viewer)));
    group.members.add(member);
    const joined = group;
    return {
      group,
      leave: () => {
        joined.members.delete(member);
        if (joined.members.size === 0 && this.groups.get(key) === joined) {
          joined.unsubscribe();
          this.groups.delete(key);
        }
      },
    };
  }

  add(stream: OpenStream): () => void {
    this.open.add(stream);
    count(this.byIp, stream.ip, 1);
    if (stream.userId !== null) count(this.byAccount, stream.userId, 1);
    if (!this.timer) {
      // One timer for all: the checks of one round share one query (SessionScopes).
      this.timer = setInterval(() => {
        for (const s of this.open) s.recheck?.();
      }, this.recheckMs);
      this.timer.unref();
    }
    return () => {
      if (!this.open.delete(stream)) return;
      count(this.byIp, stream.ip, -1);
      if (stream.userId !== null) count(this.byAccount, stream.userId, -1);
      if (this.open.size === 0) {
        clearInterval(this.timer);
        this.timer = undefined;
      }
    };
  }

  /** Refuses one more stream from this address or account beyond its cap (a cap of 0: none). */
  admit(ip: string, userId: string | null, caps: { perIp: number; perAccount: number }): void {
    const byIp = this.byIp.get(ip) ?? 0;
    const byAccount = userId === null ? 0 : (this.byAccount.get(userId) ?? 0);
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

/** Adds `delta` to the count under `key`, dropping keys that reach 0 (the maps stay as small as the open set). */
function count(counts: Map<string, number>, key: string, delta: number): void {
  const n = (counts.get(key) ?? 0) + delta;
  if (n > 0) counts.set(key, n);
  else counts.delete(key);
}

/** Who opened a stream, as its access checks need it. */
export interface StreamOwner {
  ip: string;
  /** The hash of the session's token; null for a stream without a live session (nothing to revoke). */
  sessionHash: string | null;
  /** After this long the stream ends with a retry hint; the device reconnects and signs in afresh. */
  maxAgeMs: number;
}

/** One stream as its group sees it. */
interface Member {
  sessionHash: string | null;
  write: (frame: Frame) => void;
  end: (retryMs?: number) => void;
}

/**
 * The open streams of one collection and one visibility scope (scopeOf: anonymous readers are one
 * scope; a signed-in user's holds their id and moderator assignments; checkpointScope adds the
 * followed spaces, which narrow the pull the same way for all). What a pull returns and
 * how each row is presented depend on nothing else (presentPost: author = viewer.user.id;
 * moderator = globalModerator or moderatorOf; the moderation log likewise; spaces and questions
 * not at all), so every member would run the same pull and receive the same page. The group runs
 * it once per wake-up from its own checkpoint, serialises the page once, and writes it to each:
 * database work per write grows with the number of scopes, not of devices.
 */
class StreamGroup {
  readonly members = new Set<Member>();
  private readonly scope: string;
  private checkpoint: Checkpoint | null = null;
  private running = false;
  private again = false;
  /** Settles once the group knows where the collection ends; a member may write its headers then. */
  readonly ready: Promise<void>;
  readonly unsubscribe: () => void;

  constructor(
    private readonly ctx: AppContext,
    private readonly scopes: SessionScopes,
    private readonly collection: CollectionName,
    /** The first member's; any member's would pull the same rows (same checkpointScope). */
    private readonly viewer: SyncViewer,
  ) {
    // What the session must still grant for a page to go out (followed spaces aside).
    this.scope = scopeOf(viewer);
    // Subscribe before reading the end of the collection: a write committed in between then
    // wakes the group instead of slipping past it.
    const off = ctx.changes.subscribe(collection, () => void this.drain());
    // Spaces and questions have no stream of their own: devices pull them again whenever the
    // posts stream says RESYNC. So a change to them (a space published, closed or archived, a
    // question removed, an announcement) reaches every open device at once, not at its next start.
    const offOrganised =
      collection === 'posts'
        ? (['spaces', 'questions'] as const).map((c) => ctx.changes.subscribe(c, () => this.resyncSoon()))
        : [];
    this.unsubscribe = () => {
      off();
      for (const stop of offOrganised) stop();
    };
    this.ready = SYNC_COLLECTIONS[collection].maxSeq(ctx.db).then((seq) => {
      this.checkpoint = { seq, scope: this.scope };
      if (this.again) void this.drain();
    });
  }

  /**
   * Coalesces bursts: a wake-up during a pull just asks for one more round when it ends.
   *
   * A member that joins at any moment misses nothing committed after it joined: such a write
   * notifies after its commit, so after the join, and that notice either starts a pull or (one
   * is in flight) asks for another round, which reads it and is written to every member of that
   * moment. A page read before the join holds only writes from before it, which the device's
   * RESYNC pull on open covers.
   */
  private async drain(): Promise<void> {
    if (this.running || this.checkpoint === null) {
      this.again = true;
      return;
    }
    this.running = true;
    try {
      do {
        this.again = false;
        for (;;) {
          if (this.members.size === 0) return;
          const page = await pull(this.ctx.db, this.collection, this.viewer, this.checkpoint, STREAM_PAGE);
          this.checkpoint = page.checkpoint;
          if (page.documents.length > 0) await this.send(page);
          if (page.documents.length < STREAM_PAGE) break;
        }
      } while (this.again);
    } catch (err) {
      this.ctx.logger?.error({ err, collection: this.collection }, 'stream pull failed');
      // The client answers RESYNC with a checkpoint pull of its own, so nothing is lost.
      const resync = new Frame(Buffer.from(`data: ${JSON.stringify(STREAM_RESYNC)}\n\n`));
      for (const m of this.members) m.write(resync);
    } finally {
      this.running = false;
    }
  }

  private resyncQueued = false;

  /** One RESYNC for a burst of notices (a publication notifies spaces, questions and posts at once). */
  private resyncSoon(): void {
    if (this.resyncQueued) return;
    this.resyncQueued = true;
    setImmediate(() => {
      this.resyncQueued = false;
      const resync = new Frame(Buffer.from(`data: ${JSON.stringify(STREAM_RESYNC)}\n\n`));
      for (const m of this.members) m.write(resync);
    });
  }

  private async send(page: unknown): Promise<void> {
    const members = [...this.members];
    // Checked after the pull: a revocation committed before the page is sent ends the stream
    // instead, and what a page holds was read while the access still held. All the members'
    // questions of this tick share one query (SessionScopes). Anonymous members have nothing to
    // revoke and are not asked.
    const signedIn = members.filter((m) => m.sessionHash !== null);
    const revoked = new Set<Member>();
    if (signedIn.length > 0) {
      const scopes = await Promise.all(signedIn.map((m) => this.scopes.current(m.sessionHash!)));
      signedIn.forEach((m, i) => scopes[i] !== this.scope && revoked.add(m));
    }
    const frame = new Frame(Buffer.from(`data: ${JSON.stringify(page)}\n\n`));
    for (let i = 0; i < members.length; i++) {
      // A member that closes meanwhile is skipped by its own write (closed).
      if (i > 0 && i % WRITE_SLICE === 0) await yieldToEventLoop();
      const m = members[i]!;
      if (revoked.size > 0 && revoked.has(m)) m.end();
      else m.write(frame);
    }
  }
}

/**
 * Server-sent events for one collection and one viewer. Each committed write to the collection
 * wakes the stream's group (StreamGroup: the streams of the same scope), which runs the same
 * visibility-filtered pull as GET /pull and sends what it finds. It starts at the group's
 * checkpoint: the client asks for a RESYNC (a checkpoint pull) when the stream opens, which
 * covers everything before.
 *
 * Access is not settled once: before each page is sent and every few seconds the session is
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
  let closed = false;
  /** Set once the headers are out: the response is chunked and not compressed (Frame.chunk fits). */
  let chunked = false;

  const write = (frame: Frame) => {
    // Nothing before the headers: a page that reaches a member that soon was read before it
    // joined (a pull takes I/O; joining and the headers are one run of microtasks), so the
    // device's RESYNC covers it.
    if (closed || !res.headersSent) return;
    // The cheap path, taken by nearly every write of a fan-out: the chunk framed once for all,
    // straight onto the socket, when nothing of the response waits in its own buffer (its
    // writable length is all the socket's). Otherwise res.write frames it and keeps the order.
    const socket = res.socket;
    const ok =
      chunked && socket !== null && res.writableLength === socket.writableLength
        ? socket.write(frame.chunk)
        : res.write(frame.event);
    // A device that reads too slowly must not make the server buffer without bound: past the
    // limit it is dropped with a retry hint, reconnects, and its RESYNC pull catches up.
    if (!ok && res.writableLength > registry.maxBufferedBytes) {
      end(RECONNECT_AFTER_ERROR_MS);
      // Its hint sits behind the backlog; one that never reads it is cut off.
      setTimeout(() => res.destroy(), RECONNECT_AFTER_ERROR_MS).unref();
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
  const end = (retryMs?: number) => {
    if (closed) return;
    if (retryMs !== undefined && res.headersSent && !res.writableEnded) res.write(`retry: ${retryMs}\n\n`);
    closed = true;
    clearInterval(heartbeat);
    clearTimeout(expiry);
    leave();
    unregister();
    res.end();
  };
  const { group, leave } = registry.join(ctx, collection, viewer, {
    sessionHash: owner.sessionHash,
    write,
    end,
  });
  const unregister = registry.add({ ip: owner.ip, userId: viewer.user?.id ?? null, end, recheck });
  const heartbeat = setInterval(() => {
    if (!closed) res.write(': heartbeat\n\n');
  }, HEARTBEAT_MS);
  // Spread over ±10 %, so streams opened together do not all reconnect together.
  const expiry = setTimeout(() => end(1_000), owner.maxAgeMs * (0.9 + Math.random() * 0.2));
  // res, not req: req's 'close' fires as soon as its (empty) body has been read.
  res.on('close', () => end());

  try {
    await group.ready;
  } catch (err) {
    end();
    throw err;
  }
  if (closed) return;
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    Connection: 'keep-alive',
    // Stops nginx-style proxies from buffering the stream.
    'X-Accel-Buffering': 'no',
  });
  // writeHead has settled the framing: chunked unless the client spoke HTTP/1.0 (then the body
  // ends with the connection), and the compression filter leaves event streams alone.
  chunked = res.chunkedEncoding && !res.hasHeader('Content-Encoding');
  res.write(': connected\n\n');
}
