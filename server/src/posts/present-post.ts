import { ANONYMOUS_NAME, type Post, type WithDeleted } from '@parley/shared';
import { isAdmin, moderatesPost, type Viewer } from '../auth/viewer';
import type { PostRecord } from './post-repository';

/**
 * The one place a stored post becomes what a viewer receives, on every path (pull, stream, push
 * conflicts). Pending and rejected text reaches only the author and the space's moderators; a
 * post that was public and no longer is reaches everyone else as a blanked deletion.
 */
export function presentPost(post: PostRecord, viewer: Viewer): WithDeleted<Post> {
  const { wasPublic: _, seq: __, questionRemoved, inDraft, ...doc } = post;
  const isAuthor = viewer.user !== null && viewer.user.id === post.authorId;
  const isModerator = moderatesPost(viewer, post);
  // Who flagged and why, and who wrote in by e-mail from which address, is the moderators' business.
  if (!isModerator) {
    doc.flags = [];
    doc.mailNote = null;
  }
  // A removed question takes its posts off every device, the author's and moderators' too; a
  // draft space's posts are the administrators' alone.
  const gone = questionRemoved === true || (inDraft === true && !isAdmin(viewer));
  if (gone || (post.status !== 'approved' && !isAuthor && !isModerator)) {
    return {
      ...doc,
      body: '',
      authorName: '',
      authorOrganisation: null,
      authorId: null,
      onBehalfOf: null,
      attachments: [],
      moderationReason: null,
      moderationReasonTemplateId: null,
      _deleted: true,
    };
  }
  if (post.anonymous && !isAuthor && !isModerator) {
    // Anything that narrows down who wrote it goes too: "a moderator wrote this" is one of a few.
    return {
      ...doc,
      authorName: ANONYMOUS_NAME,
      authorOrganisation: null,
      authorId: null,
      onBehalfOf: null,
      fromModerator: false,
      _deleted: false,
    };
  }
  return { ...doc, _deleted: false };
}
