import { Moderation, TRANSITIONS, type PushRow } from '@parley/shared';
import type { AppContext } from '../app-context';
import { moderates, moderatesAny, type Viewer } from '../auth/viewer';
import { writeTx } from '../db/write';
import { AppError } from '../http/errors';
import { lockPost, setPostStatus } from '../posts/post-repository';
import { insertModeration, moderationExists } from './moderation-repository';

/**
 * Applies pushed moderation decisions. The superseded rule: a decision is applied only if the
 * post is still in the status the moderator saw (basedOnStatus) and the transition allows it;
 * otherwise it is stored with outcome `superseded` and the post is left alone, so two moderators
 * deciding offline on the same post cannot overwrite each other — the first to arrive wins and
 * the second can see who decided first.
 */
export async function pushDecisions(ctx: AppContext, viewer: Viewer, rows: PushRow[]): Promise<unknown[]> {
  const moderator = viewer.user;
  if (!moderator) throw new AppError(401, 'unauthenticated', 'Sign in first.');
  if (!moderatesAny(viewer))
    throw new AppError(403, 'forbidden', 'Only moderators can push moderation decisions.');

  for (const row of rows) {
    const parsed = Moderation.safeParse(row.newDocumentState);
    if (!parsed.success) continue;
    const decision = parsed.data;
    // Locks in the fixed order posts → moderation (see db/write.ts).
    await writeTx(ctx, ['posts', 'moderation'], async (tx) => {
      // The same decision pushed again (a retry) changes nothing.
      if (await moderationExists(tx, decision.id)) return;
      const post = await lockPost(tx, decision.postId);
      if (!post || !moderates(viewer, post.spaceId)) return;

      const transition = TRANSITIONS[decision.decision];
      const applies = post.status === decision.basedOnStatus && transition.from.includes(post.status);
      if (applies) {
        const keepsReason = decision.decision === 'reject' || decision.decision === 'hide';
        await setPostStatus(tx, post.id, transition.to, keepsReason ? decision.reason : null);
      }
      await insertModeration(tx, {
        ...decision,
        spaceId: post.spaceId,
        moderatorId: moderator.id,
        moderatorName: moderator.displayName,
        outcome: applies ? 'applied' : 'superseded',
      });
    });
  }
  // Decisions are never conflicts: each is stored with its outcome, which devices then pull.
  return [];
}
