import { describe, expect, it } from 'vitest';
import { backoffDelay } from './stream';

describe('backoffDelay', () => {
  it('grows exponentially up to the ceiling, with jitter between half the minimum and the ceiling', () => {
    expect(backoffDelay(0, 2_000, 60_000, () => 0)).toBe(1_000);
    expect(backoffDelay(0, 2_000, 60_000, () => 1)).toBe(2_000);
    expect(backoffDelay(3, 2_000, 60_000, () => 1)).toBe(16_000);
    expect(backoffDelay(20, 2_000, 60_000, () => 1)).toBe(60_000);
    expect(backoffDelay(20, 2_000, 60_000, () => 0.5)).toBe(30_500);
  });
});
