export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  /** 0..1 of `random()`; injected in tests, Math.random on devices. */
  random?: () => number;
}

/**
 * "Full jitter" exponential backoff: the n-th retry waits a random time in [0, min(max, base·2ⁿ)],
 * so phones that lost the same cell tower do not all come back in the same second.
 */
export function backoffDelay(
  attempt: number,
  { baseMs, maxMs, random = Math.random }: BackoffOptions,
): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.round(random() * ceiling);
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
