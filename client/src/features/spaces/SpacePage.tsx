import { Link } from 'wouter';
import { FormattedDate } from 'react-intl';
import type { Phase, Question, Space } from '@parley/shared';
import { useQuestions, useSpaceBySlug } from '../../db/queries';
import { useData } from '../../db/context';
import { useT } from '../../i18n/useT';
import { LocalizedBlock, useLocalized } from '../../ui/LocalizedText';
import { Loading, PageTitle } from '../../ui/Page';
import { NotFound } from '../../ui/NotFound';
import { phaseState } from '../../phases/phase-state';
import { StateTag } from './StateTag';
import { OfflineAction } from './OfflineAction';
import { FollowToggle } from './FollowToggle';
import { isFollowed, useFollowedSpaces } from '../../settings/followed-spaces';
import { moderates, useSession } from '../../session/SessionProvider';
import { AnnouncementBanner } from '../../announcement/AnnouncementBanner';
import { SpaceDocuments } from '../../space-documents/SpaceDocuments';
import { SpaceStatusNotice, SpaceStatusTag, takesPosts } from '../../space-status/space-status';
import './spaces.css';

function QuestionLink({ space, question }: { space: Space; question: Question }) {
  const t = useT();
  const title = useLocalized(question.title, space.languages);
  // Those who moderate this question only (the space's and global moderators are listed above).
  const own = space.moderators.filter((m) => m.level === 'question' && m.questionIds?.includes(question.id));
  return (
    <li>
      <Link href={`/s/${space.slug}/q/${question.id}`} className="question-link" dir="auto" lang={title.lang}>
        {title.text}
      </Link>
      {own.length > 0 && (
        <p className="question-moderators muted">
          {t('space.questionModerators', { names: own.map((m) => m.displayName).join(', ') })}
        </p>
      )}
    </li>
  );
}

function PhaseSection({
  space,
  phase,
  questions,
  now,
}: {
  space: Space;
  phase: Phase;
  questions: Question[];
  now: Date;
}) {
  const t = useT();
  const name = useLocalized(phase.name, space.languages);
  return (
    <section className="phase" aria-labelledby={`phase-${phase.id}`}>
      <div className="phase__head">
        <h3 id={`phase-${phase.id}`} dir="auto" lang={name.lang}>
          {name.text}
        </h3>
        {/* A closed or archived space takes nothing, whatever its phases' dates say. */}
        {takesPosts(space) ? <StateTag state={phaseState(phase, now)} /> : <SpaceStatusTag space={space} />}
      </div>
      <p className="phase__dates">
        {/* The organiser's dates are days in the phase's own time zone, wherever the reader is. */}
        <FormattedDate value={phase.opensAt} dateStyle="medium" timeZone={phase.timeZone} /> –{' '}
        <FormattedDate value={phase.closesAt} dateStyle="medium" timeZone={phase.timeZone} />
      </p>
      {questions.length > 0 ? (
        <ol className="question-list">
          {questions.map((q) => (
            <QuestionLink key={q.id} space={space} question={q} />
          ))}
        </ol>
      ) : (
        <p className="muted">{t('space.noQuestions')}</p>
      )}
    </section>
  );
}

function SpaceView({ space }: { space: Space }) {
  const t = useT();
  const { me } = useSession();
  const canReport = moderates(me, space.id) || me?.role === 'admin';
  const title = useLocalized(space.title, space.languages);
  const questions = useQuestions(space.id);
  const audience = useLocalized(space.audience, space.languages);
  const following = isFollowed(useFollowedSpaces(), space.id);
  const now = new Date();
  const phased = new Set(space.phases.map((p) => p.id));
  const unphased = questions?.filter((q) => !phased.has(q.phaseId)) ?? [];
  return (
    <div className="stack space">
      <PageTitle title={title.text}>
        <span dir="auto" lang={title.lang}>
          {title.text}
        </span>
      </PageTitle>
      <SpaceStatusNotice space={space} />
      <AnnouncementBanner space={space} />
      <LocalizedBlock field={space.intro} spaceLanguages={space.languages} className="space__intro" />
      <FollowToggle space={space} />
      {/* Making a space available offline downloads its posts: for followed spaces only. */}
      {following && <OfflineAction space={space} />}
      {canReport && (
        <p>
          <Link href={`/s/${space.slug}/report`}>{t('report.link')}</Link>
        </p>
      )}
      {me?.role === 'admin' && (
        <p className="space__organise">
          <SpaceStatusTag space={space} always />
          <Link href={`/organise/${space.slug}`}>{t('organiser.editSpace')}</Link>
          <Link href={`/organise/${space.slug}/questions`}>{t('organiser.editQuestions')}</Link>
        </p>
      )}

      <dl className="facts">
        {audience.text && (
          <div>
            <dt>{t('space.audience')}</dt>
            <dd>
              <LocalizedBlock field={space.audience} spaceLanguages={space.languages} />
            </dd>
          </div>
        )}
        {space.moderators.length > 0 && (
          <div>
            <dt>{t('space.moderators')}</dt>
            <dd>
              <ul className="moderators">
                {space.moderators.map((m) => (
                  <li key={m.userId}>
                    {m.displayName} <span className="muted">({t(`space.moderator.${m.level}`)})</span>
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        )}
      </dl>

      {/* Comments by e-mail land in the moderation queue (server/src/inbound-mail). */}
      {space.contactEmail && (
        <p className="space__email">
          {t('space.byEmail')}{' '}
          <a href={`mailto:${space.contactEmail}`} className="mail-address" dir="ltr">
            {space.contactEmail}
          </a>
        </p>
      )}

      <SpaceDocuments space={space} />

      <section className="stack" aria-labelledby="questions-heading">
        <h2 id="questions-heading">{t('space.questions')}</h2>
        {questions === undefined ? (
          <Loading />
        ) : (
          <>
            {space.phases.map((phase) => (
              <PhaseSection
                key={phase.id}
                space={space}
                phase={phase}
                now={now}
                questions={questions.filter((q) => q.phaseId === phase.id)}
              />
            ))}
            {unphased.length > 0 && (
              <ol className="question-list">
                {unphased.map((q) => (
                  <QuestionLink key={q.id} space={space} question={q} />
                ))}
              </ol>
            )}
          </>
        )}
      </section>
    </div>
  );
}

export function SpacePage({ slug }: { slug: string }) {
  const t = useT();
  const space = useSpaceBySlug(slug);
  const { connection } = useData();
  // Before the first pull the device may not have the space yet.
  if (space === undefined || (space === null && connection === 'syncing')) return <Loading />;
  if (space === null) return <NotFound message={t('space.notFound')} />;
  return <SpaceView space={space} />;
}
