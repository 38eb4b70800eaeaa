import { useId, useState, type FormEvent } from 'react';
import type { InvitationRole, Question, Space } from '@parley/shared';
import { ApiError } from '../../api/http';
import { sendInvitation } from '../../api/invitations';
import { AVAILABLE_UI_LANGS, useUiLang } from '../../i18n/I18nProvider';
import { useT } from '../../i18n/useT';
import { useAnnounce } from '../../ui/Announcer';
import { TitleOptions } from './TitleOptions';

type Choice = 'space' | 'question' | 'admin';

/** Each language named in itself: the invitee reads the e-mail, not the organiser. */
const languageName = (lang: string) => {
  const name = new Intl.DisplayNames([lang], { type: 'language' }).of(lang) ?? lang;
  return name.charAt(0).toLocaleUpperCase(lang) + name.slice(1);
};

/**
 * Organisers only: invite someone by e-mail to moderate this space, one of its questions, or to
 * organise. The server mails a single-use link, valid 7 days, that creates the account (or adds
 * the role to an existing one). The answer is the same either way: the team list shows the person
 * once they accept.
 */
export function InviteForm({ space, questions }: { space: Space; questions: readonly Question[] }) {
  const t = useT();
  const { lang } = useUiLang();
  const announce = useAnnounce();
  const id = useId();
  const [email, setEmail] = useState('');
  const [choice, setChoice] = useState<Choice>('space');
  const [questionId, setQuestionId] = useState<string | null>(null);
  const [mailLang, setMailLang] = useState(lang);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const question = questions.find((q) => q.id === questionId) ?? questions[0];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const address = email.trim();
    if (!/^\S+@\S+\.\S+$/.test(address)) {
      setResult({ ok: false, text: t('moderation.team.badEmail') });
      return;
    }
    const role: InvitationRole = choice === 'admin' ? 'admin' : 'moderator';
    setBusy(true);
    try {
      await sendInvitation({
        email: address,
        role,
        lang: mailLang,
        ...(choice === 'admin' ? {} : { space: space.slug }),
        ...(choice === 'question' && question ? { questionId: question.id } : {}),
      });
      const text = t('invite.form.sent', { email: address });
      setResult({ ok: true, text });
      announce(text);
      setEmail('');
    } catch (error) {
      const code = error instanceof ApiError ? error.code : 'unknown';
      setResult({
        ok: false,
        text: t(
          code === 'network'
            ? 'moderation.team.offline'
            : code === 'rate_limited'
              ? 'invite.form.tooMany'
              : code === 'invalid_body'
                ? 'moderation.team.badEmail'
                : 'moderation.team.failed',
        ),
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby={`${id}-heading`} className="stack">
      <h2 id={`${id}-heading`}>{t('invite.form.heading')}</h2>
      <p className="muted">{t('invite.form.intro')}</p>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <div className="field">
          <label htmlFor={`${id}-email`}>{t('invite.form.email')}</label>
          <input
            id={`${id}-email`}
            type="email"
            autoComplete="off"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </div>
        <fieldset className="field invite-roles">
          <legend>{t('invite.form.role')}</legend>
          {(['space', 'question', 'admin'] as const).map((c) => (
            <label key={c} className="invite-roles__option">
              <input
                type="radio"
                name={`${id}-role`}
                value={c}
                checked={choice === c}
                disabled={c === 'question' && questions.length === 0}
                onChange={() => setChoice(c)}
              />{' '}
              {t(
                c === 'space'
                  ? 'invite.form.roleSpace'
                  : c === 'question'
                    ? 'invite.form.roleQuestion'
                    : 'invite.form.roleAdmin',
              )}
            </label>
          ))}
        </fieldset>
        {choice === 'question' && question && (
          <div className="field">
            <label htmlFor={`${id}-question`}>{t('invite.form.question')}</label>
            <select
              id={`${id}-question`}
              className="select"
              value={question.id}
              onChange={(e) => setQuestionId(e.target.value)}
            >
              <TitleOptions items={questions} lang={lang} languagesOf={() => space.languages} />
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor={`${id}-lang`}>{t('invite.form.lang')}</label>
          <select
            id={`${id}-lang`}
            className="select"
            value={mailLang}
            onChange={(e) => setMailLang(e.target.value)}
          >
            {AVAILABLE_UI_LANGS.map((code) => (
              <option key={code} value={code} lang={code}>
                {languageName(code)}
              </option>
            ))}
          </select>
        </div>
        {result && (
          <p
            className={result.ok ? 'post-state post-state--published' : 'form__error'}
            role={result.ok ? 'status' : 'alert'}
          >
            {result.text}
          </p>
        )}
        <button type="submit" className="button button--primary button--wide" disabled={busy}>
          {t('invite.form.send')}
        </button>
      </form>
    </section>
  );
}
