import { useState } from 'react';
import { Link, useLocation } from 'wouter';
import type { Post } from '@parley/shared';
import { useData } from '../db/context';
import { withdrawPost } from '../db/post-changes';
import { drafts, useDraftOwner } from '../drafts/use-draft';
import { useT } from '../i18n/useT';
import { forgetChange, rememberChange, useSentChange, type SentChange } from '../posts/sent-changes';
import { useAnnounce } from './Announcer';
import { Dialog } from './Dialog';
import { refusalText } from './PostStateBadge';
import './own-post-actions.css';

/**
 * Whether the author may still change the post. A rejected post is edited and posted again as a
 * new one ("Edit and post again"); a withdrawn one is final. A new post the server refused comes
 * back rejected with its refusal and was never stored: there is nothing to withdraw. (A refused
 * edit comes back with the stored post's own status, and the refusal beside it.)
 */
export const editable = (post: Post) =>
  post.status === 'pending' || post.status === 'approved' || post.status === 'hidden';
export const withdrawable = (post: Post) =>
  post.status !== 'withdrawn' && !(post.status === 'rejected' && post.refusal !== null);

/**
 * The author's Edit and Withdraw on their own post, and, when the server kept its own version
 * instead (a moderator decided while the change waited), a notice that says so with the way to
 * try again. `onEdit` opens the composer in place; `editHref` goes to the thread to do it.
 */
export function OwnPostActions({
  post,
  canEdit,
  onEdit,
  editHref,
}: {
  post: Post;
  /** False once the question no longer takes comments (the server would refuse the edit). */
  canEdit: boolean;
  onEdit?: () => void;
  editHref?: string;
}) {
  const t = useT();
  const { db } = useData();
  const announce = useAnnounce();
  const owner = useDraftOwner();
  const [, navigate] = useLocation();
  const [confirming, setConfirming] = useState(false);
  const [failed, setFailed] = useState(false);
  const sent = useSentChange(post);

  const withdraw = async () => {
    setConfirming(false);
    if (!db) return;
    const delivered = post.receivedAt !== null;
    const result = await withdrawPost(db, post.id);
    setFailed(!result.ok);
    if (!result.ok) return;
    if (result.changed && delivered)
      rememberChange(post.id, { kind: 'withdraw', at: new Date().toISOString() });
    announce(t('ownPost.withdrawnAnnounce'));
  };

  const openEdit = () => (onEdit ? onEdit() : editHref && navigate(editHref));

  /** The author's text goes back into the edit's draft, where the composer finds it. */
  const editAgain = async (change: Extract<SentChange, { kind: 'edit' }>) => {
    try {
      await drafts.save({
        owner,
        target: { kind: 'edit', spaceId: post.spaceId, questionId: post.questionId, postId: post.id },
        text: change.body,
        anonymous: change.anonymous,
        lang: change.lang,
      });
    } catch {
      setFailed(true);
      return;
    }
    forgetChange(post.id);
    openEdit();
  };

  const showEdit = canEdit && editable(post);
  const showWithdraw = withdrawable(post);
  // While the notice offers to try again, the plain button would only repeat it.
  const retrying = sent?.outcome === 'conflict' ? sent.change.kind : null;
  return (
    <>
      {sent?.outcome === 'conflict' && (
        <div className="own-post__conflict" role="alert">
          <p>
            {post.refusal
              ? `${t('ownPost.refused')} ${t('postState.reason', { reason: refusalText(t, post.refusal) })}`
              : t(sent.change.kind === 'edit' ? 'ownPost.conflictEdit' : 'ownPost.conflictWithdraw')}
          </p>
          <div className="own-post__buttons">
            {sent.change.kind === 'edit'
              ? showEdit && (
                  <button
                    type="button"
                    className="button button--primary"
                    onClick={() => void editAgain(sent.change as Extract<SentChange, { kind: 'edit' }>)}
                  >
                    {t('ownPost.editAgain')}
                  </button>
                )
              : showWithdraw && (
                  <button type="button" className="button button--danger" onClick={() => void withdraw()}>
                    {t('ownPost.withdrawAgain')}
                  </button>
                )}
            <button type="button" className="button button--quiet" onClick={() => forgetChange(post.id)}>
              {t('ownPost.dismiss')}
            </button>
          </div>
        </div>
      )}
      {failed && (
        <p className="composer__problem" role="alert">
          {t('ownPost.failed')}
        </p>
      )}
      {showEdit &&
        retrying !== 'edit' &&
        (editHref && !onEdit ? (
          <Link href={editHref} className="button button--quiet">
            {t('ownPost.edit')}
          </Link>
        ) : (
          <button type="button" className="button button--quiet" onClick={onEdit}>
            {t('ownPost.edit')}
          </button>
        ))}
      {showWithdraw && retrying !== 'withdraw' && (
        <button type="button" className="button button--danger-quiet" onClick={() => setConfirming(true)}>
          {t('ownPost.withdraw')}
        </button>
      )}
      <Dialog title={t('ownPost.withdrawTitle')} open={confirming} onClose={() => setConfirming(false)}>
        <div className="stack own-post__dialog">
          <p>{t('ownPost.withdrawBody')}</p>
          <p className="muted">{t('ownPost.withdrawModerators')}</p>
          <div className="dialog__buttons">
            <button type="button" className="button button--quiet" onClick={() => setConfirming(false)}>
              {t('ownPost.cancel')}
            </button>
            <button type="button" className="button button--danger" onClick={() => void withdraw()}>
              {t('ownPost.withdrawConfirm')}
            </button>
          </div>
        </div>
      </Dialog>
    </>
  );
}
