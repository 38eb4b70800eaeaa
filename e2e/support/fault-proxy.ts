import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the proxy does with one request. */
export type FaultAction =
  /** Forward it and its answer untouched. */
  | 'pass'
  /**
   * Forward it, let the server answer in full, then cut the client's connection before a byte of
   * the answer reaches it: the server did the work, the device never learns it.
   */
  | 'drop-response';

export interface ProxiedRequest {
  method: string;
  path: string;
}

export interface FaultProxy {
  url: string;
  /** Every request seen, in order. */
  seen: ProxiedRequest[];
  /** Decides the fate of each request (default: pass). */
  setRule(rule: (req: ProxiedRequest) => FaultAction): void;
  /** Called once a request's body has been forwarded in full (the server has it). */
  onForwarded(hook: ((req: ProxiedRequest) => void) | null): void;
  close(): Promise<void>;
}

/**
 * An HTTP proxy in front of the server for fault injection. The browser talks to it as its origin,
 * so the page, its cookies and its service worker survive a server restart behind it. When the
 * server is unreachable (killed, restarting) it cuts the client's connection, as a dead network
 * would, rather than answering 502. Streams (SSE) are piped through unbuffered.
 */
export async function startFaultProxy(targetPort: number): Promise<FaultProxy> {
  const seen: ProxiedRequest[] = [];
  let rule: (req: ProxiedRequest) => FaultAction = () => 'pass';
  let forwarded: ((req: ProxiedRequest) => void) | null = null;

  const server = http.createServer((req, res) => {
    const info: ProxiedRequest = { method: req.method ?? 'GET', path: req.url ?? '/' };
    seen.push(info);
    const action = rule(info);
    const upstream = http.request(
      { host: '127.0.0.1', port: targetPort, method: req.method, path: req.url, headers: req.headers },
      (upRes) => {
        if (action === 'drop-response') {
          upRes.resume();
          upRes.once('end', () => req.socket.destroy());
          return;
        }
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        upRes.pipe(res);
        upRes.once('error', () => req.socket.destroy());
      },
    );
    upstream.once('error', () => req.socket.destroy());
    req.pipe(upstream);
    req.once('end', () => forwarded?.(info));
    // The browser gave up (a closed EventSource, a cut connection): stop the upstream request too.
    res.once('close', () => upstream.destroy());
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    setRule: (next) => (rule = next),
    onForwarded: (hook) => (forwarded = hook),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A free TCP port on 127.0.0.1 (for a server that must come back on the same port). */
export async function freePort(): Promise<number> {
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
