import { randomBytes } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROFILES } from './profiles';
import { startLinkProxy, type LinkProxy } from './proxy';

const payload = randomBytes(200_000); // random bytes: nothing on the way may compress them
let origin: http.Server;
let originPort: number;

beforeAll(async () => {
  origin = http.createServer((req, res) => {
    if (req.method === 'POST') {
      let n = 0;
      req.on('data', (c: Buffer) => (n += c.length));
      req.on('end', () => res.end(String(n)));
      return;
    }
    res.setHeader('Content-Length', payload.length);
    res.end(payload);
  });
  await new Promise<void>((r) => origin.listen(0, '127.0.0.1', r));
  originPort = (origin.address() as net.AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => origin.close(() => r())));

/** One request on a fresh connection, as a cold client makes it. */
function request(
  port: number,
  method: 'GET' | 'POST',
  body?: Buffer,
): Promise<{ ms: number; bytes: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: '/', agent: false }, (res) => {
      let bytes = 0;
      res.on('data', (c: Buffer) => (bytes += c.length));
      res.on('end', () => resolve({ ms: performance.now() - started, bytes }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('link proxy accuracy', () => {
  let proxy: LinkProxy;
  const { delayMs, downBps, upBps } = PROFILES['3g'];
  beforeAll(async () => {
    proxy = await startLinkProxy({ host: '127.0.0.1', port: originPort }, PROFILES['3g']);
  });
  afterAll(() => proxy.close());

  it('a 200 kB download takes the handshake, two one-way delays and the transfer time, within 10%', async () => {
    const { ms, bytes } = await request(proxy.port, 'GET');
    expect(bytes).toBe(payload.length);
    // handshake (1 RTT) + request up (d) + response down (d) + serialisation at 1.6 Mbit/s
    const expected = 2 * delayMs + 2 * delayMs + (payload.length * 8 * 1000) / downBps;
    expect(ms).toBeGreaterThan(expected * 0.9);
    expect(ms).toBeLessThan(expected * 1.1);
  });

  it('an upload is paced by the slower uplink', async () => {
    const body = randomBytes(76_800);
    const { ms, bytes } = await request(proxy.port, 'POST', body);
    expect(bytes).toBeGreaterThan(0);
    const expected = 4 * delayMs + (body.length * 8 * 1000) / upBps;
    expect(ms).toBeGreaterThan(expected * 0.9);
    expect(ms).toBeLessThan(expected * 1.1);
  });

  it('two downloads at once share one bucket: together they take twice as long', async () => {
    const [a, b] = await Promise.all([request(proxy.port, 'GET'), request(proxy.port, 'GET')]);
    const expected = 4 * delayMs + (2 * payload.length * 8 * 1000) / downBps;
    expect(Math.max(a.ms, b.ms)).toBeGreaterThan(expected * 0.9);
    expect(Math.max(a.ms, b.ms)).toBeLessThan(expected * 1.1);
  });

  it('keeps a half-closed connection open until the answer has arrived', async () => {
    const echo = net.createServer({ allowHalfOpen: true }, (s) => {
      const chunks: Buffer[] = [];
      s.on('data', (c: Buffer) => chunks.push(c));
      s.on('end', () => s.end(Buffer.concat(chunks).toString().toUpperCase()));
    });
    await new Promise<void>((r) => echo.listen(0, '127.0.0.1', r));
    const echoProxy = await startLinkProxy(
      { host: '127.0.0.1', port: (echo.address() as net.AddressInfo).port },
      PROFILES['2g'],
    );
    try {
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = net.connect({ port: echoProxy.port, host: '127.0.0.1', allowHalfOpen: true });
        let got = '';
        socket.on('data', (c: Buffer) => (got += c.toString()));
        socket.on('end', () => resolve(got));
        socket.on('error', reject);
        socket.end('hello over 2g');
      });
      expect(answer).toBe('HELLO OVER 2G');
      expect(echoProxy.stats()).toMatchObject({ connections: 1, bytesUp: 13, bytesDown: 13 });
    } finally {
      await echoProxy.close();
      await new Promise<void>((r) => echo.close(() => r()));
    }
  });
});
