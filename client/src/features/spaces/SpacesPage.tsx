import { Link } from 'wouter';
import type { Space } from '@parley/shared';
import { useSpaces } from '../../db/queries';
import { useData } from '../../db/context';
import { useT } from '../../i18n/useT';
import { useLocalized } from '../../ui/LocalizedText';
import { Loading, PageTitle } from '../../ui/Page';
import { useSession } from '../../session/SessionProvider';
import { spaceState } from '../../phases/phase-state';
import { StateTag } from './StateTag';
import { NotFollowedTag } from './FollowToggle';
import { SpaceStatusTag, statusOf, takesPosts } from '../../space-status/space-status';
import './spaces.css';

function SpaceItem({ space, now }: { space: Space; now: Date }) {
  const title = useLocalized(space.title, space.languages);
  const audience = useLocalized(space.audience, space.languages);
  return (
    <li className="card space-card">
      <h2 className="space-card__title">
        <Link href={`/s/${space.slug}`} dir="auto" lang={title.lang} className="card__link">
          {title.text}
        </Link>
      </h2>
      <p className="space-card__tags">
        {/* A closed, archived or draft space says so instead of its phases' state. */}
        {takesPosts(space) ? <StateTag state={spaceState(space, now)} /> : <SpaceStatusTag space={space} />}
        <NotFollowedTag spaceId={space.id} />
      </p>
      {audience.text && (
        <p className="space-card__audience" dir="auto" lang={audience.lang}>
          {audience.text}
        </p>
      )}
    </li>
  );
}

export function SpacesPage() {
  const t = useT();
  const spaces = useSpaces();
  const { connection } = useData();
  const { me } = useSession();
  const now = new Date();
  // Archived spaces are listed apart, after the others.
  const current = spaces?.filter((s) => statusOf(s) !== 'archived') ?? [];
  const archived = spaces?.filter((s) => statusOf(s) === 'archived') ?? [];
  return (
    <section className="stack">
      <PageTitle title={t('spaces.title')}>{t('spaces.title')}</PageTitle>
      {me?.role === 'admin' && (
        <p>
          <Link href="/organise/new" className="button button--quiet">
            {t('organiser.newSpace')}
          </Link>
        </p>
      )}
      {/* An empty list while the first sync runs is not "no spaces yet": it is not known yet. */}
      {spaces === undefined || (spaces.length === 0 && connection === 'syncing') ? (
        <Loading />
      ) : spaces.length === 0 ? (
        <p className="empty">{connection === 'offline' ? t('spaces.emptyOffline') : t('spaces.empty')}</p>
      ) : (
        <>
          {current.length > 0 && (
            <ul className="card-list">
              {current.map((s) => (
                <SpaceItem key={s.id} space={s} now={now} />
              ))}
            </ul>
          )}
          {archived.length > 0 && (
            <section className="stack" aria-labelledby="archived-spaces">
              <h2 id="archived-spaces">{t('spaces.archivedHeading')}</h2>
              <ul className="card-list">
                {archived.map((s) => (
                  <SpaceItem key={s.id} space={s} now={now} />
                ))}
              </ul>
            </section>
          )}
        </>
      )}
    </section>
  );
}
