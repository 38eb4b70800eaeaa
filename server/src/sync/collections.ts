import type { CollectionName } from '@parley/shared';
import { moderationSync } from '../moderation/moderation-sync';
import { postsSync } from '../posts/posts-sync';
import { questionsSync, spacesSync } from '../spaces/spaces-sync';
import type { SyncCollection } from './sync-collection';

/** Every replicated collection; the contract is in sync-collection.ts, which imports none of them. */
export const SYNC_COLLECTIONS: Record<CollectionName, SyncCollection> = {
  spaces: spacesSync,
  questions: questionsSync,
  posts: postsSync,
  moderation: moderationSync,
};
