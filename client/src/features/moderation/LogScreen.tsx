import { useId, useState } from 'react';
import { FormattedDate } from 'react-intl';
import type { Me, Moderation, Post, Space } from '@parley/shared';
import { auditCsvHref } from '../../api/moderation';
import { useModerationLog, usePostsByIds, useSpaces } from '../../db/queries';
import { useUiLang } from '../../i18n/I18nProvider';
import { useT } from '../../i18n/useT';
import { shownAuthorName } from '../../posts/display';
import { useSession } from '../../session/SessionProvider';
import { Loading } from '../../ui/Page';
import { moderatedSpace } from './queue';
import { excerpt } from './QueueItem';
import { decisionLabel } from './RecentDecisions';
import { useReasonOf } from './reasons';
import { TitleOptions } from './TitleOptions';

const PAGE = 50;

function LogEntry({ entry, post, space }: { entry: Moderation; post?: Post; space: Space }) {
  const t = useT();
  const { me } = useSession();
  const reason = useReasonOf(entry, space, post);
  const outcome =
    entry.outcome === null
      ? t('moderation.log.queued')
      : entry.outcome === 'applied'
        ? t('moderation.log.applied')
        : t('moderation.log.superseded');
  return (
    <li className={`card log-entry log-entry--${entry.outcome ?? 'queued'}`}>
      <p className="log-entry__head">
        <strong>{entry.moderatorName ?? me?.displayName}</strong> <span>{decisionLabel(t, entry)}</span>{' '}
        <span className={`tag log-entry__outcome`}>{outcome}</span>
      </p>
      <p className="muted log-entry__when">
        <FormattedDate value={entry.createdAt} dateStyle="medium" timeStyle="short" />
      </p>
      {reason && <p className="log-entry__why">{t('moderation.because', { reason })}</p>}
      {post && (
        <p className="log-entry__post muted">
          {t('moderation.log.post', { name: shownAuthorName(post, me?.id ?? null) })}{' '}
          <span dir="auto" lang={post.lang}>
            “{excerpt(post.body, 120)}”
          </span>
        </p>
      )}
    </li>
  );
}

/** The moderation log of one space: every decision, who, when, what, why, outcome; CSV export. */
export function LogScreen({ me }: { me: Me }) {
  const t = useT();
  const { lang } = useUiLang();
  const id = useId();
  const spaces = useSpaces()?.filter((s) => moderatedSpace(me, s));
  const [chosen, setChosen] = useState<string | null>(null);
  const [shown, setShown] = useState(PAGE);
  const log = useModerationLog(true);
  const space = spaces?.find((s) => s.id === chosen) ?? spaces?.[0];
  const entries =
    log?.filter((m) => m.spaceId === space?.id || (m.spaceId === null && m.outcome === null)) ?? [];
  const page = entries.slice(0, shown);
  const posts = usePostsByIds(page.map((m) => m.postId));
  if (!spaces || !log) return <Loading />;
  if (!space) return <p className="empty">{t('moderation.log.noSpace')}</p>;
  return (
    <div className="stack">
      {spaces.length > 1 && (
        <div className="field">
          <label htmlFor={id}>{t('moderation.space')}</label>
          <select id={id} className="select" value={space.id} onChange={(e) => setChosen(e.target.value)}>
            <TitleOptions items={spaces} lang={lang} languagesOf={(s) => s.languages} />
          </select>
        </div>
      )}
      {/* The export is the whole space's log: its moderators', not a question moderator's. */}
      {(me.globalModerator || me.moderatorOf.includes(space.id)) && (
        <p>
          <a className="button button--quiet button--wide" href={auditCsvHref(space.slug)} download>
            {t('moderation.log.csv')}
          </a>
        </p>
      )}
      <p className="muted" role="status">
        {t('moderation.log.count', { count: entries.length })}
      </p>
      {entries.length === 0 ? (
        <p className="empty">{t('moderation.log.empty')}</p>
      ) : (
        <ol className="card-list log-list">
          {page.map((entry) => (
            <LogEntry key={entry.id} entry={entry} post={posts?.get(entry.postId)} space={space} />
          ))}
        </ol>
      )}
      {entries.length > shown && (
        <button
          type="button"
          className="button button--quiet button--wide"
          onClick={() => setShown((n) => n + PAGE)}
        >
          {t('moderation.showMore', { count: Math.min(PAGE, entries.length - shown) })}
        </button>
      )}
    </div>
  );
}
