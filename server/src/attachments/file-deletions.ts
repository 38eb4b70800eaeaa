import type { Logger } from 'pino';
import type { Db, Queryable } from '../db/db';
import type { UploadStorage } from './storage/upload-storage';

/**
 * Inside the transaction that removed a person's posts: each upload of theirs that no post and no
 * space document names any longer loses its row (its file name is theirs) and is queued for
 * deletion from the store. An upload id belongs to one owner and normally one post, so a file
 * still carried anywhere stays. Returns the queued ids.
 */
export async function queueUnreferencedUploadsOf(q: Queryable, ownerId: string): Promise<string[]> {
  const rows = await q.query<{ upload_id: string }>(
    `WITH gone AS (
       DELETE FROM uploads u
        WHERE u.owner_id = $1
          AND NOT EXISTS (SELECT 1 FROM posts p
                           WHERE p.attachments @> jsonb_build_array(jsonb_build_object('id', u.id::text)))
          AND NOT EXISTS (SELECT 1 FROM spaces s
                           WHERE s.documents @> jsonb_build_array(jsonb_build_object('id', u.id::text)))
        RETURNING u.id)
     INSERT INTO file_deletions (upload_id, queued_at)
     SELECT id, clock_timestamp() FROM gone
     ON CONFLICT (upload_id) DO NOTHING
     RETURNING upload_id`,
    [ownerId],
  );
  return rows.map((r) => r.upload_id);
}

/**
 * After commit: deletes the queued files (`ids`, or every queued one when absent, as at start
 * and at each stale-upload sweep) from the store and dequeues each once gone. Never throws: a
 * failure is logged, without ids or paths, and the file stays queued for the next sweep or start.
 */
export async function deleteQueuedFiles(
  deps: { db: Db; logger?: Logger },
  storage: UploadStorage,
  ids?: readonly string[],
): Promise<void> {
  let failed = 0;
  let reason: string | undefined;
  try {
    const queued =
      ids ??
      (await deps.db.query<{ upload_id: string }>('SELECT upload_id FROM file_deletions')).map(
        (r) => r.upload_id,
      );
    for (const id of queued) {
      try {
        await storage.remove(id);
        await deps.db.query('DELETE FROM file_deletions WHERE upload_id = $1', [id]);
      } catch (error) {
        failed += 1;
        reason ??= errorCode(error);
      }
    }
  } catch (error) {
    failed += 1;
    reason ??= errorCode(error);
  }
  if (failed > 0) {
    deps.logger?.warn(
      { failed, reason },
      'removed attachments not deleted from the store; retried by the next sweep',
    );
  }
}

/** The error's code or class: its message may carry a path or key. */
function errorCode(error: unknown): string {
  if (error && typeof error === 'object') {
    const { code, name } = error as { code?: unknown; name?: unknown };
    if (typeof code === 'string') return code;
    if (typeof name === 'string') return name;
  }
  return 'unknown';
}
