import { useId, useRef, useState, type FormEvent } from 'react';
import { Link, useLocation } from 'wouter';
import { DeletionPolicy, type Space } from '@parley/shared';
import { useData } from '../../db/context';
import { useSpaces } from '../../db/queries';
import { useUiLang } from '../../i18n/I18nProvider';
import { autonym } from '../../i18n/LanguageMenu';
import { pickLocalized } from '../../i18n/localized';
import { useT } from '../../i18n/useT';
import { useSession } from '../../session/SessionProvider';
import { useAnnounce } from '../../ui/Announcer';
import { NotFound } from '../../ui/NotFound';
import { Loading, PageTitle } from '../../ui/Page';
import { Field } from '../../ui/Field';
import { LanguagePicker, languageName } from './LanguagePicker';
import { LocalizedField } from './LocalizedField';
import { saveSpace } from './organiser-writes';
import { PhaseFields } from './PhaseFields';
import { SpaceStatusPanel } from './SpaceStatusPanel';
import {
  emptySpaceForm,
  formToSpace,
  newPhaseForm,
  spaceToForm,
  type Problems,
  type SpaceForm,
} from './space-form';
import { knownTimeZones } from './time-zone';
import './organiser.css';

/** Languages offered as ticks; a space may also keep others it already has. */
const COMMON_LANGUAGES = ['en', 'fr', 'es', 'ru', 'ar', 'pt', 'sw', 'de', 'zh', 'hi'];

/** Administrators only: the page explains itself to anyone else (the server refuses them too). */
export function AdminOnly() {
  const t = useT();
  return (
    <section className="stack">
      <PageTitle title={t('organiser.adminOnlyTitle')}>{t('organiser.adminOnlyTitle')}</PageTitle>
      <p>{t('organiser.adminOnly')}</p>
    </section>
  );
}

/** `/organise/new` and `/organise/:slug`: create or edit a space. */
export function SpaceEditorPage({ slug }: { slug?: string }) {
  const t = useT();
  const { me } = useSession();
  const spaces = useSpaces();
  if (me?.role !== 'admin') return <AdminOnly />;
  if (!spaces) return <Loading />;
  const space = slug === undefined ? null : (spaces.find((s) => s.slug === slug) ?? null);
  if (slug !== undefined && !space) return <NotFound message={t('space.notFound')} />;
  return <SpaceEditor key={space?.id ?? 'new'} space={space} spaces={spaces} />;
}

function SpaceEditor({ space, spaces }: { space: Space | null; spaces: Space[] }) {
  const t = useT();
  const { lang: uiLang } = useUiLang();
  const { db } = useData();
  const announce = useAnnounce();
  const [, navigate] = useLocation();
  const id = useId();
  const summary = useRef<HTMLDivElement>(null);
  const [form, setForm] = useState<SpaceForm>(() => (space ? spaceToForm(space) : emptySpaceForm(uiLang)));
  const [editLang, setEditLang] = useState(() => form.languages[0] ?? uiLang);
  const [problems, setProblems] = useState<Problems>({});
  const [saved, setSaved] = useState(false);
  const [zones] = useState(knownTimeZones);

  const lang = form.languages.includes(editLang) ? editLang : (form.languages[0] ?? uiLang);
  const languageLabel = languageName(lang, uiLang);
  const update = (change: Partial<SpaceForm>) => {
    setForm((f) => ({ ...f, ...change }));
    setSaved(false);
  };
  const toggleLanguage = (code: string, on: boolean) =>
    update({ languages: on ? [...form.languages, code] : form.languages.filter((l) => l !== code) });
  const setDefault = (code: string) =>
    update({ languages: [code, ...form.languages.filter((l) => l !== code)] });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const taken = spaces.filter((s) => s.id !== form.id).map((s) => s.slug);
    const result = formToSpace(form, space, taken);
    if (!result.ok) {
      setProblems(result.problems);
      setSaved(false);
      // The summary says what happened; each field says what is wrong with it.
      requestAnimationFrame(() => summary.current?.focus());
      return;
    }
    if (!db || !(await saveSpace(db, result.space))) {
      setProblems({ form: 'organiser.error.storage' });
      return;
    }
    setProblems({});
    announce(t('organiser.saved'));
    if (!space) navigate(`/organise/${result.space.slug}/questions`);
    else {
      setSaved(true);
      if (result.space.slug !== space.slug) navigate(`/organise/${result.space.slug}`, { replace: true });
    }
  };

  const title = space ? pickLocalized(space.title, uiLang, space.languages) : null;
  const heading = space ? t('organiser.edit.title') : t('organiser.new.title');
  const problemCount = Object.keys(problems).length;
  const offered = [...new Set([...COMMON_LANGUAGES, ...form.languages])];

  return (
    <section className="stack organiser">
      <PageTitle title={heading}>{heading}</PageTitle>
      {space && title && (
        <p className="organiser__links">
          <Link href={`/s/${space.slug}`} dir="auto" lang={title.lang}>
            {title.text}
          </Link>
          <Link href={`/organise/${space.slug}/questions`}>{t('organiser.editQuestions')}</Link>
        </p>
      )}
      {space && <SpaceStatusPanel space={space} />}
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        {problemCount > 0 && (
          <div ref={summary} tabIndex={-1} role="alert" className="form__error organiser__summary">
            {problems.form ? t(problems.form) : t('organiser.error.summary', { count: problemCount })}
          </div>
        )}

        <fieldset className="organiser__group">
          <legend>{t('organiser.section.languages')}</legend>
          <p className="field__help" id={`${id}-langs-help`}>
            {t('organiser.languagesHelp')}
          </p>
          <div className="organiser__checks" aria-describedby={`${id}-langs-help`}>
            {offered.map((code) => (
              <label key={code} className="checkbox">
                <input
                  type="checkbox"
                  checked={form.languages.includes(code)}
                  onChange={(e) => toggleLanguage(code, e.target.checked)}
                />
                <span lang={code}>{autonym(code)}</span>
              </label>
            ))}
          </div>
          {problems.languages && <p className="form__error">{t(problems.languages)}</p>}
          {form.languages.length > 1 && (
            <Field label={t('organiser.defaultLanguage')}>
              {(a11y) => (
                <select
                  {...a11y}
                  className="organiser__select"
                  value={form.languages[0]}
                  onChange={(e) => setDefault(e.target.value)}
                >
                  {form.languages.map((code) => (
                    <option key={code} value={code} lang={code}>
                      {autonym(code)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
        </fieldset>

        <fieldset className="organiser__group">
          <legend>{t('organiser.section.about')}</legend>
          {form.languages.length > 1 && (
            <LanguagePicker languages={form.languages} value={lang} onChange={setEditLang} />
          )}
          <LocalizedField
            label={t('organiser.titleField', { language: languageLabel })}
            problem={problems.title}
            lang={lang}
            value={form.title}
            onChange={(title) => update({ title })}
          />
          <LocalizedField
            label={t('organiser.intro', { language: languageLabel })}
            problem={problems.intro}
            lang={lang}
            value={form.intro}
            rows={5}
            onChange={(intro) => update({ intro })}
          />
          <LocalizedField
            label={t('organiser.audience', { language: languageLabel })}
            problem={problems.audience}
            lang={lang}
            value={form.audience}
            rows={2}
            onChange={(audience) => update({ audience })}
          />
          <Field
            label={t('organiser.slug')}
            help={t('organiser.slugHelp', { path: `/s/${form.slug.trim() || '…'}` })}
            problem={problems.slug}
          >
            {(a11y) => (
              <input
                {...a11y}
                type="text"
                dir="ltr"
                autoCapitalize="off"
                autoComplete="off"
                spellCheck={false}
                value={form.slug}
                onChange={(e) => update({ slug: e.target.value })}
              />
            )}
          </Field>
          <Field
            label={t('organiser.contactEmail')}
            help={t('organiser.contactEmailHelp')}
            problem={problems.contactEmail}
          >
            {(a11y) => (
              <input
                {...a11y}
                type="email"
                dir="ltr"
                autoComplete="off"
                value={form.contactEmail}
                onChange={(e) => update({ contactEmail: e.target.value })}
              />
            )}
          </Field>
          <Field label={t('organiser.deletionPolicy')} help={t('organiser.deletionPolicyHelp')}>
            {(a11y) => (
              <select
                {...a11y}
                value={form.deletionPolicy}
                onChange={(e) =>
                  update({
                    deletionPolicy: DeletionPolicy.options.find((o) => o === e.target.value) ?? 'keep',
                  })
                }
              >
                <option value="keep">{t('organiser.deletionPolicy.keep')}</option>
                <option value="remove">{t('organiser.deletionPolicy.remove')}</option>
                <option value="author-chooses">{t('organiser.deletionPolicy.authorChooses')}</option>
              </select>
            )}
          </Field>
        </fieldset>

        <fieldset className="organiser__group">
          <legend>{t('organiser.section.phases')}</legend>
          {form.phases.length === 0 && <p className="muted">{t('organiser.phase.none')}</p>}
          <datalist id={`${id}-zones`}>
            {zones.map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
          {form.phases.map((phase, index) => (
            <PhaseFields
              key={phase.id}
              phase={phase}
              index={index}
              editLang={lang}
              problems={problems}
              zoneListId={`${id}-zones`}
              onChange={(p) => update({ phases: form.phases.map((old) => (old.id === p.id ? p : old)) })}
              onRemove={() => update({ phases: form.phases.filter((old) => old.id !== phase.id) })}
            />
          ))}
          <button
            type="button"
            className="button button--quiet"
            onClick={() => update({ phases: [...form.phases, newPhaseForm()] })}
          >
            {t('organiser.phase.add')}
          </button>
        </fieldset>

        {saved && (
          <p className="post-state post-state--published" role="status">
            {t('organiser.saved')}
          </p>
        )}
        <button type="submit" className="button button--primary button--wide">
          {t('organiser.save')}
        </button>
      </form>
    </section>
  );
}
