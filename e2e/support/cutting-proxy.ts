import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Transform, type TransformCallback } from 'node:stream';

export interface CuttingProxy {
  url: string;
  /** How many upload requests were cut mid-body. */
  cuts: number;
  /** Upload requests (PATCH) seen. */
  patches: number;
  close(): Promise<void>;
}

/** Lets a body through at about `bytesPerSecond`, in slices, like a slow mobile uplink. */
function throttle(bytesPerSecond: number): Transform {
  const slice = 32 * 1024;
  const pause = (slice / bytesPerSecond) * 1000;
  return new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      let at = 0;
      const next = () => {
        if (at >= chunk.length) return done();
        this.push(chunk.subarray(at, at + slice));
        at += slice;
        setTimeout(next, pause);
      };
      next();
    },
  });
}

/**
 * A loopback HTTP proxy whose link drops every few seconds for uploads: every `cutEveryMs` it
 * cuts each upload request (tus PATCH to /api/uploads) that is still sending, on both sides, as
 * a lost mobile connection would. Upload bodies are throttled so that a 10 MB file spans several
 * cuts. Everything else passes untouched.
 */
export async function startCuttingProxy(
  targetPort: number,
  options: { cutEveryMs: number; bytesPerSecond: number },
): Promise<CuttingProxy> {
  const inFlight = new Set<() => void>();
  const state = { cuts: 0, patches: 0 };
  const server = http.createServer((req, res) => {
    const upload = req.method === 'PATCH' && (req.url ?? '').startsWith('/api/uploads/');
    const upstream = http.request(
      { host: '127.0.0.1', port: targetPort, method: req.method, path: req.url, headers: req.headers },
      (upRes) => {
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        upRes.pipe(res);
        upRes.once('error', () => req.socket.destroy());
      },
    );
    upstream.once('error', () => req.socket.destroy());
    res.once('close', () => upstream.destroy());
    if (!upload) {
      req.pipe(upstream);
      return;
    }
    state.patches++;
    const cut = () => {
      state.cuts++;
      upstream.destroy();
      req.socket.destroy();
    };
    inFlight.add(cut);
    req.once('end', () => inFlight.delete(cut));
    req.once('close', () => inFlight.delete(cut));
    req.pipe(throttle(options.bytesPerSecond)).pipe(upstream);
  });
  const timer = setInterval(() => {
    for (const cut of [...inFlight]) {
      inFlight.delete(cut);
      cut();
    }
  }, options.cutEveryMs);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get cuts() {
      return state.cuts;
    },
    get patches() {
      return state.patches;
    },
    close: () =>
      new Promise((resolve) => {
        clearInterval(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
