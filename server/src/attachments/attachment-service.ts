import type { AppContext } from '../app-context';
import { isAdmin, type Viewer } from '../auth/viewer';
import { AppError } from '../http/errors';
import { findPost } from '../posts/post-repository';
import { presentPost } from '../posts/present-post';
import { spacesWithDocument } from '../spaces/space-repository';
import { findUpload, postIdsWithAttachment, type UploadRecord } from './upload-repository';

/**
 * A file is downloadable by whoever may read a post that carries it (the same rule as the post:
 * a pending post's file reaches its author and the space's moderators only). A file no post
 * carries yet is its uploader's alone. A space's document is public, like the space (a draft's:
 * administrators only). Everyone
 * else gets 404, as if it did not exist.
 */
export async function attachmentForDownload(
  ctx: AppContext,
  viewer: Viewer,
  id: string,
): Promise<UploadRecord & { mime: string }> {
  const notFound = new AppError(404, 'not_found', 'No such file.');
  const upload = await findUpload(ctx.db, id);
  if (!upload || upload.status !== 'complete' || upload.mime === null) throw notFound;
  const postIds = await postIdsWithAttachment(ctx.db, id);
  let allowed = (await spacesWithDocument(ctx.db, id, isAdmin(viewer))).length > 0;
  allowed ||= postIds.length === 0 && viewer.user?.id === upload.ownerId;
  for (const postId of postIds) {
    if (allowed) break;
    const post = await findPost(ctx.db, postId);
    allowed = post !== null && !presentPost(post, viewer)._deleted;
  }
  if (!allowed) throw notFound;
  return { ...upload, mime: upload.mime };
}
