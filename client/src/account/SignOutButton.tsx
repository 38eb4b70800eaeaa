import { useState } from 'react';
import { useLocation } from 'wouter';
import { useT } from '../i18n/useT';
import { useSession } from '../session/SessionProvider';
import { SignOutDialog } from './SignOutDialog';
import { turnPushOff } from './push-notifications';
import { NavIcon } from '../app/nav-icons';

/** The header's "Sign out": asks whether to wipe this device too, then signs out. */
export function SignOutButton() {
  const t = useT();
  const { signOut } = useSession();
  const [, navigate] = useLocation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="nav__link nav__button" onClick={() => setOpen(true)}>
        {/* An icon on a phone, where the header has no room for "Se déconnecter"; the text stays its name. */}
        <NavIcon name="signOut" />
        <span className="nav__text">{t('nav.signOut')}</span>
      </button>
      <SignOutDialog
        open={open}
        onClose={() => setOpen(false)}
        onSignOut={async () => {
          // This device stops receiving the person's notifications (while the session still lets
          // the server forget the subscription).
          await turnPushOff().catch(() => undefined);
          await signOut();
          setOpen(false);
          navigate('/');
        }}
      />
    </>
  );
}
