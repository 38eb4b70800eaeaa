import { Link } from 'wouter';
import type { Me } from '@parley/shared';
import { isModerator, useSession } from '../../session/SessionProvider';
import { useT } from '../../i18n/useT';
import type { MessageId } from '../../i18n/I18nProvider';
import { PageTitle } from '../../ui/Page';
import { EmailPostScreen } from './EmailPostScreen';
import { LogScreen } from './LogScreen';
import { PublishedScreen } from './PublishedScreen';
import { QueueScreen } from './QueueScreen';
import { TeamScreen } from './TeamScreen';
import './moderation.css';

export type ModerationTab = 'queue' | 'published' | 'log' | 'email' | 'team';

const TABS: { tab: ModerationTab; href: string; label: MessageId; title: MessageId }[] = [
  { tab: 'queue', href: '/moderate', label: 'moderation.tab.queue', title: 'moderation.title' },
  {
    tab: 'published',
    href: '/moderate/published',
    label: 'moderation.tab.published',
    title: 'moderation.publishedTitle',
  },
  { tab: 'log', href: '/moderate/log', label: 'moderation.tab.log', title: 'moderation.log.title' },
  { tab: 'email', href: '/moderate/email', label: 'moderation.tab.email', title: 'moderation.email.title' },
  { tab: 'team', href: '/moderate/team', label: 'moderation.tab.team', title: 'moderation.team.title' },
];

function toTab(value: string | undefined): ModerationTab | null {
  if (value === undefined) return 'queue';
  return TABS.find((t) => t.tab === value)?.tab ?? null;
}

function Screen({ tab, me }: { tab: ModerationTab; me: Me }) {
  switch (tab) {
    case 'queue':
      return <QueueScreen me={me} />;
    case 'published':
      return <PublishedScreen me={me} />;
    case 'log':
      return <LogScreen me={me} />;
    case 'email':
      return <EmailPostScreen me={me} />;
    case 'team':
      return <TeamScreen me={me} />;
  }
}

/** `/moderate` and `/moderate/:tab`; an unknown tab shows the queue. */
export function ModerationPage({ tab: asked }: { tab?: string }) {
  const t = useT();
  const tab = toTab(asked) ?? 'queue';
  const { me } = useSession();
  const current = TABS.find((x) => x.tab === tab)!;
  const tabs = TABS.filter((x) => x.tab !== 'team' || me?.role === 'admin');
  return (
    <section className="stack">
      <PageTitle title={t(current.title)}>{t(current.title)}</PageTitle>
      {me && isModerator(me) ? (
        <>
          <nav aria-label={t('moderation.sections')}>
            <ul className="mod-tabs">
              {tabs.map((x) => (
                <li key={x.tab}>
                  <Link
                    href={x.href}
                    className="mod-tabs__link"
                    aria-current={x.tab === tab ? 'page' : undefined}
                  >
                    {t(x.label)}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <Screen tab={tab} me={me} />
        </>
      ) : (
        <p>{me ? t('moderation.notModerator') : <Link href="/signin">{t('moderation.signIn')}</Link>}</p>
      )}
    </section>
  );
}
