import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SentryReceiver {
  /** The DSN the app server is given: this receiver on loopback, project 1. */
  dsn: string;
  /** Every envelope body received, in order (newline-delimited JSON, as Sentry sends it). */
  envelopes: string[];
  close(): Promise<void>;
}

/**
 * Stands in for Sentry's ingest endpoint: accepts envelope POSTs on /api/<project>/envelope/ and
 * keeps them. It answers CORS like Sentry does, since the page posts from another origin.
 */
export async function startSentryReceiver(): Promise<SentryReceiver> {
  const envelopes: string[] = [];
  const server: Server = createServer((req, res) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Allow-Headers', '*');
    res.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
    if (req.method === 'OPTIONS') return void res.writeHead(204).end();
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method === 'POST' && /^\/api\/\d+\/envelope\//.test(req.url ?? '')) {
        envelopes.push(Buffer.concat(chunks).toString('utf8'));
        res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
      } else {
        res.writeHead(404).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    dsn: `http://publickey@127.0.0.1:${port}/1`,
    envelopes,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
