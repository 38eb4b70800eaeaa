/**
 * A share of the fan-out case's readers in a process of its own (started by cases/fan-out.ts):
 * thousands of anonymous SSE streams on raw sockets, read just enough to see an id. Apart from
 * the bench driver, so the time until the last stream has a post is the server's, not that of a
 * reader starved by the driver's own event loop.
 *
 * Commands: `open` (n streams to `url`) → `opened`; `expect` (an id) → `armed` at once, then
 * `delivered` with the wall-clock moment (wallNow, shared by every process) the last of this
 * process's streams received an event naming it; `close` → `closed`.
 */
import http from 'node:http';
import { serveCommands, wallNow } from '../device-side';

/** Streams opened at once while setting up (the server answers each with a group join). */
const OPEN_CONCURRENCY = 250;
const DELIVERY_TIMEOUT_MS = 60_000;

interface Stream {
  res: http.IncomingMessage;
  /** The end of the previous chunk: an id split across two chunks is still found. */
  tail: string;
  got: string | null;
}

const streams: Stream[] = [];
const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
let waiting: { id: string; remaining: number; timer: NodeJS.Timeout } | null = null;

function openOne(base: URL): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      {
        host: base.hostname,
        port: base.port,
        path: '/api/sync/posts/stream',
        agent,
        headers: { accept: 'text/event-stream' },
      },
      (res) => {
        if (res.statusCode !== 200) return reject(new Error(`stream: HTTP ${res.statusCode}`));
        const stream: Stream = { res, tail: '', got: null };
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => read(stream, chunk));
        res.on('error', () => undefined);
        streams.push(stream);
        resolve();
      },
    );
    req.on('error', reject);
  });
}

function read(stream: Stream, chunk: string): void {
  const w = waiting;
  if (w && stream.got !== w.id && (stream.tail + chunk).includes(w.id)) {
    stream.got = w.id;
    if (--w.remaining === 0) {
      const at = wallNow();
      clearTimeout(w.timer);
      waiting = null;
      process.send?.({ type: 'delivered', id: w.id, at });
    }
  }
  stream.tail = chunk.slice(-64);
}

serveCommands(async (message) => {
  switch (message.type) {
    case 'open': {
      const base = new URL(String(message.url));
      const n = Number(message.n);
      for (let i = 0; i < n; i += OPEN_CONCURRENCY)
        await Promise.all(Array.from({ length: Math.min(OPEN_CONCURRENCY, n - i) }, () => openOne(base)));
      return { type: 'opened', count: streams.length };
    }
    case 'expect': {
      const id = String(message.id);
      const timer = setTimeout(() => {
        process.send?.({
          type: 'error',
          message: `${waiting?.remaining} of ${streams.length} streams never got ${id}`,
        });
      }, DELIVERY_TIMEOUT_MS);
      waiting = { id, remaining: streams.length, timer };
      return { type: 'armed' };
    }
    case 'close':
      for (const s of streams) s.res.destroy();
      agent.destroy();
      return { type: 'closed' };
    default:
      throw new Error(`unknown command ${message.type}`);
  }
});
