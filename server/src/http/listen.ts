import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ParleyApp } from './app';

export interface Listening {
  server: Server;
  /** http://host:port with the real port (PORT=0 picks a free one). */
  url: string;
  /** Stops accepting, ends streams, waits for in-flight requests. */
  close(): Promise<void>;
}

export function listen(parley: ParleyApp, host: string, port: number): Promise<Listening> {
  return new Promise((resolve, reject) => {
    const server = parley.app.listen(port, host);
    server.once('error', reject);
    server.once('listening', () => {
      const { port: actual } = server.address() as AddressInfo;
      const shownHost = host.includes(':') ? `[${host}]` : host;
      resolve({
        server,
        url: `http://${shownHost}:${actual}`,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((err) => (err ? fail(err) : done()));
            parley.endStreams();
            server.closeIdleConnections();
          }),
      });
    });
  });
}
