import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import type { Question, Space } from '@parley/shared';
import { useData } from '../../db/context';
import { useQuestions, useSpaceBySlug } from '../../db/queries';
import { useUiLang } from '../../i18n/I18nProvider';
import { pickLocalized } from '../../i18n/localized';
import { useT } from '../../i18n/useT';
import { useSession } from '../../session/SessionProvider';
import { useAnnounce } from '../../ui/Announcer';
import { NotFound } from '../../ui/NotFound';
import { Loading, PageTitle } from '../../ui/Page';
import { Field } from '../../ui/Field';
import { LanguagePicker, languageName } from './LanguagePicker';
import { LocalizedField } from './LocalizedField';
import { saveQuestion, setPositions } from './organiser-writes';
import { formToQuestion, move, ordered, type QuestionForm, type QuestionResult } from './questions';
import { AdminOnly } from './SpaceEditorPage';
import { RemoveQuestion } from './RemoveQuestion';
import { SpaceStatusPanel } from './SpaceStatusPanel';
import './organiser.css';

type Problems = Extract<QuestionResult, { ok: false }>['problems'];

/** `/organise/:slug/questions`: the questions of each phase, in order, and one question's form. */
export function QuestionsPage({ slug }: { slug: string }) {
  const t = useT();
  const { me } = useSession();
  const space = useSpaceBySlug(slug);
  const questions = useQuestions(space?.id);
  if (me?.role !== 'admin') return <AdminOnly />;
  if (space === undefined || (space && questions === undefined)) return <Loading />;
  if (space === null) return <NotFound message={t('space.notFound')} />;
  return <QuestionsEditor space={space} questions={ordered(questions ?? [])} />;
}

const blankForm = (space: Space): QuestionForm => ({
  id: null,
  phaseId: space.phases.at(-1)?.id ?? '',
  title: {},
  body: {},
});

function QuestionsEditor({ space, questions }: { space: Space; questions: Question[] }) {
  const t = useT();
  const { lang: uiLang } = useUiLang();
  const { db } = useData();
  const announce = useAnnounce();
  const id = useId();
  const [form, setForm] = useState<QuestionForm>(() => blankForm(space));
  const [editLang, setEditLang] = useState(space.languages[0] ?? uiLang);
  const [problems, setProblems] = useState<Problems>({});
  const [storageFailed, setStorageFailed] = useState(false);
  /** The move button to focus once the list has re-rendered in its new order. */
  const [refocus, setRefocus] = useState<{ id: string; direction: 'up' | 'down' } | null>(null);
  const formHeading = useRef<HTMLHeadingElement>(null);
  const title = pickLocalized(space.title, uiLang, space.languages);
  const lang = space.languages.includes(editLang) ? editLang : (space.languages[0] ?? uiLang);
  const languageLabel = languageName(lang, uiLang);

  useEffect(() => {
    if (!refocus) return;
    const button = (d: string) =>
      document.getElementById(`${id}-${d}-${refocus.id}`) as HTMLButtonElement | null;
    const target = button(refocus.direction);
    (target && !target.disabled ? target : button(refocus.direction === 'up' ? 'down' : 'up'))?.focus();
  }, [refocus, questions, id]);

  const moveQuestion = async (question: Question, direction: 'up' | 'down') => {
    if (!db) return;
    const changes = move(questions, question.id, direction);
    if (changes.length === 0) return;
    if (!(await setPositions(db, changes))) return setStorageFailed(true);
    const samePhase = questions.filter((q) => q.phaseId === question.phaseId);
    const at = samePhase.indexOf(question) + (direction === 'up' ? 0 : 2);
    announce(t('organiser.questions.moved', { position: at }));
    setRefocus({ id: question.id, direction });
  };

  const edit = (question: Question) => {
    setForm({
      id: question.id,
      phaseId: question.phaseId,
      title: { ...question.title },
      body: { ...question.body },
    });
    setProblems({});
    formHeading.current?.focus();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const existing = questions.find((q) => q.id === form.id) ?? null;
    const result = formToQuestion(form, space, questions, existing);
    if (!result.ok) return setProblems(result.problems);
    if (!db || !(await saveQuestion(db, result.question))) return setStorageFailed(true);
    setProblems({});
    setStorageFailed(false);
    setForm({ ...blankForm(space), phaseId: result.question.phaseId });
    announce(t('organiser.questions.saved'));
  };

  return (
    <section className="stack organiser">
      <PageTitle title={t('organiser.questions.title')}>{t('organiser.questions.title')}</PageTitle>
      <p className="organiser__links">
        <Link href={`/s/${space.slug}`} dir="auto" lang={title.lang}>
          {title.text}
        </Link>
        <Link href={`/organise/${space.slug}`}>{t('organiser.editSpace')}</Link>
      </p>
      <SpaceStatusPanel space={space} />
      {storageFailed && (
        <p className="form__error" role="alert">
          {t('organiser.error.storage')}
        </p>
      )}
      {space.phases.length === 0 && <p className="empty">{t('organiser.questions.noPhase')}</p>}
      {space.phases.map((phase) => {
        const name = pickLocalized(phase.name, uiLang, space.languages);
        const inPhase = questions.filter((q) => q.phaseId === phase.id);
        return (
          <section key={phase.id} className="stack" aria-labelledby={`${id}-phase-${phase.id}`}>
            <h2 id={`${id}-phase-${phase.id}`} dir="auto" lang={name.lang}>
              {name.text}
            </h2>
            {inPhase.length === 0 ? (
              <p className="muted">{t('organiser.questions.none')}</p>
            ) : (
              <ol className="organiser__questions">
                {inPhase.map((q, index) => {
                  const qTitle = pickLocalized(q.title, uiLang, space.languages);
                  return (
                    <li key={q.id} className="organiser__question">
                      <span className="organiser__question-title" dir="auto" lang={qTitle.lang}>
                        {qTitle.text}
                      </span>
                      <span className="organiser__question-actions">
                        <button
                          type="button"
                          id={`${id}-up-${q.id}`}
                          className="button button--quiet"
                          disabled={index === 0}
                          aria-label={t('organiser.questions.moveUp', { title: qTitle.text })}
                          onClick={() => void moveQuestion(q, 'up')}
                        >
                          <span aria-hidden="true">↑</span>
                        </button>
                        <button
                          type="button"
                          id={`${id}-down-${q.id}`}
                          className="button button--quiet"
                          disabled={index === inPhase.length - 1}
                          aria-label={t('organiser.questions.moveDown', { title: qTitle.text })}
                          onClick={() => void moveQuestion(q, 'down')}
                        >
                          <span aria-hidden="true">↓</span>
                        </button>
                        <button
                          type="button"
                          className="button button--quiet"
                          aria-label={t('organiser.questions.edit', { title: qTitle.text })}
                          onClick={() => edit(q)}
                        >
                          {t('organiser.questions.editShort')}
                        </button>
                        <RemoveQuestion
                          slug={space.slug}
                          question={q}
                          title={qTitle.text}
                          onRemoved={() => {
                            // A question being edited in the form is gone: the form starts afresh.
                            if (form.id === q.id) setForm(blankForm(space));
                          }}
                        />
                      </span>
                    </li>
                  );
                })}
              </ol>
            )}
          </section>
        );
      })}

      {space.phases.length > 0 && (
        <form className="form organiser__group" onSubmit={(e) => void submit(e)} noValidate>
          <h2 ref={formHeading} tabIndex={-1}>
            {form.id ? t('organiser.questions.editing') : t('organiser.questions.new')}
          </h2>
          {space.languages.length > 1 && (
            <LanguagePicker languages={space.languages} value={lang} onChange={setEditLang} />
          )}
          {space.phases.length > 1 && (
            <Field label={t('organiser.questions.phase')} problem={problems.phaseId}>
              {(a11y) => (
                <select
                  {...a11y}
                  className="organiser__select"
                  value={form.phaseId}
                  onChange={(e) => setForm({ ...form, phaseId: e.target.value })}
                >
                  {space.phases.map((p) => {
                    const name = pickLocalized(p.name, uiLang, space.languages);
                    return (
                      <option key={p.id} value={p.id} lang={name.lang}>
                        {name.text}
                      </option>
                    );
                  })}
                </select>
              )}
            </Field>
          )}
          <LocalizedField
            label={t('organiser.questions.titleField', { language: languageLabel })}
            problem={problems.title}
            lang={lang}
            value={form.title}
            rows={2}
            onChange={(title) => setForm({ ...form, title })}
          />
          <LocalizedField
            label={t('organiser.questions.body', { language: languageLabel })}
            problem={problems.body}
            lang={lang}
            value={form.body}
            rows={4}
            onChange={(body) => setForm({ ...form, body })}
          />
          <div className="organiser__actions">
            {form.id && (
              <button
                type="button"
                className="button button--quiet"
                onClick={() => {
                  setForm(blankForm(space));
                  setProblems({});
                }}
              >
                {t('organiser.questions.cancel')}
              </button>
            )}
            <button type="submit" className="button button--primary">
              {t('organiser.questions.save')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
