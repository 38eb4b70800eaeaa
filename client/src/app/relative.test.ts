import { describe, expect, it } from 'vitest';
import { relativeParts } from './SyncIndicator';

describe('relativeParts', () => {
  it('picks the largest whole unit, in the past', () => {
    expect(relativeParts(10_000)).toEqual({ value: 0, unit: 'second' });
    expect(relativeParts(5 * 60_000 + 10)).toEqual({ value: -5, unit: 'minute' });
    expect(relativeParts(3 * 3_600_000)).toEqual({ value: -3, unit: 'hour' });
    expect(relativeParts(50 * 3_600_000)).toEqual({ value: -2, unit: 'day' });
  });
});
