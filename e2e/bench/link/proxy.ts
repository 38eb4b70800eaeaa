import net from 'node:net';
import type { LinkProfile } from './profiles';

/** TCP's usual maximum segment size on Ethernet: bandwidth is spent a segment at a time. */
const SEGMENT = 1460;

/**
 * One direction of the link, shared by every connection (as a real radio link is): a token
 * bucket that serialises segments at the link's bandwidth, then a fixed propagation delay.
 */
class Pipe {
  private freeAt = 0;
  bytes = 0;

  constructor(
    private readonly bps: number,
    private readonly delayMs: number,
  ) {}

  /** When a chunk handed over now (no earlier than `notBefore`) arrives at the other end. */
  schedule(size: number, notBefore: number): number {
    let t = Math.max(performance.now(), notBefore, this.freeAt);
    for (let left = size; left > 0; left -= SEGMENT) t += (Math.min(left, SEGMENT) * 8 * 1000) / this.bps;
    this.freeAt = t;
    this.bytes += size;
    return t + this.delayMs;
  }
}

/**
 * Delivers chunks and the end-of-stream in order, each at its arrival time. One timer per lane:
 * separate timers for nearby instants may fire out of order (libuv's cached clock).
 */
class Lane {
  private readonly queue: { at: number; chunk: Buffer | null }[] = [];
  private timer: NodeJS.Timeout | null = null;
  private last = 0;

  constructor(
    private readonly pipe: Pipe,
    private readonly to: net.Socket,
  ) {}

  send(chunk: Buffer, notBefore: number): void {
    this.push(this.pipe.schedule(chunk.length, notBefore), chunk);
  }

  /** A FIN travels the same path, after every byte sent before it. */
  end(delayMs: number): void {
    this.push(performance.now() + delayMs, null);
  }

  private push(at: number, chunk: Buffer | null): void {
    this.last = Math.max(at, this.last);
    this.queue.push({ at: this.last, chunk });
    if (!this.timer) this.arm();
  }

  private arm(): void {
    const head = this.queue[0];
    if (!head) return;
    this.timer = setTimeout(() => this.deliver(), Math.max(0, head.at - performance.now()));
  }

  private deliver(): void {
    this.timer = null;
    const now = performance.now();
    while (this.queue.length > 0 && this.queue[0]!.at <= now + 0.5) {
      const { chunk } = this.queue.shift()!;
      if (!this.to.writable) continue;
      if (chunk) this.to.write(chunk);
      else this.to.end();
    }
    this.arm();
  }
}

export interface LinkStats {
  connections: number;
  bytesUp: number;
  bytesDown: number;
}

export interface LinkProxy {
  port: number;
  stats: () => LinkStats;
  resetStats: () => void;
  /** Takes the link down: open connections are reset and new ones refused, until restore(). */
  cut: () => void;
  restore: () => void;
  close: () => Promise<void>;
}

/**
 * A shaping TCP proxy on loopback, standing in for netem (absent from this kernel): per-direction
 * delay, one shared token bucket per direction, the handshake's round trip, and correct
 * half-close (a client that ends its request still receives the whole response).
 */
export async function startLinkProxy(
  target: { host: string; port: number },
  profile: LinkProfile,
): Promise<LinkProxy> {
  const up = new Pipe(profile.upBps, profile.delayMs);
  const down = new Pipe(profile.downBps, profile.delayMs);
  let connections = 0;
  let linkDown = false;
  const sockets = new Set<net.Socket>();

  const server = net.createServer({ allowHalfOpen: true, noDelay: true }, (client) => {
    if (linkDown) {
      client.resetAndDestroy();
      return;
    }
    connections++;
    const accepted = performance.now();
    // SYN, SYN-ACK: the client can send its first byte one round trip after it asked to connect.
    const handshakeDone = accepted + 2 * profile.delayMs;
    const upstream = net.connect({ ...target, allowHalfOpen: true, noDelay: true });
    sockets.add(client).add(upstream);
    const toServer = new Lane(up, upstream);
    const toClient = new Lane(down, client);

    client.on('data', (chunk: Buffer) => toServer.send(chunk, handshakeDone));
    upstream.on('data', (chunk: Buffer) => toClient.send(chunk, 0));
    client.on('end', () => toServer.end(profile.delayMs));
    upstream.on('end', () => toClient.end(profile.delayMs));
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    // A reset on either side reaches the other one a propagation delay later.
    client.on('error', () => setTimeout(drop, profile.delayMs));
    upstream.on('error', () => setTimeout(drop, profile.delayMs));
    // A clean close needs nothing more: each FIN follows its bytes down the lane.
    client.on('close', () => sockets.delete(client));
    upstream.on('close', () => sockets.delete(upstream));
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as net.AddressInfo;
  return {
    port: address.port,
    stats: () => ({ connections, bytesUp: up.bytes, bytesDown: down.bytes }),
    resetStats: () => {
      connections = 0;
      up.bytes = 0;
      down.bytes = 0;
    },
    cut: () => {
      linkDown = true;
      for (const s of sockets) s.destroy();
      sockets.clear();
    },
    restore: () => {
      linkDown = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
