import type { FlagBody } from '@parley/shared';
import type { AppContext } from '../app-context';
import { isAdmin, type Viewer } from '../auth/viewer';
import { uuidv7 } from '../db/uuid';
import { writeTx } from '../db/write';
import { AppError } from '../http/errors';
import { bumpPost, insertFlag, lockPost } from '../posts/post-repository';

/**
 * A signed-in participant reports a published post. The post stays public; its open flags reach
 * the space's moderators on the post document itself (presentPost gives others an empty list),
 * so the post moves up the change order and their devices pull it back into the queue.
 * One flag per user and post is the rate limit: a second one is refused with 409.
 */
export async function flagPost(
  ctx: AppContext,
  viewer: Viewer,
  postId: string,
  body: FlagBody,
): Promise<{ flagged: true }> {
  const user = viewer.user;
  if (!user) throw new AppError(401, 'unauthenticated', 'Sign in to flag a post.');
  return writeTx(ctx, ['posts'], async (tx) => {
    const post = await lockPost(tx, postId);
    // Only a published post can be flagged; anything else does not exist as far as others know
    // (nor does a post of a removed question, or of a draft space for anyone but an administrator).
    const hidden = post?.questionRemoved === true || (post?.inDraft === true && !isAdmin(viewer));
    if (!post || post.status !== 'approved' || hidden) {
      throw new AppError(404, 'not_found', 'No such published post.');
    }
    if (post.authorId === user.id) throw new AppError(403, 'forbidden', 'You cannot flag your own post.');
    const added = await insertFlag(tx, { id: uuidv7(), postId, userId: user.id, reason: body.reason });
    if (!added) throw new AppError(409, 'already_flagged', 'You have already flagged this post.');
    await bumpPost(tx, postId);
    return { flagged: true as const };
  });
}
