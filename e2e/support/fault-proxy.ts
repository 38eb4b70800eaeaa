import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** What the proxy does with one request. */
export type FaultAction =
  /** Forward it and its answer untouched. */
  | 'pass'
  /**
   * Forward it, let the server answer in full, then cut the client's connection before a byte of
   * the answer reaches it: the server did the work, the device never learns it.
   */
  | 'drop-response'
  /** Forward the headers and part of the body, then cut both sides: the server gets half a request. */
  | 'cut-request'
  /** Forward it, pass the status line and part of the answer, then cut: the device gets half an answer. */
  | 'cut-response'
  /** Hold the request this long before forwarding it (a slow link). */
  | { delayMs: number };

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
  /**
   * Takes the link down (every open connection, streams included, is cut and new ones are cut on
   * arrival) or brings it back up.
   */
  setDown(down: boolean): void;
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

  let down = false;
  const sockets = new Set<Socket>();

  const forward = (req: http.IncomingMessage, res: http.ServerResponse, action: FaultAction) => {
    const info: ProxiedRequest = { method: req.method ?? 'GET', path: req.url ?? '/' };
    const cut = () => {
      upstream.destroy();
      req.socket.destroy();
    };
    const upstream = http.request(
      { host: '127.0.0.1', port: targetPort, method: req.method, path: req.url, headers: req.headers },
      (upRes) => {
        // The server died mid-answer (killed): the device's connection dies too. Without this a
        // connection whose answer was being dropped stayed open for ever, and so did its request.
        upRes.once('close', () => {
          if (!upRes.complete) req.socket.destroy();
        });
        if (action === 'drop-response') {
          upRes.resume();
          upRes.once('end', () => req.socket.destroy());
          return;
        }
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        if (action === 'cut-response') {
          // Half of the first chunk reaches the device, then the connection dies.
          upRes.once('data', (chunk: Buffer) => {
            res.write(chunk.subarray(0, Math.max(1, chunk.length >> 1)), () => cut());
          });
          return;
        }
        upRes.pipe(res);
        upRes.once('error', () => req.socket.destroy());
      },
    );
    upstream.once('error', () => req.socket.destroy());
    if (action === 'cut-request') {
      // The headers and at most half of the first body chunk reach the server.
      upstream.flushHeaders();
      let sent = false;
      req.once('data', (chunk: Buffer) => {
        sent = true;
        upstream.write(chunk.subarray(0, chunk.length >> 1), () => setTimeout(cut, 20));
      });
      req.once('end', () => {
        if (!sent) setTimeout(cut, 20);
      });
      return;
    }
    req.pipe(upstream);
    req.once('end', () => forwarded?.(info));
    // The browser gave up (a closed EventSource, a cut connection): stop the upstream request too.
    res.once('close', () => upstream.destroy());
  };

  const server = http.createServer((req, res) => {
    const info: ProxiedRequest = { method: req.method ?? 'GET', path: req.url ?? '/' };
    seen.push(info);
    const action = rule(info);
    if (typeof action === 'object') {
      req.pause();
      const timer = setTimeout(() => {
        req.resume();
        forward(req, res, 'pass');
      }, action.delayMs);
      req.socket.once('close', () => clearTimeout(timer));
      return;
    }
    forward(req, res, action);
  });
  server.on('connection', (socket: Socket) => {
    if (down) return socket.destroy();
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    setRule: (next) => (rule = next),
    onForwarded: (hook) => (forwarded = hook),
    setDown: (next) => {
      down = next;
      if (!down) return;
      for (const socket of sockets) socket.destroy();
      sockets.clear();
    },
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
