import type { Queryable } from '../db/db';
import { toNumber } from '../db/rows';

export interface UploadRecord {
  id: string;
  ownerId: string;
  name: string;
  size: number;
  mime: string | null;
  status: 'uploading' | 'complete' | 'refused';
}

interface UploadRow {
  id: string;
  owner_id: string;
  name: string;
  size: unknown;
  mime: string | null;
  status: UploadRecord['status'];
}

const toUpload = (r: UploadRow): UploadRecord => ({
  id: r.id,
  ownerId: r.owner_id,
  name: r.name,
  size: toNumber(r.size),
  mime: r.mime,
  status: r.status,
});

export interface NewUpload {
  id: string;
  ownerId: string;
  name: string;
  size: number;
}

export async function insertUpload(q: Queryable, upload: NewUpload): Promise<void> {
  await q.query(
    `INSERT INTO uploads (id, owner_id, name, size, status, created_at, touched_at)
     VALUES ($1, $2, $3, $4, 'uploading', clock_timestamp(), clock_timestamp())`,
    [upload.id, upload.ownerId, upload.name, upload.size],
  );
}

/**
 * A file that arrived whole in one piece (an e-mail attachment, server/src/inbound-mail): stored
 * and sniffed before this row is written, complete and attached at once, in the caller's
 * transaction with the post that carries it.
 */
export async function insertAttachedUpload(
  q: Queryable,
  upload: NewUpload & { mime: string },
): Promise<void> {
  await q.query(
    `INSERT INTO uploads (id, owner_id, name, size, mime, status, created_at, completed_at, touched_at, attached_at)
     VALUES ($1, $2, $3, $4, $5, 'complete', clock_timestamp(), clock_timestamp(), clock_timestamp(), clock_timestamp())`,
    [upload.id, upload.ownerId, upload.name, upload.size, upload.mime],
  );
}

/** What an account's uploads take: finished and unfinished; refused ones have no bytes left. */
export interface QuotaUse {
  quotaBytes: number;
  usedBytes: number;
  /** quotaBytes - usedBytes, never below 0. */
  remainingBytes: number;
}

/**
 * Records a new upload if the owner's uploads plus its declared size stay within `quotaBytes`;
 * otherwise inserts nothing and says how much room is left. Run it inside a transaction: the
 * owner's users row is locked first (FOR NO KEY UPDATE, which foreign-key checks do not wait
 * for), so two creates by one account take turns and the second sums what the first added.
 * Under READ COMMITTED the sum, a statement after the lock, sees the first one's committed row.
 */
export async function insertUploadWithinQuota(
  tx: Queryable,
  upload: NewUpload,
  quotaBytes: number,
): Promise<{ outcome: 'created' | 'no_owner' } | ({ outcome: 'over_quota' } & QuotaUse)> {
  const owner = await tx.query('SELECT 1 FROM users WHERE id = $1 FOR NO KEY UPDATE', [upload.ownerId]);
  if (owner.length === 0) return { outcome: 'no_owner' };
  const usedBytes = await quotaUseOf(tx, upload.ownerId);
  if (usedBytes + upload.size > quotaBytes) {
    return {
      outcome: 'over_quota',
      quotaBytes,
      usedBytes,
      remainingBytes: Math.max(0, quotaBytes - usedBytes),
    };
  }
  await insertUpload(tx, upload);
  return { outcome: 'created' };
}

/** Bytes the owner's uploads take against the quota (uses uploads_owner_idx). */
export async function quotaUseOf(q: Queryable, ownerId: string): Promise<number> {
  const [row] = await q.query<{ used: unknown }>(
    `SELECT coalesce(sum(size), 0) AS used FROM uploads WHERE owner_id = $1 AND status <> 'refused'`,
    [ownerId],
  );
  return toNumber(row?.used ?? 0);
}

/**
 * The owner's upload, or null (not theirs, or no such upload). An unfinished one is touched on
 * the way (its last sign of life is now), in the same statement: the sweep, which only deletes
 * uploads idle for hours, re-checks the row after this update and leaves it alone.
 */
export async function touchUpload(q: Queryable, id: string, ownerId: string): Promise<UploadRecord | null> {
  const [row] = await q.query<UploadRow>(
    `UPDATE uploads
        SET touched_at = CASE WHEN status = 'uploading' THEN clock_timestamp() ELSE touched_at END
      WHERE id = $1 AND owner_id = $2
      RETURNING *`,
    [id, ownerId],
  );
  return row ? toUpload(row) : null;
}

/** The row of an unfinished upload its owner terminated (tus DELETE): its room is free again. */
export async function deleteUnfinishedUpload(q: Queryable, id: string): Promise<void> {
  await q.query(`DELETE FROM uploads WHERE id = $1 AND status = 'uploading'`, [id]);
}

export async function findUpload(q: Queryable, id: string): Promise<UploadRecord | null> {
  const [row] = await q.query<UploadRow>('SELECT * FROM uploads WHERE id = $1', [id]);
  return row ? toUpload(row) : null;
}

export async function findUploads(q: Queryable, ids: readonly string[]): Promise<UploadRecord[]> {
  if (ids.length === 0) return [];
  const rows = await q.query<UploadRow>('SELECT * FROM uploads WHERE id = ANY($1::uuid[])', [ids]);
  return rows.map(toUpload);
}

export async function completeUpload(q: Queryable, id: string, mime: string | null): Promise<void> {
  await q.query(
    `UPDATE uploads SET status = $2, mime = $3, completed_at = clock_timestamp(), touched_at = clock_timestamp()
      WHERE id = $1`,
    [id, mime === null ? 'refused' : 'complete', mime],
  );
}

/**
 * Marks the owner's complete uploads among `ids` as attached (a post is taking them), before the
 * post's check reads them. Being a real update of the row, it also fences the sweep: a sweep that
 * picked the row earlier re-checks `attached_at IS NULL` on the new version and skips it, and one
 * that deleted it first leaves nothing for the check to find (the post is refused, not left
 * pointing at a deleted file).
 */
export async function markUploadsAttached(
  q: Queryable,
  ownerId: string,
  ids: readonly string[],
): Promise<void> {
  if (ids.length === 0) return;
  await q.query(
    `UPDATE uploads SET attached_at = clock_timestamp()
      WHERE id = ANY($1::uuid[]) AND owner_id = $2 AND status = 'complete' AND attached_at IS NULL`,
    [ids, ownerId],
  );
}

/** The stored posts that carry this upload (normally one: the post it was attached to). */
export async function postIdsWithAttachment(q: Queryable, uploadId: string): Promise<string[]> {
  const rows = await q.query<{ id: string }>(
    `SELECT id FROM posts WHERE attachments @> jsonb_build_array(jsonb_build_object('id', $1::text))`,
    [uploadId],
  );
  return rows.map((r) => r.id);
}
