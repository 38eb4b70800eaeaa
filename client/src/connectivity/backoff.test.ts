import { describe, expect, it } from 'vitest';
import { Backoff, backoffDelay, backoffDelays } from './backoff';

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

describe('half jitter (a stream the server closed, an upload refused for now)', () => {
  const opts = { baseMs: 2_000, maxMs: 60_000, jitter: 0.5 };

  it('never comes back sooner than half the ceiling, nor later than the ceiling', () => {
    expect(backoffDelay(0, { ...opts, random: () => 0 })).toBe(1_000);
    expect(backoffDelay(0, { ...opts, random: () => 1 })).toBe(2_000);
    expect(backoffDelay(3, { ...opts, random: () => 0 })).toBe(8_000);
    expect(backoffDelay(20, { ...opts, random: () => 1 })).toBe(60_000);
    expect(backoffDelay(20, { ...opts, random: () => 0.5 })).toBe(45_000);
  });

  it('gives a whole schedule at once, growing to its cap', () => {
    expect(backoffDelays(6, { baseMs: 1_000, maxMs: 30_000, jitter: 0.5, random: () => 1 })).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 30_000,
    ]);
    for (const [n, d] of backoffDelays(6, { baseMs: 1_000, maxMs: 30_000, jitter: 0.5 }).entries())
      expect(d).toBeGreaterThanOrEqual(Math.min(30_000, 1_000 * 2 ** n) / 2);
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
