import { useId, useState, type FormEvent } from 'react';
import type { Space } from '@parley/shared';
import { ApiError } from '../api/http';
import { useData } from '../db/context';
import { useUiLang, type MessageId } from '../i18n/I18nProvider';
import { useT } from '../i18n/useT';
import { useAnnounce } from '../ui/Announcer';
import { publishAnnouncement, removeAnnouncement } from './announcement-api';
import { languageName } from './language-name';
import './announcement.css';

type Outcome = { ok: boolean; message: MessageId } | null;

const problemOf = (error: unknown): MessageId =>
  error instanceof ApiError && error.status === 403
    ? 'announcement.forbidden'
    : error instanceof ApiError && error.status === 400
      ? 'announcement.defaultRequired'
      : 'announcement.failed';

/**
 * "Publish as announcement" on the report page: the written summary, one text per language of
 * the space (prefilled from the current announcement), pinned at the top of the space for every
 * device. Needs a connection: the server checks who may, then every device pulls the space.
 */
export function AnnouncementForm({ space }: { space: Space }) {
  const t = useT();
  const id = useId();
  const announce = useAnnounce();
  const { lang: uiLang } = useUiLang();
  const { connection, sync } = useData();
  const [text, setText] = useState<Record<string, string>>(() =>
    Object.fromEntries(space.languages.map((l) => [l, space.announcement?.text[l] ?? ''])),
  );
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const offline = connection === 'offline';
  const defaultLang = space.languages[0]!;
  const defaultName = languageName(defaultLang, uiLang);

  const run = async (action: () => Promise<unknown>, done: MessageId) => {
    setBusy(true);
    try {
      await action();
      sync?.reSync();
      setOutcome({ ok: true, message: done });
      announce(t(done));
    } catch (error) {
      setOutcome({ ok: false, message: problemOf(error) });
    } finally {
      setBusy(false);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!text[defaultLang]?.trim()) {
      setOutcome({ ok: false, message: 'announcement.defaultRequired' });
      return;
    }
    void run(() => publishAnnouncement(space.slug, { text }), 'announcement.published');
  };

  return (
    <section className="card stack announcement-form no-print" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('announcement.formHeading')}</h2>
      <p className="muted">{t('announcement.formHelp', { language: defaultName })}</p>
      <form className="stack" onSubmit={submit} noValidate>
        {space.languages.map((lang) => (
          <div className="field" key={lang}>
            <label htmlFor={`${id}-${lang}`}>
              {t('announcement.textIn', { language: languageName(lang, uiLang) })}
            </label>
            <textarea
              id={`${id}-${lang}`}
              lang={lang}
              dir="auto"
              rows={6}
              maxLength={20_000}
              required={lang === defaultLang}
              value={text[lang] ?? ''}
              onChange={(e) => setText({ ...text, [lang]: e.target.value })}
            />
          </div>
        ))}
        {outcome && (
          <p
            role={outcome.ok ? 'status' : 'alert'}
            className={outcome.ok ? 'announcement-form__ok' : 'announcement-form__problem'}
          >
            {t(outcome.message, { language: defaultName })}
          </p>
        )}
        {offline && <p className="muted">{t('announcement.needsConnection')}</p>}
        <div className="announcement-form__actions">
          <button type="submit" className="button button--primary" disabled={busy || offline}>
            {t(space.announcement ? 'announcement.update' : 'announcement.publish')}
          </button>
          {space.announcement && (
            <button
              type="button"
              className="button button--quiet"
              disabled={busy || offline}
              onClick={() => void run(() => removeAnnouncement(space.slug), 'announcement.removed')}
            >
              {t('announcement.remove')}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
