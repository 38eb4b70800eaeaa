import type { CollectionName, PushRow } from '@parley/shared';
import type { AppContext } from '../app-context';
import type { Viewer } from '../auth/viewer';
import type { Queryable } from '../db/db';
import { moderationSync } from '../moderation/moderation-sync';
import { postsSync } from '../posts/posts-sync';
import { questionsSync, spacesSync } from '../spaces/spaces-sync';

/**
 * A device that sends `X-Parley-Echo: stored` on a push gets back, beside real conflicts, the
 * stored version of every row it pushed (server-set status, receivedAt, outcome…). RxDB drops a
 * pulled or streamed row whose local write is not yet acknowledged and moves its checkpoint past
 * it; a stream event that overtakes the push answer would otherwise leave the device showing
 * "Sending" or "Decision queued" until the row changes again. As "conflicts", RxDB stores them
 * as master state at once. Without the header the answer is DESIGN.md's: conflicts only.
 */
export const ECHO_HEADER = 'x-parley-echo';

export interface PushOptions {
  echoStored: boolean;
  /** The origin for links in e-mails (linkOrigin: PUBLIC_URL, or loopback); absent = none to trust. */
  origin?: string;
}

/** What the replication routes need from each collection. Visibility is each one's business. */
export interface SyncCollection {
  /**
   * Rows after afterSeq that this viewer may receive, already redacted for them. `spaces`: only
   * rows of these spaces (the device's followed set; PER_SPACE_COLLECTIONS), null = all.
   */
  pull(
    q: Queryable,
    viewer: Viewer,
    afterSeq: number,
    limit: number,
    spaces: readonly string[] | null,
  ): Promise<{ documents: { _deleted: boolean }[]; lastSeq: number | null }>;
  /**
   * Returns the conflicts array of the RxDB push protocol; with `echoStored`, also every row the
   * server stored, as it stored it (see ECHO_HEADER).
   */
  push(ctx: AppContext, viewer: Viewer, rows: PushRow[], options: PushOptions): Promise<unknown[]>;
  maxSeq(q: Queryable): Promise<number>;
}

export const SYNC_COLLECTIONS: Record<CollectionName, SyncCollection> = {
  spaces: spacesSync,
  questions: questionsSync,
  posts: postsSync,
  moderation: moderationSync,
};
