import { useId, useState, type FormEvent } from 'react';
import type { Me } from '@parley/shared';
import { ApiError } from '../../api/http';
import { assignModerator, removeModerator } from '../../api/moderation';
import { useData } from '../../db/context';
import { useQuestions, useSpaces } from '../../db/queries';
import { useUiLang } from '../../i18n/I18nProvider';
import { pickLocalized } from '../../i18n/localized';
import { useT } from '../../i18n/useT';
import { useAnnounce } from '../../ui/Announcer';
import { Loading } from '../../ui/Page';
import { InviteForm } from './InviteForm';
import { TitleOptions } from './TitleOptions';

/**
 * Administrators only: who moderates a space. The same service as `npm run admin -- moderator
 * assign|remove`, through the server (needs a connection). The list is the space document's,
 * so it updates by sync once the server has the change.
 */
export function TeamScreen({ me }: { me: Me }) {
  const t = useT();
  const { lang } = useUiLang();
  const announce = useAnnounce();
  const id = useId();
  const spaces = useSpaces();
  const { sync } = useData();
  const [chosen, setChosen] = useState<string | null>(null);
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const space = spaces?.find((s) => s.id === chosen) ?? spaces?.[0];
  const questions = useQuestions(space?.id);
  if (me.role !== 'admin') return <p>{t('moderation.team.adminOnly')}</p>;
  if (!spaces) return <Loading />;
  if (!space) return <p className="empty">{t('moderation.log.noSpace')}</p>;
  if (!questions) return <Loading />;
  const questionTitle = (questionId: string) => {
    const question = questions.find((q) => q.id === questionId);
    return question ? pickLocalized(question.title, lang, space.languages) : null;
  };

  const run = async (action: 'add' | 'remove', event?: FormEvent) => {
    event?.preventDefault();
    if (busy) return;
    if (!/^\S+@\S+\.\S+$/.test(email.trim())) {
      setResult({ ok: false, text: t('moderation.team.badEmail') });
      return;
    }
    setBusy(true);
    try {
      await (action === 'add' ? assignModerator : removeModerator)(space.slug, email.trim());
      const text = t(action === 'add' ? 'moderation.team.added' : 'moderation.team.removed', {
        email: email.trim(),
      });
      setResult({ ok: true, text });
      announce(text);
      // Spaces are not streamed: pull the space now so its moderator list shows the change.
      sync?.reSync();
      setEmail('');
    } catch (error) {
      const code = error instanceof ApiError ? error.code : 'unknown';
      setResult({
        ok: false,
        text: t(
          code === 'network'
            ? 'moderation.team.offline'
            : code === 'not_found'
              ? 'moderation.team.notFound'
              : 'moderation.team.failed',
        ),
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="stack">
      {spaces.length > 1 && (
        <div className="field">
          <label htmlFor={`${id}-space`}>{t('moderation.space')}</label>
          <select
            id={`${id}-space`}
            className="select"
            value={space.id}
            onChange={(e) => setChosen(e.target.value)}
          >
            <TitleOptions items={spaces} lang={lang} languagesOf={(s) => s.languages} />
          </select>
        </div>
      )}
      <section aria-labelledby={`${id}-current`} className="stack">
        <h2 id={`${id}-current`}>{t('moderation.team.current')}</h2>
        <ul className="team-list">
          {space.moderators.map((m) => (
            <li key={m.userId}>
              <span>{m.displayName}</span>{' '}
              <span className="tag">
                {t(
                  m.level === 'global'
                    ? 'moderation.team.global'
                    : m.level === 'regional'
                      ? 'moderation.team.regional'
                      : 'moderation.team.question',
                )}
              </span>
              {m.level === 'question' && (
                <ul className="team-list__questions">
                  {(m.questionIds ?? []).map((questionId) => {
                    const title = questionTitle(questionId);
                    return title ? (
                      <li key={questionId} dir="auto" lang={title.lang}>
                        {title.text}
                      </li>
                    ) : null;
                  })}
                </ul>
              )}
            </li>
          ))}
        </ul>
      </section>
      <form className="form" onSubmit={(e) => void run('add', e)} noValidate>
        <div className="field">
          <label htmlFor={`${id}-email`}>{t('moderation.team.email')}</label>
          <input
            id={`${id}-email`}
            type="email"
            autoComplete="off"
            value={email}
            aria-describedby={`${id}-help`}
            onChange={(e) => setEmail(e.target.value)}
          />
          <p id={`${id}-help`} className="field__help">
            {t('moderation.team.help')}
          </p>
        </div>
        {result && (
          <p
            className={result.ok ? 'post-state post-state--published' : 'form__error'}
            role={result.ok ? 'status' : 'alert'}
          >
            {result.text}
          </p>
        )}
        <div className="queue-item__actions">
          <button
            type="button"
            className="button button--danger-quiet"
            disabled={busy}
            onClick={() => void run('remove')}
          >
            {t('moderation.team.remove')}
          </button>
          <button type="submit" className="button button--primary" disabled={busy}>
            {t('moderation.team.add')}
          </button>
        </div>
      </form>
      <InviteForm key={space.id} space={space} questions={questions} />
    </div>
  );
}
