import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Connectivity } from './connectivity';

/** A real health endpoint on loopback that can be taken down and brought back. */
async function healthServer(port = 0) {
  let hits = 0;
  const server = http.createServer((_req, res) => {
    hits++;
    res.end('{"ok":true}');
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}/api/health`,
    port: actual,
    hits: () => hits,
    stop: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

const quick = { baseMs: 20, maxMs: 80 };
let toStop: (() => unknown)[] = [];
afterEach(async () => {
  for (const s of toStop) await s();
  toStop = [];
});

describe('Connectivity', () => {
  it('goes offline on a failed request and comes back once the health probe answers', async () => {
    const health = await healthServer();
    const link = new Connectivity({ healthUrl: health.url, initiallyOnline: true, backoff: quick });
    toStop.push(() => link.stop(), health.stop);
    const seen: string[] = [];
    link.subscribe((s) => seen.push(s));

    link.reportFailure();
    expect(link.current).toBe('offline');
    await link.whenOnline();
    expect(seen).toEqual(['offline', 'online']);
    expect(health.hits()).toBeGreaterThanOrEqual(1);
  });

  it('keeps probing with backoff while the server is down, and recovers when it returns', async () => {
    const first = await healthServer();
    const { url, port } = first;
    await first.stop();
    const link = new Connectivity({ healthUrl: url, initiallyOnline: false, backoff: quick });
    toStop.push(() => link.stop());

    await new Promise((r) => setTimeout(r, 300));
    expect(link.current).toBe('offline');

    const back = await healthServer(port);
    toStop.push(back.stop);
    await link.whenOnline();
    expect(link.current).toBe('online');
  });

  it('believes an offline event at once but checks an online event against the server', async () => {
    const first = await healthServer();
    const { url, port } = first;
    await first.stop();
    const link = new Connectivity({
      healthUrl: url,
      initiallyOnline: true,
      backoff: { baseMs: 60_000, maxMs: 60_000 },
    });
    toStop.push(() => link.stop());

    link.browserOffline();
    expect(link.current).toBe('offline');
    await new Promise((r) => setTimeout(r, 100)); // the first probe fails: next one in up to a minute
    const back = await healthServer(port);
    toStop.push(back.stop);

    const started = Date.now();
    link.browserOnline();
    await link.whenOnline();
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(back.hits()).toBe(1);
  });
});
