import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { MAX_POST_CHARS, type Post } from '@parley/shared';
import { useData } from '../../db/context';
import { editPost, type ChangeProblem } from '../../db/post-changes';
import { useDraft } from '../../drafts/use-draft';
import type { DraftTarget } from '../../drafts/draft-store';
import { useSession } from '../../session/SessionProvider';
import { useT } from '../../i18n/useT';
import type { MessageId } from '../../i18n/I18nProvider';
import { PostLanguageSelect } from '../../i18n/PostLanguageSelect';
import { useAnnounce } from '../../ui/Announcer';
import { rememberChange } from '../../posts/sent-changes';

const PROBLEMS: Record<ChangeProblem, MessageId> = {
  empty: 'compose.problem.empty',
  tooLong: 'compose.problem.tooLong',
  gone: 'compose.problem.gone',
  storage: 'compose.problem.storage',
};

/**
 * The author edits their post in place. Like a new post, the edit is kept as a draft while it is
 * typed and written to the device on Save; replication delivers it when there is a connection.
 * A participant's edit goes back to the moderators, and until they approve it nobody else sees the
 * post (the server's rule): the help text says so before Save.
 */
export function EditComposer({ post, onDone }: { post: Post; onDone?: () => void }) {
  const t = useT();
  const { me } = useSession();
  const { db } = useData();
  const announce = useAnnounce();
  const target: DraftTarget = {
    kind: 'edit',
    spaceId: post.spaceId,
    questionId: post.questionId,
    postId: post.id,
  };
  const draft = useDraft(me?.id ?? '', target, {
    lang: post.lang,
    text: post.body,
    anonymous: post.anonymous,
  });
  const [problem, setProblem] = useState<ChangeProblem | null>(null);
  const [saving, setSaving] = useState(false);
  const id = useId();
  const field = useRef<HTMLTextAreaElement>(null);
  // Opened from My posts, the thread's heading takes focus as the screen changes (PageTitle):
  // the text being edited takes it after that, where the person asked to go.
  useEffect(() => {
    const frame = requestAnimationFrame(() => field.current?.focus());
    return () => cancelAnimationFrame(frame);
  }, []);
  const body = draft.text;
  const tooLong = body.length > MAX_POST_CHARS;
  const changed = body.trim() !== post.body || draft.lang !== post.lang || draft.anonymous !== post.anonymous;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!db || saving) return;
    setSaving(true);
    // Known to the server already: remember what was asked, to tell the author if it gives way.
    const delivered = post.receivedAt !== null;
    const result = await editPost(db, post.id, { body, lang: draft.lang, anonymous: draft.anonymous });
    setSaving(false);
    if (!result.ok) return setProblem(result.problem);
    if (result.changed && delivered)
      rememberChange(post.id, {
        kind: 'edit',
        body: body.trim(),
        lang: draft.lang,
        anonymous: draft.anonymous,
        at: new Date().toISOString(),
      });
    try {
      await draft.clear();
    } catch (error) {
      console.error('Could not discard the delivered edit draft', error);
    }
    if (result.changed) announce(t('compose.editSaved'));
    onDone?.();
  };

  const cancel = async () => {
    // Nothing changed: no draft to keep. Otherwise the edit stays in Drafts, like a reply.
    if (!changed) await draft.clear().catch(() => undefined);
    onDone?.();
  };

  const describedBy = [`${id}-help`, problem && `${id}-problem`].filter(Boolean).join(' ');
  return (
    <form className="composer composer--edit" onSubmit={(e) => void submit(e)} noValidate>
      <label htmlFor={`${id}-body`} className="composer__label">
        {t(post.parentId ? 'compose.editReply' : 'compose.editComment')}
      </label>
      <textarea
        id={`${id}-body`}
        className="composer__body"
        value={body}
        rows={5}
        ref={field}
        dir="auto"
        aria-invalid={problem !== null || tooLong}
        aria-describedby={describedBy}
        onChange={(e) => {
          draft.update({ text: e.target.value });
          if (problem) setProblem(null);
        }}
      />
      <p id={`${id}-help`} className={`composer__help${tooLong ? ' composer__help--over' : ''}`}>
        {tooLong
          ? t('compose.count', { count: body.length, max: MAX_POST_CHARS })
          : t(
              post.status === 'approved' && !post.fromModerator
                ? 'compose.editHelpPublished'
                : 'compose.editHelp',
            )}
      </p>
      {problem && (
        <p id={`${id}-problem`} className="composer__problem" role="alert">
          {t(PROBLEMS[problem], { max: MAX_POST_CHARS })}
        </p>
      )}
      <PostLanguageSelect value={draft.lang} onChange={(next) => draft.update({ lang: next })} />
      <div className="composer__row">
        <label className="checkbox">
          <input
            type="checkbox"
            checked={draft.anonymous}
            onChange={(e) => draft.update({ anonymous: e.target.checked })}
          />
          <span>{t('compose.anonymous')}</span>
        </label>
        <div className="composer__buttons">
          <button type="button" className="button button--quiet" onClick={() => void cancel()}>
            {t(changed ? 'compose.close' : 'compose.cancel')}
          </button>
          <button type="submit" className="button button--primary" disabled={!db || saving}>
            {t('compose.saveEdit')}
          </button>
        </div>
      </div>
    </form>
  );
}
