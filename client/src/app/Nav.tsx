import type { ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { useSession, isModerator, moderates } from '../session/SessionProvider';
import { usePendingPosts } from '../db/queries';
import { useT } from '../i18n/useT';

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

/**
 * The one navigation landmark. First row: the brand, the sync state and the account action;
 * second row: the sections (so that three sections fit a 320 px screen without wrapping).
 */
export function Nav({ brand, status }: { brand: ReactNode; status: ReactNode }) {
  const t = useT();
  const { me, signOut } = useSession();
  const [, navigate] = useLocation();
  return (
    <nav className="nav" aria-label={t('nav.label')}>
      <div className="nav__bar">
        {brand}
        {status}
        <div className="nav__account">
          {me ? (
            <button
              type="button"
              className="nav__link nav__button"
              onClick={async () => {
                await signOut();
                navigate('/');
              }}
            >
              {t('nav.signOut')}
            </button>
          ) : (
            <NavLink href="/signin">{t('nav.signIn')}</NavLink>
          )}
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
        {isModerator(me) && (
          <li>
            <ModerationLink />
          </li>
        )}
      </ul>
    </nav>
  );
}
