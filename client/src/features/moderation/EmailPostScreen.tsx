import { useId, useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import type { Me } from '@parley/shared';
import { useData } from '../../db/context';
import { useQuestions, useSpaces } from '../../db/queries';
import { addPost, type WriteProblem } from '../../db/writes';
import { useUiLang } from '../../i18n/I18nProvider';
import { useT } from '../../i18n/useT';
import { useAnnounce } from '../../ui/Announcer';
import { Loading } from '../../ui/Page';
import { TitleOptions } from './TitleOptions';

const openNow = (phase: { opensAt: string; closesAt: string } | undefined, now: number) =>
  !!phase && Date.parse(phase.opensAt) <= now && now < Date.parse(phase.closesAt);

/**
 * A comment that arrived by e-mail, entered by a moderator for its sender: published at once
 * (the server checks that the moderator moderates the space), shown as "Submitted by e-mail on
 * behalf of …", and logged. Written to the device first, like any post: it is sent when online.
 */
export function EmailPostScreen({ me }: { me: Me }) {
  const t = useT();
  const { lang: uiLang } = useUiLang();
  const { db } = useData();
  const announce = useAnnounce();
  const id = useId();
  const spaces = useSpaces()?.filter((s) => me.globalModerator || me.moderatorOf.includes(s.id));
  const [spaceId, setSpaceId] = useState<string | null>(null);
  const space = spaces?.find((s) => s.id === spaceId) ?? spaces?.[0];
  const questions = useQuestions(space?.id);
  const [questionId, setQuestionId] = useState('');
  const [name, setName] = useState('');
  const [lang, setLang] = useState('');
  const [body, setBody] = useState('');
  const [problem, setProblem] = useState<WriteProblem | 'name' | 'question' | null>(null);
  const [done, setDone] = useState<{ href: string } | null>(null);
  if (!spaces || questions === undefined) return <Loading />;
  if (!space) return <p className="empty">{t('moderation.log.noSpace')}</p>;
  const now = Date.now();
  const open = questions.filter((q) =>
    openNow(
      space.phases.find((p) => p.id === q.phaseId),
      now,
    ),
  );
  const postLang = lang || (space.languages.includes(uiLang) ? uiLang : (space.languages[0] ?? 'en'));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!db) return;
    if (name.trim() === '') return setProblem('name');
    const question = open.find((q) => q.id === questionId);
    if (!question) return setProblem('question');
    const result = await addPost(db, me, {
      spaceId: space.id,
      questionId: question.id,
      parentId: null,
      body,
      anonymous: false,
      lang: postLang,
      onBehalfOf: name.trim(),
    });
    if (!result.ok) return setProblem(result.problem);
    setProblem(null);
    setBody('');
    setName('');
    setDone({ href: `/s/${space.slug}/q/${question.id}` });
    announce(t('moderation.email.saved'));
  };

  const problemText =
    problem === 'name'
      ? t('moderation.email.nameMissing')
      : problem === 'question'
        ? t('moderation.email.questionMissing')
        : problem === 'empty'
          ? t('compose.problem.empty')
          : problem
            ? t('compose.problem.invalid')
            : null;

  return (
    <form className="form" onSubmit={(e) => void submit(e)} noValidate aria-describedby={`${id}-intro`}>
      <p id={`${id}-intro`} className="muted">
        {t('moderation.email.intro')}
      </p>
      {spaces.length > 1 && (
        <div className="field">
          <label htmlFor={`${id}-space`}>{t('moderation.space')}</label>
          <select
            id={`${id}-space`}
            className="select"
            value={space.id}
            onChange={(e) => {
              setSpaceId(e.target.value);
              setQuestionId('');
            }}
          >
            <TitleOptions items={spaces} lang={uiLang} languagesOf={(s) => s.languages} />
          </select>
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('moderation.email.name')}</label>
        <input
          id={`${id}-name`}
          type="text"
          maxLength={200}
          autoComplete="off"
          value={name}
          aria-invalid={problem === 'name'}
          onChange={(e) => setName(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-question`}>{t('moderation.question')}</label>
        <select
          id={`${id}-question`}
          className="select"
          value={questionId}
          aria-invalid={problem === 'question'}
          onChange={(e) => setQuestionId(e.target.value)}
        >
          <option value="">{t('moderation.email.pickQuestion')}</option>
          <TitleOptions items={open} lang={uiLang} languagesOf={() => space.languages} />
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-lang`}>{t('moderation.email.lang')}</label>
        <select
          id={`${id}-lang`}
          className="select"
          value={postLang}
          onChange={(e) => setLang(e.target.value)}
        >
          {space.languages.map((code) => (
            <option key={code} value={code}>
              {(() => {
                try {
                  return new Intl.DisplayNames([uiLang], { type: 'language' }).of(code) ?? code;
                } catch {
                  return code;
                }
              })()}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-body`}>{t('moderation.email.body')}</label>
        <textarea
          id={`${id}-body`}
          rows={8}
          value={body}
          dir="auto"
          lang={postLang}
          aria-invalid={problem === 'empty' || problem === 'tooLong'}
          onChange={(e) => setBody(e.target.value)}
        />
      </div>
      {problemText && (
        <p className="form__error" role="alert">
          {problemText}
        </p>
      )}
      {done && (
        <p className="post-state post-state--published" role="status">
          {t('moderation.email.done')} <Link href={done.href}>{t('moderation.email.open')}</Link>
        </p>
      )}
      <button type="submit" className="button button--primary button--wide" disabled={!db}>
        {t('moderation.email.submit')}
      </button>
    </form>
  );
}
