import { describe, expect, it } from 'vitest';
import { Backoff, backoffDelay } from './backoff';

describe('backoffDelay', () => {
  const opts = { baseMs: 1_000, maxMs: 60_000 };

  it('doubles the ceiling with each attempt and never passes the maximum', () => {
    const top = { ...opts, random: () => 1 };
    expect([0, 1, 2, 3, 4, 5, 6, 7, 20].map((n) => backoffDelay(n, top))).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000,
    ]);
  });

  it('spreads devices over the whole window (full jitter)', () => {
    expect(backoffDelay(3, { ...opts, random: () => 0 })).toBe(0);
    expect(backoffDelay(3, { ...opts, random: () => 0.5 })).toBe(4_000);
    const seen = new Set(Array.from({ length: 200 }, () => backoffDelay(5, opts)));
    expect(seen.size).toBeGreaterThan(100);
    for (const d of seen) expect(d).toBeLessThanOrEqual(32_000);
  });
});

describe('Backoff', () => {
  it('waits nothing until a failure, longer after each, and resets on success', () => {
    const b = new Backoff({ baseMs: 500, maxMs: 8_000, random: () => 1 });
    expect(b.nextDelay()).toBe(0);
    b.failed();
    expect(b.nextDelay()).toBe(500);
    b.failed();
    b.failed();
    expect(b.nextDelay()).toBe(2_000);
    b.succeeded();
    expect(b.nextDelay()).toBe(0);
    expect(b.attempts).toBe(0);
  });
});
