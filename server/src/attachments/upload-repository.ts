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

export async function insertUpload(
  q: Queryable,
  upload: { id: string; ownerId: string; name: string; size: number },
): Promise<void> {
  await q.query(
    `INSERT INTO uploads (id, owner_id, name, size, status, created_at)
     VALUES ($1, $2, $3, $4, 'uploading', clock_timestamp())`,
    [upload.id, upload.ownerId, upload.name, upload.size],
  );
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
  await q.query(`UPDATE uploads SET status = $2, mime = $3, completed_at = clock_timestamp() WHERE id = $1`, [
    id,
    mime === null ? 'refused' : 'complete',
    mime,
  ]);
}

/** The stored posts that carry this upload (normally one: the post it was attached to). */
export async function postIdsWithAttachment(q: Queryable, uploadId: string): Promise<string[]> {
  const rows = await q.query<{ id: string }>(
    `SELECT id FROM posts WHERE attachments @> jsonb_build_array(jsonb_build_object('id', $1::text))`,
    [uploadId],
  );
  return rows.map((r) => r.id);
}
