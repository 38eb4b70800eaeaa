import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/** Server-sent event streams never finish by themselves: a shutdown ends them, it does not wait. */
function isStream(req: IncomingMessage): boolean {
  const path = (req.url ?? '').split('?')[0] ?? '';
  return path.endsWith('/stream');
}

export interface InFlight {
  /** Requests being answered now, streams excluded. */
  readonly count: number;
  /** From now on every response says `Connection: close`, so keep-alive sockets end after it. */
  closing(): void;
  /** Resolves when no request (but streams) is being answered, or after `timeoutMs`. */
  drained(timeoutMs: number): Promise<void>;
}

/**
 * Counts the requests a server is answering, so a graceful shutdown can let an in-flight push
 * finish (its client then gets the answer, not a reset it would retry) before closing the rest.
 */
export function trackInFlight(server: Server): InFlight {
  let count = 0;
  let isClosing = false;
  let waiters: (() => void)[] = [];
  const settle = () => {
    if (count > 0) return;
    const done = waiters;
    waiters = [];
    done.forEach((w) => w());
  };
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (isClosing) res.setHeader('Connection', 'close');
    if (isStream(req)) return;
    count++;
    res.once('close', () => {
      count--;
      settle();
    });
  });
  return {
    get count() {
      return count;
    },
    closing: () => {
      isClosing = true;
    },
    drained: (timeoutMs) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, timeoutMs);
        waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
        settle();
      }),
  };
}
