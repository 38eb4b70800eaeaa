import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ParleyApp } from './app';
import { trackInFlight } from './in-flight';

/** Streams ended by a shutdown reconnect after 1–5 s: spread out, so the other instances are not hit at once. */
const RETRY_MIN_MS = 1_000;
const RETRY_SPREAD_MS = 4_000;

export interface Listening {
  server: Server;
  /** http://host:port with the real port (PORT=0 picks a free one). */
  url: string;
  /**
   * Graceful stop: stops accepting connections, lets in-flight requests (a push, say) finish for
   * up to `drainMs`, then ends streams with an SSE `retry:` hint and closes the idle sockets.
   */
  close(opts?: { drainMs?: number }): Promise<void>;
}

export function listen(parley: ParleyApp, host: string, port: number): Promise<Listening> {
  return new Promise((resolve, reject) => {
    const server = parley.app.listen(port, host);
    const inFlight = trackInFlight(server);
    server.once('error', reject);
    server.once('listening', () => {
      const { port: actual } = server.address() as AddressInfo;
      const shownHost = host.includes(':') ? `[${host}]` : host;
      resolve({
        server,
        url: `http://${shownHost}:${actual}`,
        close: async ({ drainMs = 8_000 } = {}) => {
          const closed = new Promise<void>((done, fail) => server.close((err) => (err ? fail(err) : done())));
          inFlight.closing();
          server.closeIdleConnections();
          await inFlight.drained(drainMs);
          parley.endStreams(() => RETRY_MIN_MS + Math.round(Math.random() * RETRY_SPREAD_MS));
          server.closeIdleConnections();
          // Whatever is still open after the drain (a stuck request) is cut.
          setTimeout(() => server.closeAllConnections(), 1_000).unref();
          await closed;
        },
      });
    });
  });
}
