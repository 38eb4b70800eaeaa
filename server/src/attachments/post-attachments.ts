import type { Post } from '@parley/shared';
import type { Queryable } from '../db/db';
import { findUploads, markUploadsAttached } from './upload-repository';

export type AttachmentCheck = { ok: true; attachments: Post['attachments'] } | { ok: false; detail: string };

/**
 * A post may only carry complete, accepted uploads of its own author. The size and type are the
 * server's (the type sniffed from the bytes), whatever the device wrote; the name is the device's,
 * cleaned, as the author may have renamed it. The author's uploads named are marked attached
 * first (in the caller's transaction), which keeps the stale-upload sweep off them.
 */
export async function checkPostAttachments(
  q: Queryable,
  authorId: string,
  attachments: Post['attachments'],
): Promise<AttachmentCheck> {
  if (attachments.length === 0) return { ok: true, attachments };
  if (authorId) {
    await markUploadsAttached(
      q,
      authorId,
      attachments.map((a) => a.id),
    );
  }
  const uploads = new Map(
    (
      await findUploads(
        q,
        attachments.map((a) => a.id),
      )
    ).map((u) => [u.id, u]),
  );
  const out: Post['attachments'] = [];
  for (const attachment of attachments) {
    const upload = uploads.get(attachment.id);
    if (!upload || upload.ownerId !== authorId) return { ok: false, detail: `unknown file ${attachment.id}` };
    if (upload.status !== 'complete' || upload.mime === null) {
      return { ok: false, detail: `file ${attachment.id} is not completely uploaded or was refused` };
    }
    out.push({ id: upload.id, name: attachment.name, size: upload.size, mime: upload.mime });
  }
  return { ok: true, attachments: out };
}
