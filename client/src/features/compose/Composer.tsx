import { useId, useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { MAX_POST_CHARS } from '@parley/shared';
import { useData } from '../../db/context';
import { addPost, type WriteProblem } from '../../db/writes';
import { useSession } from '../../session/SessionProvider';
import { useUiLang } from '../../i18n/I18nProvider';
import { useT } from '../../i18n/useT';
import type { MessageId } from '../../i18n/I18nProvider';
import { useAnnounce } from '../../ui/Announcer';
import type { ComposerProps } from '../../ui/composer';
import './compose.css';

const PROBLEMS: Record<WriteProblem, MessageId> = {
  empty: 'compose.problem.empty',
  tooLong: 'compose.problem.tooLong',
  invalid: 'compose.problem.invalid',
  storage: 'compose.problem.storage',
};

/** Shows the character count once the text nears the limit. */
const COUNT_FROM = MAX_POST_CHARS - 1_000;

export function Composer({ spaceId, questionId, parentId, onDone, autoFocus }: ComposerProps) {
  const t = useT();
  const { me } = useSession();
  const { db } = useData();
  const { lang } = useUiLang();
  const announce = useAnnounce();
  const [body, setBody] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [problem, setProblem] = useState<WriteProblem | null>(null);
  const [saving, setSaving] = useState(false);
  const id = useId();
  const isReply = parentId !== null;

  if (!me) {
    return (
      <p className="composer composer--signed-out">
        <Link href="/signin">{t('compose.signInToPost')}</Link>{' '}
        <span className="muted">{t('compose.joinHint')}</span>
      </p>
    );
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!db || saving) return;
    setSaving(true);
    const result = await addPost(db, me, { spaceId, questionId, parentId, body, anonymous, lang });
    setSaving(false);
    if (!result.ok) {
      setProblem(result.problem);
      return;
    }
    setProblem(null);
    setBody('');
    setAnonymous(false);
    announce(t('compose.saved'));
    onDone?.();
  };

  const tooLong = body.length > MAX_POST_CHARS;
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
        aria-describedby={`${id}-help ${problem ? `${id}-problem` : ''}`.trim()}
        onChange={(e) => {
          setBody(e.target.value);
          if (problem) setProblem(null);
        }}
      />
      <p id={`${id}-help`} className={`composer__help${tooLong ? ' composer__help--over' : ''}`}>
        {body.length >= COUNT_FROM
          ? t('compose.count', { count: body.length, max: MAX_POST_CHARS })
          : t('compose.moderated')}
      </p>
      {problem && (
        <p id={`${id}-problem`} className="composer__problem" role="alert">
          {t(PROBLEMS[problem], { max: MAX_POST_CHARS })}
        </p>
      )}
      <div className="composer__row">
        <label className="checkbox">
          <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} />
          <span>{t('compose.anonymous')}</span>
        </label>
        <div className="composer__buttons">
          {isReply && (
            <button type="button" className="button button--quiet" onClick={() => onDone?.()}>
              {t('compose.cancel')}
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
