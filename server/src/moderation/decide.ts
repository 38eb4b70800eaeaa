import { Moderation, TRANSITIONS, type PushRow } from '@parley/shared';
import type { AppContext } from '../app-context';
import { moderatesAny, moderatesPost, type Viewer } from '../auth/viewer';
import { writeTx } from '../db/write';
import { AppError } from '../http/errors';
import type { PushOptions } from '../sync/sync-collection';
import { findPost, lockPost, resolveFlags, setPostStatus, bumpPost } from '../posts/post-repository';
import { findSpace } from '../spaces/space-repository';
import { notifyReplyLater } from '../notifications/reply-notice';
import { notifyAuthorLater, type DecisionNotice } from './decision-notice';
import {
  findModeration,
  insertModeration,
  moderatesQuestionsOf,
  moderationExists,
} from './moderation-repository';

/**
 * Applies pushed moderation decisions. The superseded rule: a decision is applied only if the
 * post is still in the status the moderator saw (basedOnStatus) and the transition allows it;
 * otherwise it is stored with outcome `superseded` and the post is left alone, so two moderators
 * deciding offline on the same post cannot overwrite each other — the first to arrive wins and
 * the second can see who decided first.
 */
export async function pushDecisions(
  ctx: AppContext,
  viewer: Viewer,
  rows: PushRow[],
  options: PushOptions = { echoStored: false },
): Promise<unknown[]> {
  const moderator = viewer.user;
  if (!moderator) throw new AppError(401, 'unauthenticated', 'Sign in first.');
  if (!moderatesAny(viewer))
    throw new AppError(403, 'forbidden', 'Only moderators can push moderation decisions.');

  const stored: unknown[] = [];
  // Decisions by a question moderator on another question of their space: skipped, never stored,
  // and said so when nothing else was pushed along (see 7).
  let otherQuestion = 0;
  for (const row of rows) {
    const parsed = Moderation.safeParse(row.newDocumentState);
    if (!parsed.success) continue;
    const decision = parsed.data;
    // Locks in the fixed order posts → moderation (see db/write.ts).
    const notice = await writeTx(ctx, ['posts', 'moderation'], async (tx): Promise<DecisionNotice | null> => {
      // 1. The same decision pushed again (a retry) changes nothing.
      if (await moderationExists(tx, decision.id)) return null;
      // 2. Only a moderator of the post's space, or of its question, decides; anything else is
      //    skipped, not stored (a question moderator cannot decide on another question's post).
      const post = await lockPost(tx, decision.postId);
      if (!post) return null;
      if (!moderatesPost(viewer, post)) {
        if (await moderatesQuestionsOf(tx, moderator.id, post.spaceId)) otherQuestion += 1;
        return null;
      }

      // 3. A reason template must be one of the space's; its text in the space's first language
      //    is kept as the reason everyone can read (the author's device shows their language).
      let reason = decision.reason;
      let templateId = decision.reasonTemplateId;
      if (templateId !== null) {
        const space = await findSpace(tx, { id: post.spaceId });
        const template = space?.reasonTemplates.find((t) => t.id === templateId);
        if (!template || !space) templateId = null;
        else reason ??= template.text[space.languages[0] ?? 'en'] ?? Object.values(template.text)[0] ?? null;
      }

      // 4. The superseded rule.
      const transition = TRANSITIONS[decision.decision];
      const applies = post.status === decision.basedOnStatus && transition.from.includes(post.status);
      if (applies) {
        switch (decision.decision) {
          case 'dismissFlags':
            // Published it stays; its flags close and moderators' devices pull it again.
            await resolveFlags(tx, post.id);
            await bumpPost(tx, post.id);
            break;
          case 'hide':
            await resolveFlags(tx, post.id);
            await setPostStatus(tx, post.id, transition.to, reason, templateId);
            break;
          case 'reject':
            await setPostStatus(tx, post.id, transition.to, reason, templateId);
            break;
          case 'approve':
          case 'restore':
            await setPostStatus(tx, post.id, transition.to, null, null);
            break;
        }
      }
      await insertModeration(tx, {
        ...decision,
        reason,
        reasonTemplateId: templateId,
        spaceId: post.spaceId,
        moderatorId: moderator.id,
        moderatorName: moderator.displayName,
        outcome: applies ? 'applied' : 'superseded',
      });
      return applies && decision.decision !== 'dismissFlags'
        ? {
            decisionId: decision.id,
            postId: post.id,
            decision: decision.decision,
            moderatorId: moderator.id,
            reason,
            reasonTemplateId: templateId,
            // A reply published for the first time (not again after an edit or a hide).
            replyPublished: decision.decision === 'approve' && post.parentId !== null && !post.wasPublic,
          }
        : null;
    });
    // 5. After commit, the author may be e-mailed (when they asked); never awaited, see decision-notice.ts.
    //    A newly published reply tells the person it answers (notifications/reply-notice.ts).
    if (notice) notifyAuthorLater(ctx, notice, options.origin ?? null);
    if (notice?.replyPublished) notifyReplyLater(ctx, notice.postId, options.origin ?? null);
    // 6. A device that asked for it (X-Parley-Echo, see ECHO_HEADER in @parley/shared) gets the stored
    //    decision back (the server set its outcome, moderator and space) and takes it at once.
    //    Rows not stored (not a moderator of the post's space, unknown post) are not answered.
    if (!options.echoStored) continue;
    const record = await findModeration(ctx.db, decision.id);
    const post = record ? await findPost(ctx.db, record.postId) : null;
    if (record && post && moderatesPost(viewer, post)) {
      const { seq: _, ...doc } = record;
      stored.push({ ...doc, _deleted: false });
    }
  }
  // 7. A question moderator's push made only of decisions on other questions of their space is
  //    refused with the reason, instead of an empty answer that looks like success. (Mixed with
  //    other rows they are skipped, so they never block them; as before, a moderator of another
  //    space altogether just gets nothing stored.)
  if (otherQuestion > 0 && otherQuestion === rows.length) {
    throw new AppError(
      403,
      'forbidden',
      'You moderate other questions of this space, not the question of this post: only its question or space moderators can decide on it.',
    );
  }
  return stored;
}
