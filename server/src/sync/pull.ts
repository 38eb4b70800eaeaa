import { createHash } from 'node:crypto';
import type { Checkpoint, CollectionName } from '@parley/shared';
import type { Viewer } from '../auth/viewer';
import type { Queryable } from '../db/db';
import { SYNC_COLLECTIONS } from './collections';

const fingerprint = (parts: readonly string[]) =>
  createHash('sha256').update(parts.join('|')).digest('base64url').slice(0, 16);

/**
 * A short fingerprint of what the viewer may see. A checkpoint made under another scope is
 * worthless (rows that were invisible then may be visible now), so the pull starts over.
 */
export function scopeOf(viewer: Viewer): string {
  if (!viewer.user) return 'anon';
  return fingerprint([
    viewer.user.id,
    viewer.globalModerator ? 'g' : '-',
    ...[...viewer.moderatorOf].sort(),
    // Kept out of the fingerprint when empty, so checkpoints made before question moderators hold.
    ...[...(viewer.moderatorOfQuestions ?? [])].sort().map((id) => `q:${id}`),
  ]);
}

/** A viewer as the sync routes see them: plus the spaces their device follows (null or absent: all). */
export type SyncViewer = Viewer & { followedSpaces?: readonly string[] | null };

/**
 * The scope of a pull's checkpoints: the viewer's, plus the spaces the device follows (sorted;
 * none named = every space, and then the scope is exactly scopeOf's, as before the filter). A
 * checkpoint made under another followed set starts the pull over: a space followed later is
 * brought in completely, from its first row.
 */
export function checkpointScope(viewer: SyncViewer): string {
  const scope = scopeOf(viewer);
  const spaces = viewer.followedSpaces ?? null;
  return spaces === null ? scope : `${scope}.${fingerprint(['spaces', ...spaces])}`;
}

export interface PullResult {
  documents: { _deleted: boolean }[];
  checkpoint: Checkpoint;
}

/**
 * One page of a collection after the checkpoint. The checkpoint holds when it was made under the
 * same scope, or under the viewer's unfiltered scope: a device that had every space up to that
 * point has each of its followed spaces up to it too (so following fewer spaces costs nothing).
 */
export async function pull(
  q: Queryable,
  collection: CollectionName,
  viewer: SyncViewer,
  checkpoint: Checkpoint | null,
  limit: number,
): Promise<PullResult> {
  const scope = checkpointScope(viewer);
  const holds = checkpoint !== null && (checkpoint.scope === scope || checkpoint.scope === scopeOf(viewer));
  const after = holds ? checkpoint.seq : 0;
  const page = await SYNC_COLLECTIONS[collection].pull(
    q,
    viewer,
    after,
    limit,
    viewer.followedSpaces ?? null,
  );
  return { documents: page.documents, checkpoint: { seq: page.lastSeq ?? after, scope } };
}
