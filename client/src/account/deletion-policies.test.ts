import { describe, expect, it } from 'vitest';
import { groupByPolicy, listOf } from './deletion-policies';

const space = (id: string, en: string, deletionPolicy: 'keep' | 'remove' | 'author-chooses') => ({
  id,
  title: { en, fr: `${en} (fr)` },
  languages: ['en'],
  deletionPolicy,
});
const spaces = new Map(
  [space('a', 'Water', 'keep'), space('b', 'Roads', 'remove'), space('c', 'Schools', 'author-chooses')].map(
    (s) => [s.id, s],
  ),
);

describe('what deleting the account does, space by space', () => {
  it('groups the spaces the person posted in by policy, titles in their language', () => {
    expect(groupByPolicy([{ spaceId: 'b' }, { spaceId: 'c' }, { spaceId: 'c' }], spaces, 'fr')).toEqual({
      keep: [],
      remove: ['Roads (fr)'],
      'author-chooses': ['Schools (fr)'],
    });
  });

  it('with no post on this device, tells about every space', () => {
    expect(groupByPolicy([], spaces, 'en')).toEqual({
      keep: ['Water'],
      remove: ['Roads'],
      'author-chooses': ['Schools'],
    });
  });

  it('lists titles as a sentence would', () => {
    expect(listOf(['Roads', 'Schools', 'Water'], 'en')).toBe('Roads, Schools, and Water');
    expect(listOf(['Roads', 'Water'], 'fr')).toBe('Roads et Water');
  });
});
