import { useState } from 'react';
import { useLocation } from 'wouter';
import type { Post } from '@parley/shared';
import { drafts, useDraftOwner } from '../drafts/use-draft';
import { useT } from '../i18n/useT';

/**
 * A post the server refused (closed phase, invalid) or a moderator rejected: its text goes back
 * into the composer's draft for the same target, and the thread opens at that composer. The
 * refused post stays listed with its reason; the new one is a new post with a new id.
 */
export function RepostButton({ post, threadHref }: { post: Post; threadHref: string }) {
  const t = useT();
  const [, navigate] = useLocation();
  const [failed, setFailed] = useState(false);
  // Only the author sees this button: the text goes back into their own drafts.
  const owner = useDraftOwner();
  // The question no longer takes comments: there is no composer to open, so the text is kept in
  // Drafts (to copy elsewhere or post if a moderator reopens the phase).
  const closed = post.refusal?.code === 'phase_closed' || post.refusal?.code === 'space_closed';
  const onClick = async () => {
    try {
      await drafts.save({
        owner,
        target:
          post.parentId === null
            ? { kind: 'comment', spaceId: post.spaceId, questionId: post.questionId }
            : { kind: 'reply', spaceId: post.spaceId, questionId: post.questionId, parentId: post.parentId },
        text: post.body,
        anonymous: post.anonymous,
        lang: post.lang,
      });
    } catch {
      setFailed(true);
      return;
    }
    navigate(closed ? '/drafts' : `${threadHref}?${post.parentId ? `reply=${post.parentId}` : 'compose=1'}`);
  };
  return (
    <>
      <button type="button" className="button button--quiet" onClick={() => void onClick()}>
        {t(closed ? 'repost.keepAsDraft' : 'repost.button')}
      </button>
      {failed && (
        <p className="composer__problem" role="alert">
          {t('compose.draftUnavailable')}
        </p>
      )}
    </>
  );
}
