import type { Post } from '@parley/shared';
import type { ParleyDatabase } from '../db/database';

/**
 * Adds an uploaded file to its post on the device; replication pushes the change like any edit
 * (the server checks the file is the author's and complete, and takes its own size and type).
 */
export async function attachToPost(
  db: ParleyDatabase,
  postId: string,
  attachment: Post['attachments'][number],
): Promise<boolean> {
  const doc = await db.posts.findOne(postId).exec();
  if (!doc || doc.status === 'withdrawn') return false;
  await doc.incrementalModify((post) => {
    if (post.attachments.some((a) => a.id === attachment.id)) return post;
    return { ...post, attachments: [...post.attachments, attachment] };
  });
  return true;
}
