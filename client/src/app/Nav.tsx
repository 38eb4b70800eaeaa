import type { ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { useSession, isModerator, moderates } from '../session/SessionProvider';
import { usePendingPosts } from '../db/queries';
import { useDraftList } from '../drafts/use-draft';
import { useNotifications } from '../notifications/useNotifications';
import { useT } from '../i18n/useT';
import { LanguageMenu } from '../i18n/LanguageMenu';
import { SignOutButton } from '../features/account/SignOutButton';

function NavLink({ href, children, label }: { href: string; children: ReactNode; label?: string }) {
  const [location] = useLocation();
  const current = href === '/' ? location === '/' || location.startsWith('/s/') : location.startsWith(href);
  return (
    <Link href={href} className="nav__link" aria-current={current ? 'page' : undefined} aria-label={label}>
      {children}
    </Link>
  );
}

function ModerationLink() {
  const t = useT();
  const { me } = useSession();
  const pending = usePendingPosts(true);
  const count = pending?.filter((p) => moderates(me, p.spaceId)).length ?? 0;
  return (
    <NavLink href="/moderate" label={count > 0 ? t('nav.moderationPending', { count }) : t('nav.moderation')}>
      {t('nav.moderation')}
      {count > 0 && (
        <span className="nav__count" aria-hidden="true">
          {count}
        </span>
      )}
    </NavLink>
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
      <svg className="nav__icon" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
        <path
          fill="currentColor"
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1z"
        />
      </svg>
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
    <NavLink href="/drafts" label={count > 0 ? t('nav.draftsCount', { count }) : t('nav.drafts')}>
      {t('nav.drafts')}
      {count > 0 && (
        <span className="nav__count" aria-hidden="true" data-testid="drafts-count">
          {count}
        </span>
      )}
    </NavLink>
  );
}

/**
 * The one navigation landmark. First row: the brand, the sync state and the account action;
 * second row: the sections (so that three sections fit a 320 px screen without wrapping).
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
          <NavLink href="/">{t('nav.spaces')}</NavLink>
        </li>
        {me && (
          <li>
            <NavLink href="/me/posts">{t('nav.myPosts')}</NavLink>
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
          <NavLink href="/search" label={t('nav.search')}>
            <svg className="nav__icon" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
              <path
                fill="currentColor"
                d="M10 3a7 7 0 0 1 5.6 11.2l5.1 5.1-1.4 1.4-5.1-5.1A7 7 0 1 1 10 3zm0 2a5 5 0 1 0 0 10 5 5 0 0 0 0-10z"
              />
            </svg>
          </NavLink>
        </li>
        <li>
          <NavLink href="/settings" label={t('nav.settings')}>
            <svg className="nav__icon" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
              <path
                fill="currentColor"
                d="M19.4 13a7.5 7.5 0 0 0 0-2l2.1-1.6-2-3.5-2.5 1a7.6 7.6 0 0 0-1.7-1L15 3h-4l-.4 2.9a7.6 7.6 0 0 0-1.7 1l-2.5-1-2 3.5L6.6 11a7.5 7.5 0 0 0 0 2l-2.1 1.6 2 3.5 2.5-1a7.6 7.6 0 0 0 1.7 1L11 21h4l.4-2.9a7.6 7.6 0 0 0 1.7-1l2.5 1 2-3.5zM13 15.5a3.5 3.5 0 1 1 0-7 3.5 3.5 0 0 1 0 7z"
                transform="translate(-1 0)"
              />
            </svg>
          </NavLink>
        </li>
      </ul>
    </nav>
  );
}
