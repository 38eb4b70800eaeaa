import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, request } from './http';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

/** A real server on loopback that behaves like a link that died half-way. */
async function listen(handler: Parameters<typeof createServer>[1]): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('request', () => {
  it('gives up with a network error when the server never answers', async () => {
    const baseUrl = await listen(() => {
      // accept the request, never answer
    });
    const error = await request('GET', '/api/x', undefined, { baseUrl, timeoutMs: 300 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 0, code: 'network' });
  });

  it('gives up when the body stops half-way', async () => {
    const baseUrl = await listen((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"documents": [');
    });
    const error = await request('GET', '/api/x', undefined, { baseUrl, timeoutMs: 300 }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ status: 0, code: 'network' });
  });

  it('keeps the server error code of a refused request', async () => {
    const baseUrl = await listen((_req, res) => {
      res.writeHead(403, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'forbidden', message: 'Moderators only.' } }));
    });
    const error = await request('POST', '/api/x', {}, { baseUrl }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 403, code: 'forbidden', message: 'Moderators only.' });
  });
});
