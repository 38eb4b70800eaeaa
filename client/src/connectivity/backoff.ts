export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  /**
   * The random share of each wait: 1 (the default, "full jitter") waits anywhere up to the ceiling;
   * 0.5 at least half of it, for a retry that must not come back at once (a server that refused).
   */
  jitter?: number;
  /** 0..1 of `random()`; injected in tests, Math.random on devices. */
  random?: () => number;
}

/**
 * The one retry schedule of the client (connectivity probe, live streams, uploads, loading the
 * data layer): exponential backoff with jitter. The n-th retry (from 0) waits a random time in
 * [(1 − jitter)·ceiling, ceiling], ceiling = min(max, base·2ⁿ), so phones that lost the same cell
 * tower do not all come back in the same second.
 */
export function backoffDelay(
  attempt: number,
  { baseMs, maxMs, jitter = 1, random = Math.random }: BackoffOptions,
): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.round(ceiling * (1 - jitter + jitter * random()));
}

/** The first `count` waits at once, for libraries that take a list of retry delays (tus). */
export function backoffDelays(count: number, options: BackoffOptions): number[] {
  return Array.from({ length: count }, (_, attempt) => backoffDelay(attempt, options));
}

/** Counts consecutive failures of one kind of request and says how long to wait before the next. */
export class Backoff {
  private failures = 0;
  constructor(private readonly options: BackoffOptions) {}

  get attempts(): number {
    return this.failures;
  }

  /** The wait before the next try: 0 after a success. */
  nextDelay(): number {
    return this.failures === 0 ? 0 : backoffDelay(this.failures - 1, this.options);
  }

  failed(): void {
    this.failures++;
  }

  succeeded(): void {
    this.failures = 0;
  }
}
