import { Backoff, type BackoffOptions } from './backoff';

export type LinkState = 'online' | 'offline';

export interface ConnectivityOptions {
  healthUrl: string;
  initiallyOnline: boolean;
  backoff?: BackoffOptions;
  /** A probe that takes longer than this counts as failed (2G can stall a request for minutes). */
  probeTimeoutMs?: number;
  fetch?: typeof fetch;
}

/**
 * Whether the server can be reached. `navigator.onLine` only says a network interface is up
 * (captive portals, dead cells and stalled 2G all read as "online"), so the truth comes from
 * requests: a failed one makes us offline, and a probe of /api/health, retried with exponential
 * backoff and jitter, or woken at once by the browser's `online` event, brings us back.
 */
export class Connectivity {
  private state: LinkState;
  private readonly listeners = new Set<(s: LinkState) => void>();
  private readonly backoff: Backoff;
  private probing = false;
  private wake: (() => void) | null = null;
  private stopped = false;

  constructor(private readonly options: ConnectivityOptions) {
    this.state = options.initiallyOnline ? 'online' : 'offline';
    this.backoff = new Backoff(options.backoff ?? { baseMs: 1_000, maxMs: 60_000 });
    if (!options.initiallyOnline) void this.probe();
  }

  get current(): LinkState {
    return this.state;
  }

  subscribe(listener: (s: LinkState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves when the server is reachable (at once if it is). */
  whenOnline(): Promise<void> {
    if (this.state === 'online') return Promise.resolve();
    return new Promise((resolve) => {
      const off = this.subscribe((s) => {
        if (s === 'online') {
          off();
          resolve();
        }
      });
    });
  }

  /** A request failed at the network level (not an HTTP error: the server answered those). */
  reportFailure(): void {
    this.set('offline');
    void this.probe();
  }

  reportSuccess(): void {
    this.backoff.succeeded();
    this.set('online');
  }

  /** The browser's `online` event: worth checking now rather than at the next backoff step. */
  browserOnline(): void {
    if (this.state === 'online') return;
    this.backoff.succeeded();
    this.wake?.();
    void this.probe();
  }

  /** The browser's `offline` event is reliable in that direction. */
  browserOffline(): void {
    this.reportFailure();
  }

  stop(): void {
    this.stopped = true;
    this.wake?.();
  }

  private set(next: LinkState): void {
    if (next === this.state) return;
    this.state = next;
    for (const l of [...this.listeners]) l(next);
  }

  private async probe(): Promise<void> {
    if (this.probing) return;
    this.probing = true;
    try {
      while (this.state === 'offline' && !this.stopped) {
        await this.sleep(this.backoff.nextDelay());
        // A request may have succeeded while we slept.
        if (this.stopped || this.current === 'online') return;
        if (await this.healthy()) {
          this.reportSuccess();
          return;
        }
        this.backoff.failed();
      }
    } finally {
      this.probing = false;
    }
  }

  private async healthy(): Promise<boolean> {
    const doFetch = this.options.fetch ?? fetch;
    try {
      const res = await doFetch(this.options.healthUrl, {
        cache: 'no-store',
        signal: AbortSignal.timeout(this.options.probeTimeoutMs ?? 10_000),
      });
      return res.ok;
    } catch {
      return false;
    }
  }

  private sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = null;
        done();
      };
    });
  }
}
