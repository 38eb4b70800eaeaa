import type { DeviceMessage } from './processes';

export { wallNow } from './processes';

/** The configuration the bench gave this device process. */
export function deviceConfig<T>(): T {
  const raw = process.env.BENCH_DEVICE;
  if (!raw) throw new Error('BENCH_DEVICE is not set: this script is started by the bench');
  return JSON.parse(raw) as T;
}

/**
 * Runs each command the bench sends, one at a time, and sends back what the handler returns.
 * An exception becomes an `error` message, so the bench fails with the device's reason.
 */
export function serveCommands(handler: (message: DeviceMessage) => Promise<DeviceMessage>): void {
  let queue = Promise.resolve();
  process.on('message', (message: DeviceMessage) => {
    queue = queue.then(async () => {
      try {
        process.send?.(await handler(message));
      } catch (error) {
        process.send?.({
          type: 'error',
          message: error instanceof Error ? (error.stack ?? error.message) : String(error),
        });
      }
    });
  });
  // The bench ends a device by closing its IPC channel or with SIGTERM.
  process.on('disconnect', () => process.exit(0));
}

export interface RequestLog {
  at: number;
  method: string;
  path: string;
}

/** Counts the HTTP requests a device makes, by kind, from a moment the bench chooses. */
export class RequestCounter {
  log: RequestLog[] = [];

  note(method: string, url: string): void {
    this.log.push({ at: performance.now(), method, path: new URL(url).pathname });
  }

  reset(): void {
    this.log = [];
  }

  get count(): number {
    return this.log.length;
  }

  /** Requests by kind: the last path segment (pull, push, stream, health, _changes, _bulk_get…). */
  byKind(): Record<string, number> {
    const kinds: Record<string, number> = {};
    for (const { method, path } of this.log) {
      if (path.includes('/_local/')) {
        kinds._local = (kinds._local ?? 0) + 1;
        continue;
      }
      const last = path.split('/').filter(Boolean).at(-1) ?? '/';
      const kind = /^[0-9a-f-]{20,}$/i.test(last) || last === 'posts' ? `${method} doc/db` : last;
      kinds[kind] = (kinds[kind] ?? 0) + 1;
    }
    return kinds;
  }

  /** Milliseconds since the last request started (to tell when a device has gone quiet). */
  idleFor(): number {
    const last = this.log.at(-1);
    return last ? performance.now() - last.at : Infinity;
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` until it returns a value, for at most `timeoutMs`. */
export async function waitFor<T>(
  check: () => T | undefined | Promise<T | undefined>,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    const value = await check();
    if (value !== undefined) return value;
    await sleep(5);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}
