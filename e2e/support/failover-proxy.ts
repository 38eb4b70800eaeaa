import { connect, createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface FailoverProxy {
  url: string;
  /** Connections handed to each backend port so far. */
  connections: Map<number, number>;
  /** Called with the first bytes a client sends on a connection to `port` (a request line, usually). */
  onClientData(watch: ((port: number, chunk: Buffer) => void) | null): void;
  close(): Promise<void>;
}

/**
 * What a load balancer does for Parley's instances, at the TCP level: each new connection goes to
 * the first backend that accepts it, so while instance A lives everything goes to A, and once A is
 * gone (connection refused) the same clients land on B. Open connections to a dead backend are cut,
 * as a real balancer's would be.
 */
export async function startFailoverProxy(ports: number[]): Promise<FailoverProxy> {
  const connections = new Map<number, number>();
  const open = new Set<Socket>();
  let watch: ((port: number, chunk: Buffer) => void) | null = null;

  const server = createServer((client) => {
    open.add(client);
    client.on('close', () => open.delete(client));
    client.pause();
    const tryBackend = (index: number) => {
      const port = ports[index];
      if (port === undefined) return client.destroy();
      const backend = connect(port, '127.0.0.1');
      open.add(backend);
      backend.on('close', () => open.delete(backend));
      let connected = false;
      backend.once('error', () => {
        if (!connected) tryBackend(index + 1);
      });
      backend.once('connect', () => {
        connected = true;
        connections.set(port, (connections.get(port) ?? 0) + 1);
        backend.on('error', () => client.destroy());
        client.on('error', () => backend.destroy());
        backend.on('close', () => client.destroy());
        client.on('close', () => backend.destroy());
        client.on('data', (chunk: Buffer) => watch?.(port, chunk));
        client.pipe(backend);
        backend.pipe(client);
        client.resume();
      });
    };
    tryBackend(0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    connections,
    onClientData: (next) => {
      watch = next;
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
