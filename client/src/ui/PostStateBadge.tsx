import type { Post } from '@parley/shared';
import { postState, type PostStateKey } from '../posts/postState';
import { useOnline } from '../db/context';
import { useSpacesById } from '../db/queries';
import { useUiLang } from '../i18n/I18nProvider';
import { moderationReasonText } from '../posts/display';
import { useSentChange } from '../posts/sent-changes';
import { useT, type Translate } from '../i18n/useT';
import type { MessageId } from '../i18n/I18nProvider';

const LABELS: Record<PostStateKey, MessageId> = {
  waiting: 'postState.waiting',
  sending: 'postState.sending',
  awaiting: 'postState.awaiting',
  published: 'postState.published',
  notPublished: 'postState.notPublished',
  hidden: 'postState.hidden',
  withdrawn: 'postState.withdrawn',
};

const REFUSALS: Record<string, MessageId> = {
  invalid: 'refusal.invalid',
  not_author: 'refusal.not_author',
  unknown_question: 'refusal.unknown_question',
  unknown_parent: 'refusal.unknown_parent',
  phase_closed: 'refusal.phase_closed',
  not_editable: 'refusal.not_editable',
  bad_attachment: 'refusal.bad_attachment',
  space_closed: 'refusal.space_closed',
};

/** The server's refusal of a post or an edit, in the reader's language when the code is known. */
export function refusalText(t: Translate, refusal: { code: string; message: string }): string {
  const id = REFUSALS[refusal.code];
  return id ? t(id) : refusal.message;
}

export function postStateLabel(t: Translate, key: PostStateKey): string {
  return t(LABELS[key]);
}

/**
 * The label, told apart where the author changed the post: an edit of theirs the server took
 * ("Edited — waiting for moderation"), a withdrawal not yet sent.
 */
function label(t: Translate, post: Post, key: PostStateKey, editApplied: boolean): string {
  if (key === 'awaiting' && editApplied) return t('postState.edited');
  if (key === 'withdrawn' && post.receivedAt === null) return t('postState.withdrawing');
  return postStateLabel(t, key);
}

/** The author's view of where their post is; the reason when it was not published. */
export function PostStateBadge({ post }: { post: Post }) {
  const t = useT();
  const online = useOnline();
  const state = postState(post, online);
  const sent = useSentChange(post);
  const spaces = useSpacesById();
  const { lang } = useUiLang();
  const refusal = state.reason?.code ? REFUSALS[state.reason.code] : undefined;
  // A moderator's reason: the space's template in the reader's language when one was picked.
  const moderatorReason =
    state.reason && !state.reason.code ? moderationReasonText(post, spaces?.get(post.spaceId), lang) : null;
  return (
    <div
      className={`post-state post-state--${state.key === 'withdrawn' && post.receivedAt === null ? 'waiting' : state.key}`}
    >
      <span className="post-state__label">{label(t, post, state.key, sent?.outcome === 'applied')}</span>
      {state.reason && (
        <span className="post-state__reason" dir="auto" lang={moderatorReason?.lang}>
          {' '}
          {t('postState.reason', {
            reason: refusal ? t(refusal) : (moderatorReason?.text ?? state.reason.text),
          })}
        </span>
      )}
    </div>
  );
}
