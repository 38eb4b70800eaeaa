import { AUTO_REASONS, Id, Post, type PushRow, type RefusalCode, type WithDeleted } from '@parley/shared';
import type { AppContext } from '../app-context';
import { isAdmin, moderatesAny, moderatesPost, type SignedInUser, type Viewer } from '../auth/viewer';
import { uuidv7 } from '../db/uuid';
import type { PushOptions } from '../sync/sync-collection';
import { writeTx, type WriteTx } from '../db/write';
import { insertModeration } from '../moderation/moderation-repository';
import { checkPostAttachments } from '../attachments/post-attachments';
import { phaseVerdict } from '../phases/phase-rule';
import { findQuestionContext } from '../spaces/space-repository';
import {
  findPost,
  insertPost,
  lockPost,
  setPostStatus,
  updatePostContent,
  type PostRecord,
} from './post-repository';
import {
  announcePostEvents,
  clearEvents,
  newPostEvents,
  type PostEvents,
} from '../notifications/post-events';
import { presentPost } from './present-post';

type Pushed = Record<string, unknown>;

const MESSAGES: Record<RefusalCode, string> = {
  invalid: 'This post is not valid',
  not_author: 'This post belongs to someone else.',
  unknown_question: 'The question this post answers does not exist.',
  unknown_parent: 'The comment this post replies to does not exist or cannot be replied to.',
  phase_closed: 'This question is not open for comments now.',
  not_editable: 'A withdrawn post cannot be changed.',
  bad_attachment: 'An attached file is not one of your completed uploads',
  space_closed: 'This space is closed: it takes no new comments or replies.',
};

class Refusal {
  constructor(
    readonly code: RefusalCode,
    readonly detail?: string,
  ) {}
  get message() {
    return this.detail ? `${MESSAGES[this.code]}: ${this.detail}` : MESSAGES[this.code];
  }
}

/**
 * A refused new post comes back as the pushed document itself, marked rejected with the reason:
 * nothing is stored, and the device keeps the text and can show why it was not accepted.
 */
const refusedCopy = (doc: Pushed, refusal: Refusal) => ({
  ...doc,
  status: 'rejected',
  refusal: { code: refusal.code, message: refusal.message.slice(0, 500) },
});

/** What makes two versions of a post the same post as far as a retry is concerned. */
function sameContent(a: PostRecord, b: Post): boolean {
  return (
    a.body === b.body &&
    a.lang === b.lang &&
    a.anonymous === b.anonymous &&
    a.parentId === b.parentId &&
    a.questionId === b.questionId &&
    JSON.stringify(a.attachments.map(attachmentKey)) === JSON.stringify(b.attachments.map(attachmentKey))
  );
}
// Ids and names only: the server stores its own size and sniffed type, whatever the device sent.
const attachmentKey = (x: Post['attachments'][number]) => [x.id, x.name];

/** A reply must answer a post of the same question that its author can see. */
async function parentAllowed(tx: WriteTx<'posts'>, viewer: Viewer, doc: Post): Promise<boolean> {
  if (doc.parentId === null) return true;
  if (doc.parentId === doc.id) return false;
  const parent = await findPost(tx, doc.parentId);
  if (!parent || parent.questionId !== doc.questionId) return false;
  return parent.status === 'approved' || parent.authorId === viewer.user?.id || moderatesPost(viewer, parent);
}

/**
 * Validation shared by a new post and an edit; returns the question (and whether the post came in
 * late, written before the close) or why the row is refused. Only a new post may come in late: an
 * edit carries the original `createdAt`, which says nothing about when the edit was written.
 */
async function checkPlacement(tx: WriteTx<'posts'>, viewer: Viewer, doc: Post, edit = false) {
  const question = await findQuestionContext(tx, doc.questionId);
  // A removed question, or a draft space for anyone but an administrator, is as good as unknown.
  if (!question || question.removed || (question.spaceStatus === 'draft' && !isAdmin(viewer))) {
    return new Refusal('unknown_question');
  }
  if (question.spaceStatus === 'closed' || question.spaceStatus === 'archived') {
    return new Refusal('space_closed');
  }
  const verdict = phaseVerdict(question.phase, doc.createdAt, Date.now());
  if (!verdict.accept || (edit && verdict.writtenBeforeClose)) {
    const closesAt = question.phase?.closesAt;
    const closed = closesAt !== undefined && Date.parse(closesAt) <= Date.now();
    return new Refusal(
      'phase_closed',
      closed
        ? `it closed on ${closesAt}, and only posts written before the close are taken in the 72 hours after it`
        : undefined,
    );
  }
  if (!(await parentAllowed(tx, viewer, doc))) return new Refusal('unknown_parent');
  const files = await checkPostAttachments(tx, viewer.user?.id ?? '', doc.attachments);
  if (!files.ok) return new Refusal('bad_attachment', files.detail);
  return { ...question, writtenBeforeClose: verdict.writtenBeforeClose, attachments: files.attachments };
}

/**
 * A moderator's post in a space they moderate is published at once (their own words, or a comment
 * received by e-mail that they enter for its author), and the log says so: the server writes the
 * `approve` row itself, by that moderator.
 */
async function logPublishedAtOnce(
  tx: WriteTx<'moderation'>,
  user: SignedInUser,
  post: { id: string; spaceId: string; onBehalfOf: string | null },
) {
  const onBehalf = post.onBehalfOf !== null;
  await insertModeration(tx, {
    id: uuidv7(),
    postId: post.id,
    spaceId: post.spaceId,
    decision: 'approve',
    reason: onBehalf
      ? `Submitted by e-mail on behalf of ${post.onBehalfOf}`
      : "A moderator's own post, published at once",
    reasonTemplateId: onBehalf ? AUTO_REASONS.onBehalf : AUTO_REASONS.ownPost,
    basedOnStatus: 'pending',
    moderatorId: user.id,
    moderatorName: user.displayName,
    createdAt: new Date().toISOString(),
    outcome: 'applied',
  });
}

/** onBehalfOf is a moderator's to set; a blank name counts as none. */
const behalfOf = (byModerator: boolean, doc: Post) => (byModerator ? doc.onBehalfOf?.trim() || null : null);

/**
 * The organisation a post shows comes from the author's account, never from the document; none on
 * an anonymous post, nor on a comment a moderator entered for someone who wrote in.
 */
const organisationShown = (user: SignedInUser, anonymous: boolean, onBehalfOf: string | null) =>
  anonymous || onBehalfOf !== null ? null : (user.organisation ?? null);

/**
 * One pushed post, in its own transaction. Returns what goes into the conflicts array, or null
 * when the row was applied (or was a harmless retry).
 */
async function pushPost(
  ctx: AppContext,
  viewer: Viewer,
  user: SignedInUser,
  row: PushRow,
  events: PostEvents,
): Promise<unknown> {
  const parsed = Post.safeParse(row.newDocumentState);
  if (!parsed.success) {
    // Without a valid id the device could not match an answer to its row: skip it.
    if (!Id.safeParse(row.newDocumentState.id).success) return null;
    const detail = parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ');
    return refusedCopy(row.newDocumentState, new Refusal('invalid', detail));
  }
  const doc = parsed.data;
  const withdraw = doc.status === 'withdrawn';

  // A moderator's post may write a moderation row too, so their pushes also take that lock
  // (in the fixed order); logPublishedAtOnce is only reached by a moderator of the space.
  const locks = moderatesAny(viewer) ? (['posts', 'moderation'] as const) : (['posts'] as const);
  return writeTx(ctx, locks, async (tx): Promise<unknown> => {
    clearEvents(events); // a retried transaction starts again
    const master = await lockPost(tx, doc.id);

    if (!master) {
      const placed = await checkPlacement(tx, viewer, doc);
      if (placed instanceof Refusal) return refusedCopy(doc, placed);
      const byModerator = moderatesPost(viewer, { spaceId: placed.spaceId, questionId: doc.questionId });
      const onBehalfOf = behalfOf(byModerator, doc);
      await insertPost(tx, {
        ...doc,
        attachments: placed.attachments,
        spaceId: placed.spaceId,
        // Identity comes from the session, never from the document.
        authorId: user.id,
        authorName: user.displayName,
        authorOrganisation: organisationShown(user, doc.anonymous, onBehalfOf),
        onBehalfOf,
        // Only the server's own mail intake says a comment came by e-mail, and from whom.
        mailNote: null,
        fromModerator: byModerator,
        writtenBeforeClose: placed.writtenBeforeClose,
        // The server decides the status; the only one an author may ask for is withdrawn (a post
        // written and withdrawn before it was ever delivered).
        status: withdraw ? 'withdrawn' : byModerator ? 'approved' : 'pending',
      });
      if (byModerator && !withdraw) {
        await logPublishedAtOnce(tx, user, { id: doc.id, spaceId: placed.spaceId, onBehalfOf });
      }
      if (!withdraw && byModerator && doc.parentId !== null) events.replyPublished = doc.id;
      if (!withdraw && !byModerator) events.queued = { spaceId: placed.spaceId, questionId: doc.questionId };
      return null;
    }

    // Not the author. A device pushes back a post it pulled when a closed tab cut RxDB's
    // bookkeeping short (the post was stored, its "as on the server" copy was not): it gets the
    // post as this viewer may see it, so it keeps the server's version instead of a refusal that
    // would blank a published post on that device. A post the viewer may not see is refused,
    // echoing nothing of it.
    if (master.authorId !== user.id) {
      const seen = presentPost(master, viewer);
      return seen._deleted && !master.wasPublic ? refusedCopy(doc, new Refusal('not_author')) : seen;
    }

    // 1. The same content again: a retry (the first answer may have been lost after commit).
    if (sameContent(master, doc) && (!withdraw || master.status === 'withdrawn')) return null;
    // 2. A withdrawal wins over whatever happened meanwhile (an approval, an edit on another
    //    device): a person must always be able to take back a post that may identify them. The
    //    stored text stays; a device that sent other text gets the stored post back.
    if (withdraw && master.status !== 'withdrawn') {
      await setPostStatus(tx, master.id, 'withdrawn', null);
      const now = await lockPost(tx, master.id);
      return sameContent(master, doc) ? null : presentPost(now!, viewer);
    }
    // 3. The device edited an older version than the one stored: master wins.
    if (row.assumedMasterState?.updatedAt !== master.updatedAt) return presentPost(master, viewer);
    // 4. An edit the server will not take leaves the stored post as it is, with the reason; the
    //    device still has the text in its refused change and in its drafts.
    const refuse = (refusal: Refusal): WithDeleted<Post> => ({
      ...presentPost(master, viewer),
      refusal: { code: refusal.code, message: refusal.message },
    });
    if (master.status === 'withdrawn') return refuse(new Refusal('not_editable'));
    const placed = await checkPlacement(tx, viewer, doc, true);
    if (placed instanceof Refusal) return refuse(placed);
    // 5. An edit goes back to the moderation queue (a moderator's own edit is published at once).
    const byModerator = moderatesPost(viewer, { spaceId: placed.spaceId, questionId: doc.questionId });
    const onBehalfOf = behalfOf(byModerator, doc);
    await updatePostContent(tx, {
      ...doc,
      attachments: placed.attachments,
      spaceId: placed.spaceId,
      onBehalfOf,
      authorOrganisation: organisationShown(user, doc.anonymous, onBehalfOf),
      status: withdraw ? 'withdrawn' : byModerator ? 'approved' : 'pending',
    });
    if (byModerator && !withdraw) {
      await logPublishedAtOnce(tx, user, { id: doc.id, spaceId: placed.spaceId, onBehalfOf });
    }
    if (!withdraw && !byModerator) events.queued = { spaceId: placed.spaceId, questionId: doc.questionId };
    return null;
  });
}

/** Rows are handled one by one, each in its own transaction: a refused row never blocks the others. */
export async function pushPosts(
  ctx: AppContext,
  viewer: Viewer,
  user: SignedInUser,
  rows: PushRow[],
  options: PushOptions = { echoStored: false },
) {
  const conflicts: unknown[] = [];
  const events = newPostEvents();
  for (const row of rows) {
    const conflict = await pushPost(ctx, viewer, user, row, events);
    // Committed: who should hear of it (a reply published at once, a post in the queue) is told.
    announcePostEvents(ctx, events, options.origin ?? null);
    if (conflict !== null) conflicts.push(conflict);
    else if (options.echoStored) {
      // Applied (or a harmless retry): the device asked for the stored version back.
      const stored = await findPost(ctx.db, String(row.newDocumentState.id));
      if (stored && stored.authorId === user.id) conflicts.push(presentPost(stored, viewer));
    }
  }
  return conflicts;
}
