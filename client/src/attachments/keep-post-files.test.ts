import { describe, expect, it } from 'vitest';
import { planKeeping } from './keep-post-files';

const MB = 2 ** 20;

describe('planKeeping', () => {
  it('takes the newest posts’ files first while they fit in the room left under the budget', () => {
    const wanted = [
      { id: 'new', size: 3 * MB },
      { id: 'big', size: 8 * MB },
      { id: 'small', size: 1 * MB },
      { id: 'old', size: 2 * MB },
    ];
    // 5 MB of room: "big" does not fit, but the smaller files after it still do, in order.
    expect(planKeeping(wanted, new Set(), 5 * MB)).toEqual({
      fetch: [wanted[0], wanted[2]],
      drop: [],
    });
  });

  it('keeps what is there, fetches the rest without a budget, and drops files no held post names', () => {
    const wanted = [
      { id: 'a', size: MB },
      { id: 'b', size: MB },
      { id: 'a', size: MB }, // the same file on two posts is fetched once
    ];
    expect(planKeeping(wanted, new Set(['a', 'withdrawn']), null)).toEqual({
      fetch: [{ id: 'b', size: MB }],
      drop: ['withdrawn'],
    });
  });

  it('fetches nothing when the device is already at its budget', () => {
    expect(planKeeping([{ id: 'a', size: 1 }], new Set(), 0).fetch).toEqual([]);
  });
});
