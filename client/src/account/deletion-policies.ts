import type { DeletionPolicy, Post, Space } from '@parley/shared';
import { pickLocalized } from '../i18n/localized';

/** Space titles by what deleting the account does to posts there. */
export type PolicyGroups = Record<DeletionPolicy, string[]>;

/**
 * The spaces the person has posts in (as this device knows them), grouped by their deletion
 * policy, titles in the reader's language. With no post known here (a new device), every known
 * space, so the explanation still says what would happen.
 */
export function groupByPolicy(
  posts: readonly Pick<Post, 'spaceId'>[],
  spaces: ReadonlyMap<string, Pick<Space, 'id' | 'title' | 'languages' | 'deletionPolicy'>>,
  readerLang: string,
): PolicyGroups {
  const postedIn = new Set(posts.map((p) => p.spaceId));
  const considered = [...spaces.values()].filter((s) => postedIn.size === 0 || postedIn.has(s.id));
  const groups: PolicyGroups = { keep: [], remove: [], 'author-chooses': [] };
  for (const space of considered) {
    // A space stored on the device before policies existed keeps posts, as the server says.
    const policy = space.deletionPolicy ?? 'keep';
    groups[policy].push(pickLocalized(space.title, readerLang, space.languages).text);
  }
  for (const titles of Object.values(groups)) titles.sort((a, b) => a.localeCompare(b, readerLang));
  return groups;
}

/** "A, B and C" in the reader's language. */
export function listOf(titles: readonly string[], readerLang: string): string {
  try {
    return new Intl.ListFormat(readerLang, { type: 'conjunction' }).format(titles);
  } catch {
    return titles.join(', ');
  }
}
