import type { ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { useSession, isModerator, moderatesPost } from '../session/SessionProvider';
import { useModerationLog, usePendingPosts } from '../db/queries';
import { useDraftList } from '../drafts/use-draft';
import { useNotifications } from '../notifications/useNotifications';
import { useT } from '../i18n/useT';
import { LanguageMenu } from '../i18n/LanguageMenu';
import { SignOutButton } from '../account/SignOutButton';
import { NavIcon, type NavIconName } from './nav-icons';

function NavLink({ href, children, label }: { href: string; children: ReactNode; label?: string }) {
  const [location] = useLocation();
  const current = href === '/' ? location === '/' || location.startsWith('/s/') : location.startsWith(href);
  return (
    <Link href={href} className="nav__link" aria-current={current ? 'page' : undefined} aria-label={label}>
      {children}
    </Link>
  );
}

/** A section of the app: an icon, and its name (visible from tablet width; always its accessible name). */
function SectionLink({
  href,
  icon,
  text,
  label,
  count,
  countTestId,
}: {
  href: string;
  icon: NavIconName;
  text: string;
  label?: string;
  count?: number;
  countTestId?: string;
}) {
  return (
    <NavLink href={href} label={label}>
      <NavIcon name={icon} />
      <span className="nav__text">{text}</span>
      {count !== undefined && count > 0 && (
        <span className="nav__count" aria-hidden="true" data-testid={countTestId}>
          {count}
        </span>
      )}
    </NavLink>
  );
}

function ModerationLink() {
  const t = useT();
  const { me } = useSession();
  const pending = usePendingPosts(true);
  const log = useModerationLog(true);
  // As the queue counts: a post I decided on (even offline, not yet sent) waits no longer.
  const decided = new Set(log?.filter((m) => m.outcome === null).map((m) => m.postId));
  const count = pending?.filter((p) => moderatesPost(me, p) && !decided.has(p.id)).length ?? 0;
  return (
    <SectionLink
      href="/moderate"
      icon="moderation"
      text={t('nav.moderation')}
      label={count > 0 ? t('nav.moderationPending', { count }) : undefined}
      count={count}
    />
  );
}

/** A bell with the number of unread notices; its accessible name says both. */
function NotificationsLink() {
  const t = useT();
  const { unread } = useNotifications();
  return (
    <NavLink
      href="/notifications"
      label={unread > 0 ? t('nav.notificationsUnread', { count: unread }) : t('nav.notifications')}
    >
      <NavIcon name="bell" />
      {unread > 0 && (
        <span className="nav__count" aria-hidden="true" data-testid="notifications-count">
          {unread}
        </span>
      )}
    </NavLink>
  );
}

function DraftsLink() {
  const t = useT();
  const count = useDraftList()?.length ?? 0;
  return (
    <SectionLink
      href="/drafts"
      icon="drafts"
      text={t('nav.drafts')}
      label={count > 0 ? t('nav.draftsCount', { count }) : undefined}
      count={count}
      countTestId="drafts-count"
    />
  );
}

/**
 * The one navigation landmark, two rows that each fit 320 px in every UI language. First row: the
 * brand, the sync state and the account's language, notices and sign-out; second row: the
 * sections, as icons on a phone (their names are the accessible names, shown from 48rem).
 */
export function Nav({ brand, status }: { brand: ReactNode; status: ReactNode }) {
  const t = useT();
  const { me } = useSession();
  return (
    <nav className="nav" aria-label={t('nav.label')}>
      <div className="nav__bar">
        {brand}
        {status}
        <div className="nav__account">
          <LanguageMenu />
          {me && <NotificationsLink />}
          {me ? <SignOutButton /> : <NavLink href="/signin">{t('nav.signIn')}</NavLink>}
        </div>
      </div>
      <ul className="nav__list">
        <li>
          <SectionLink href="/" icon="spaces" text={t('nav.spaces')} />
        </li>
        {me && (
          <li>
            <SectionLink href="/me/posts" icon="myPosts" text={t('nav.myPosts')} />
          </li>
        )}
        <li>
          <DraftsLink />
        </li>
        {isModerator(me) && (
          <li>
            <ModerationLink />
          </li>
        )}
        <li>
          <SectionLink href="/search" icon="search" text={t('nav.search')} />
        </li>
        <li>
          <SectionLink href="/settings" icon="settings" text={t('nav.settings')} />
        </li>
      </ul>
    </nav>
  );
}
