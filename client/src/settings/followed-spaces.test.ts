import { describe, expect, it } from 'vitest';
import { FOLLOWED_SPACES_MAX } from '@parley/shared';
import { isFollowed, parseFollowed, spacesFilter, withFollowing } from './followed-spaces';

const [a, b, c] = ['a', 'b', 'c'];

describe('followed spaces', () => {
  it('follows every space until the user unfollows one, and sends no filter then', () => {
    expect(parseFollowed(null)).toBe('all');
    expect(parseFollowed('not json')).toBe('all');
    expect(isFollowed('all', a)).toBe(true);
    expect(spacesFilter('all')).toBeNull();
  });

  it('keeps an explicit, sorted list once a space is unfollowed; a new space is not followed', () => {
    const followed = withFollowing('all', b, false, [c, a, b]);
    expect(followed).toEqual([a, c]);
    expect(spacesFilter(followed)).toEqual([a, c]);
    expect(isFollowed(followed, b)).toBe(false);
    expect(isFollowed(followed, 'created-later')).toBe(false);
    expect(parseFollowed(JSON.stringify(followed))).toEqual(followed);
  });

  it('returns to every space when the last unfollowed one is followed again', () => {
    expect(withFollowing([a], b, true, [a, b])).toBe('all');
    // Spaces no longer listed drop out of the list.
    expect(withFollowing([a, 'gone'], c, true, [a, b, c])).toEqual([a, c]);
  });

  it('can follow none, and falls back to every space past what the server takes', () => {
    expect(spacesFilter(withFollowing([a], a, false, [a, b]))).toEqual([]);
    const many = Array.from({ length: FOLLOWED_SPACES_MAX + 1 }, (_, i) => String(i));
    expect(spacesFilter(many)).toBeNull();
  });
});
