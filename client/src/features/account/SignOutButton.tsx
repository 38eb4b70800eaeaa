import { useState } from 'react';
import { useLocation } from 'wouter';
import { useT } from '../../i18n/useT';
import { useSession } from '../../session/SessionProvider';
import { SignOutDialog } from './SignOutDialog';

/** The header's "Sign out": asks whether to wipe this device too, then signs out. */
export function SignOutButton() {
  const t = useT();
  const { signOut } = useSession();
  const [, navigate] = useLocation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="nav__link nav__button" onClick={() => setOpen(true)}>
        {t('nav.signOut')}
      </button>
      <SignOutDialog
        open={open}
        onClose={() => setOpen(false)}
        onSignOut={async () => {
          await signOut();
          setOpen(false);
          navigate('/');
        }}
      />
    </>
  );
}
