/**
 * The fan-out case's floor, in a process of its own (started by cases/fan-out.ts): a bare Node
 * HTTP server that keeps every GET open as an event stream and, on `broadcast`, writes one frame
 * naming an id to all of them, framed once as an HTTP/1.1 chunk and put straight on each socket,
 * as Parley's fast path does. No database, no session, no visibility: what is left is the cost of
 * one write per open connection, which no server with a connection per device can go below.
 *
 * Commands: `listen` → `listening` (url, pid); `broadcast` (id, bytes) → `sent`.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { serveCommands } from '../device-side';

const sockets = new Set<Socket>();

const server = http.createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  res.flushHeaders();
  const socket = res.socket!;
  sockets.add(socket);
  req.on('close', () => sockets.delete(socket));
});

/** `data: <id> <padding>\n\n` of `bytes` bytes, as one chunk of a chunked response. */
function chunkOf(id: string, bytes: number): Buffer {
  const head = `data: ${id} `;
  const event = Buffer.from(`${head}${'x'.repeat(Math.max(0, bytes - head.length - 2))}\n\n`);
  return Buffer.concat([Buffer.from(`${event.length.toString(16)}\r\n`), event, Buffer.from('\r\n')]);
}

serveCommands(async (message) => {
  switch (message.type) {
    case 'listen': {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      return { type: 'listening', url: `http://127.0.0.1:${port}`, pid: process.pid };
    }
    case 'broadcast': {
      const chunk = chunkOf(String(message.id), Number(message.bytes));
      for (const socket of sockets) socket.write(chunk);
      return { type: 'sent', streams: sockets.size };
    }
    default:
      throw new Error(`unknown command ${message.type}`);
  }
});
