import { useId, useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { MAX_POST_CHARS } from '@parley/shared';
import { useData } from '../../db/context';
import { addPost, type WriteProblem } from '../../db/writes';
import { useDraft } from '../../drafts/use-draft';
import { ANONYMOUS_OWNER, type DraftTarget } from '../../drafts/draft-store';
import { askPersistentStorageOnce } from '../../drafts/persist';
import { useSession } from '../../session/SessionProvider';
import { useUiLang } from '../../i18n/I18nProvider';
import { useT } from '../../i18n/useT';
import type { MessageId } from '../../i18n/I18nProvider';
import { useAnnounce } from '../../ui/Announcer';
import type { ComposerProps } from '../../ui/composer';
import { AttachPicker, MAX_FILE_BYTES } from '../../attachments/AttachPicker';
import { kickUploads } from '../../attachments/AttachmentUploads';
import { downscaleImage } from '../../attachments/downscale';
import { fileOutbox } from '../../attachments/file-outbox';
import { PostLanguageSelect } from '../../i18n/PostLanguageSelect';
import { EditComposer } from './EditComposer';
import './compose.css';

const PROBLEMS: Record<WriteProblem, MessageId> = {
  empty: 'compose.problem.empty',
  tooLong: 'compose.problem.tooLong',
  invalid: 'compose.problem.invalid',
  storage: 'compose.problem.storage',
};

/** Shows the character count once the text nears the limit. */
const COUNT_FROM = MAX_POST_CHARS - 1_000;

export function Composer(props: ComposerProps) {
  const t = useT();
  const { me } = useSession();
  if (!me) {
    return (
      <p className="composer composer--signed-out">
        <Link href="/signin">{t('compose.signInToPost')}</Link>{' '}
        <span className="muted">{t('compose.joinHint')}</span>
      </p>
    );
  }
  // One composer per person: after a sign-out and a sign-in on a shared phone, the next person's
  // composer starts from their own draft, never from the text or the ticks left on screen.
  if (props.edit)
    return <EditComposer key={`${me.id}:${props.edit.id}`} post={props.edit} onDone={props.onDone} />;
  return <SignedInComposer key={me.id} {...props} />;
}

/**
 * Every keystroke is kept on the device (drafts, debounced); the draft is restored after a reload,
 * a crash or a closed tab, and discarded only by the user (Drafts screen) or once the post is
 * committed to the device's database, where the outbox takes over.
 */
function SignedInComposer({ spaceId, questionId, parentId, onDone, autoFocus }: ComposerProps) {
  const t = useT();
  const { me } = useSession();
  const { db } = useData();
  const { lang } = useUiLang();
  const announce = useAnnounce();
  const target: DraftTarget =
    parentId === null
      ? { kind: 'comment', spaceId, questionId }
      : { kind: 'reply', spaceId, questionId, parentId };
  const draft = useDraft(me?.id ?? ANONYMOUS_OWNER, target, { lang });
  const [problem, setProblem] = useState<WriteProblem | null>(null);
  const [saving, setSaving] = useState(false);
  // Files are chosen for this post only (not kept in the draft); once posted they wait in the
  // file outbox with the post until they are uploaded.
  const [files, setFiles] = useState<File[]>([]);
  const [shrink, setShrink] = useState(false);
  const id = useId();
  const isReply = parentId !== null;
  const body = draft.text;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!db || !me || saving) return;
    if (files.some((f) => f.size > MAX_FILE_BYTES)) return;
    setSaving(true);
    const result = await addPost(db, me, {
      spaceId,
      questionId,
      parentId,
      body,
      anonymous: draft.anonymous,
      lang: draft.lang,
    });
    if (!result.ok) {
      setSaving(false);
      setProblem(result.problem);
      return;
    }
    if (files.length > 0) {
      try {
        const ready = shrink ? await Promise.all(files.map(downscaleImage)) : files;
        await fileOutbox.queue(me.id, result.id, ready);
        kickUploads(db, me.id);
        setFiles([]);
      } catch (error) {
        console.error('Could not keep the files for upload', error);
      }
    }
    // The post is in the device's database (the outbox): the draft has done its job.
    try {
      await draft.clear();
    } catch (error) {
      console.error('Could not discard the delivered draft', error);
    }
    setSaving(false);
    setProblem(null);
    void askPersistentStorageOnce();
    announce(t('compose.saved'));
    onDone?.();
  };

  const tooLong = body.length > MAX_POST_CHARS;
  const describedBy = [`${id}-help`, problem && `${id}-problem`, draft.error && `${id}-storage`]
    .filter(Boolean)
    .join(' ');
  return (
    <form className="composer" onSubmit={submit} noValidate>
      <label htmlFor={`${id}-body`} className="composer__label">
        {t(isReply ? 'compose.yourReply' : 'compose.yourComment')}
      </label>
      <textarea
        id={`${id}-body`}
        className="composer__body"
        value={body}
        rows={isReply ? 3 : 4}
        autoFocus={autoFocus}
        aria-invalid={problem !== null || tooLong}
        aria-describedby={describedBy}
        onChange={(e) => {
          draft.update({ text: e.target.value });
          if (problem) setProblem(null);
        }}
      />
      <p id={`${id}-help`} className={`composer__help${tooLong ? ' composer__help--over' : ''}`}>
        {body.length >= COUNT_FROM
          ? t('compose.count', { count: body.length, max: MAX_POST_CHARS })
          : t('compose.moderated')}
        {draft.saveState === 'saved' && body.trim() !== '' && (
          <span className="composer__saved"> {t('compose.draftSaved')}</span>
        )}
      </p>
      {draft.error && (
        <p id={`${id}-storage`} className="composer__problem" role="alert">
          {t(draft.error.reason === 'quota' ? 'compose.draftQuota' : 'compose.draftUnavailable')}
        </p>
      )}
      {problem && (
        <p id={`${id}-problem`} className="composer__problem" role="alert">
          {t(PROBLEMS[problem], { max: MAX_POST_CHARS })}
        </p>
      )}
      <AttachPicker files={files} onChange={setFiles} shrink={shrink} onShrinkChange={setShrink} />
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
          {isReply && (
            <button type="button" className="button button--quiet" onClick={() => onDone?.()}>
              {t(body.trim() ? 'compose.close' : 'compose.cancel')}
            </button>
          )}
          <button type="submit" className="button button--primary" disabled={!db || saving}>
            {t('compose.post')}
          </button>
        </div>
      </div>
    </form>
  );
}
