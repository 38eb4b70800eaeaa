import { createHash } from 'node:crypto';
import type { Checkpoint, CollectionName } from '@parley/shared';
import type { Viewer } from '../auth/viewer';
import type { Queryable } from '../db/db';
import { SYNC_COLLECTIONS } from './collections';

/**
 * A short fingerprint of what the viewer may see. A checkpoint made under another scope is
 * worthless (rows that were invisible then may be visible now), so the pull starts over.
 */
export function scopeOf(viewer: Viewer): string {
  if (!viewer.user) return 'anon';
  const parts = [viewer.user.id, viewer.globalModerator ? 'g' : '-', ...[...viewer.moderatorOf].sort()];
  return createHash('sha256').update(parts.join('|')).digest('base64url').slice(0, 16);
}

export interface PullResult {
  documents: { _deleted: boolean }[];
  checkpoint: Checkpoint;
}

export async function pull(
  q: Queryable,
  collection: CollectionName,
  viewer: Viewer,
  checkpoint: Checkpoint | null,
  limit: number,
): Promise<PullResult> {
  const scope = scopeOf(viewer);
  const after = checkpoint && checkpoint.scope === scope ? checkpoint.seq : 0;
  const page = await SYNC_COLLECTIONS[collection].pull(q, viewer, after, limit);
  return { documents: page.documents, checkpoint: { seq: page.lastSeq ?? after, scope } };
}
