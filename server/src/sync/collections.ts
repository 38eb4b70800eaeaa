import type { CollectionName, PushRow } from '@parley/shared';
import type { AppContext } from '../app-context';
import type { Viewer } from '../auth/viewer';
import type { Queryable } from '../db/db';
import { moderationSync } from '../moderation/moderation-sync';
import { postsSync } from '../posts/posts-sync';
import { questionsSync, spacesSync } from '../spaces/spaces-sync';

/** What the replication routes need from each collection. Visibility is each one's business. */
export interface SyncCollection {
  /** Rows after afterSeq that this viewer may receive, already redacted for them. */
  pull(
    q: Queryable,
    viewer: Viewer,
    afterSeq: number,
    limit: number,
  ): Promise<{ documents: { _deleted: boolean }[]; lastSeq: number | null }>;
  /** Returns the conflicts array of the RxDB push protocol. */
  push(ctx: AppContext, viewer: Viewer, rows: PushRow[]): Promise<unknown[]>;
  maxSeq(q: Queryable): Promise<number>;
}

export const SYNC_COLLECTIONS: Record<CollectionName, SyncCollection> = {
  spaces: spacesSync,
  questions: questionsSync,
  posts: postsSync,
  moderation: moderationSync,
};
