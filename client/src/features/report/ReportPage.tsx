import { useState } from 'react';
import { Link } from 'wouter';
import { useIntl } from 'react-intl';
import { map } from 'rxjs';
import { buildReport, type Post, type ReportPost, type Space } from '@parley/shared';
import { formatSize } from '../../attachments/AttachmentList';
import { useData, useLive } from '../../db/context';
import { useQuestions, useSpaceBySlug } from '../../db/queries';
import { useUiLang } from '../../i18n/I18nProvider';
import { pickLocalized } from '../../i18n/localized';
import { useT } from '../../i18n/useT';
import { moderates, useSession } from '../../session/SessionProvider';
import { NotFound } from '../../ui/NotFound';
import { Loading, PageTitle } from '../../ui/Page';
import { PlainText } from '../../ui/PlainText';
import { AnnouncementForm } from '../../announcement/AnnouncementForm';
import './report.css';

/** Approved posts of a space on this device (a moderator's device holds them all). */
function useApprovedPosts(spaceId: string | undefined): Post[] | undefined {
  return useLive(
    (db) =>
      spaceId
        ? db.posts
            .find({ selector: { spaceId, status: 'approved' } })
            .$.pipe(map((docs) => docs.map((d) => d.toJSON() as Post)))
        : null,
    [spaceId],
  );
}

function Thread({ post }: { post: ReportPost }) {
  const intl = useIntl();
  return (
    <li className="report__post">
      <p className="report__meta">
        <strong>{post.author}</strong> · {post.lang.toUpperCase()} ·{' '}
        {intl.formatDate(post.createdAt, { dateStyle: 'medium' })}
      </p>
      <PlainText text={post.body} lang={post.lang} className="report__body" />
      {post.attachments.length > 0 && (
        <p className="report__files muted">{post.attachments.map((a) => a.name).join(' · ')}</p>
      )}
      {post.replies.length > 0 && (
        <ol className="report__replies">
          {post.replies.map((r) => (
            <Thread key={r.id} post={r} />
          ))}
        </ol>
      )}
    </li>
  );
}

const countsText = (c: Record<string, number>, name: (k: string) => string = (k) => k.toUpperCase()) =>
  Object.entries(c)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, n]) => `${name(k)}: ${n}`)
    .join(' · ');

function Report({ space }: { space: Space }) {
  const t = useT();
  const intl = useIntl();
  const { lang } = useUiLang();
  const { connection } = useData();
  const questions = useQuestions(space.id);
  const posts = useApprovedPosts(space.id);
  const [phaseId, setPhaseId] = useState<string>('');
  if (!questions || !posts) return <Loading />;
  const report = buildReport(space, questions, posts, phaseId || null);
  const text = (field: Record<string, string>) => pickLocalized(field, lang, space.languages);
  const title = text(space.title);
  const phaseName = (id: string) => text(space.phases.find((p) => p.id === id)?.name ?? {}).text || id;
  // The downloads are written in the language this page is read in (server/src/i18n).
  const query = `?${new URLSearchParams(phaseId ? { phase: phaseId, lang } : { lang }).toString()}`;
  return (
    <div className="stack report">
      <p className="breadcrumb no-print">
        <Link href={`/s/${space.slug}`} dir="auto" lang={title.lang}>
          {title.text}
        </Link>
      </p>
      <PageTitle title={t('report.title')}>
        {t('report.title')}:{' '}
        <span dir="auto" lang={title.lang}>
          {title.text}
        </span>
      </PageTitle>
      <div className="report__controls no-print">
        <label className="report__phase">
          <span>{t('report.phase')}</span>
          <select value={phaseId} onChange={(e) => setPhaseId(e.target.value)}>
            <option value="">{t('report.allPhases')}</option>
            {space.phases.map((p) => (
              <option key={p.id} value={p.id}>
                {phaseName(p.id)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button button--primary" onClick={() => window.print()}>
          {t('report.print')}
        </button>
        {connection !== 'offline' && (
          <>
            <a className="button button--quiet" href={`/api/spaces/${space.slug}/report.md${query}`} download>
              {t('report.markdown')}
            </a>
            <a
              className="button button--quiet"
              href={`/api/spaces/${space.slug}/report.csv${query}`}
              download
            >
              {t('report.csv')}
            </a>
          </>
        )}
      </div>
      <AnnouncementForm space={space} />
      {phaseId && <p>{t('report.phaseLine', { name: phaseName(phaseId) })}</p>}
      <p className="muted">{t('report.approvedOnly')}</p>
      <dl className="report__totals" aria-label={t('report.totals')}>
        <div>
          <dt>{t('report.contributions')}</dt>
          <dd data-testid="report-contributions">{report.contributions}</dd>
        </div>
        <div>
          <dt>{t('report.contributors')}</dt>
          <dd data-testid="report-contributors">
            {t('report.contributorsValue', {
              count: report.contributors,
              anonymous: report.anonymousContributors,
            })}
          </dd>
        </div>
        <div>
          <dt>{t('report.byLanguage')}</dt>
          <dd data-testid="report-languages">{countsText(report.byLanguage) || '–'}</dd>
        </div>
        <div>
          <dt>{t('report.byPhase')}</dt>
          <dd>{countsText(report.byPhase, phaseName) || '–'}</dd>
        </div>
      </dl>
      {report.questions.map((q) => {
        const qTitle = text(q.title);
        return (
          <section key={q.id} className="report__question" aria-labelledby={`rq-${q.id}`}>
            <h2 id={`rq-${q.id}`} dir="auto" lang={qTitle.lang}>
              {qTitle.text}
            </h2>
            <p className="muted">
              {t('report.questionCount', { count: q.contributions })}
              {q.contributions > 0 && ` (${countsText(q.byLanguage)})`}
            </p>
            {q.threads.length > 0 && (
              <ol className="report__threads">
                {q.threads.map((p) => (
                  <Thread key={p.id} post={p} />
                ))}
              </ol>
            )}
          </section>
        );
      })}
      <section aria-labelledby="report-files">
        <h2 id="report-files">{t('report.files')}</h2>
        {report.attachments.length === 0 ? (
          <p className="muted">{t('report.noFiles')}</p>
        ) : (
          <ul>
            {report.attachments.map((a) => (
              <li key={`${a.postId}-${a.id}`}>
                {a.name} ({formatSize(intl, a.size)})
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

/**
 * The printable summary report of a space, built on the device from what it holds (so it opens
 * offline); Markdown and CSV come from the server. Moderators of the space and admins only (the
 * server enforces it for the downloads; others' devices do not hold what a report needs).
 */
export function ReportPage({ slug }: { slug: string }) {
  const t = useT();
  const { me } = useSession();
  const space = useSpaceBySlug(slug);
  const { connection } = useData();
  if (space === undefined || (space === null && connection === 'syncing')) return <Loading />;
  if (space === null) return <NotFound message={t('space.notFound')} />;
  if (!moderates(me, space.id) && me?.role !== 'admin') return <NotFound message={t('report.forbidden')} />;
  return <Report space={space} />;
}
