import { useId, useState } from 'react';
import { useT } from '../i18n/useT';
import { Dialog } from '../ui/Dialog';
import { useSession } from '../session/SessionProvider';
import { wipeDeviceData } from './device-wipe';

/**
 * Sign-out asks one thing: is this phone shared? The user's synced database always goes; their
 * drafts and queued sends stay, hidden from whoever signs in next, until they sign in here again.
 * With the box ticked, their drafts, queued sends and cached files go too.
 */
export function SignOutDialog({
  open,
  onClose,
  onSignOut,
}: {
  open: boolean;
  onClose: () => void;
  onSignOut: () => Promise<void>;
}) {
  const t = useT();
  const { me } = useSession();
  const [wipe, setWipe] = useState(false);
  const [busy, setBusy] = useState(false);
  const id = useId();
  return (
    <Dialog title={t('signOut.title')} open={open} onClose={onClose}>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          setBusy(true);
          void (async () => {
            if (wipe && me) await wipeDeviceData(me.id);
            await onSignOut();
            setBusy(false);
            setWipe(false);
          })();
        }}
      >
        <p className="muted">{t('signOut.help')}</p>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={wipe}
            aria-describedby={`${id}-wipe-help`}
            onChange={(e) => setWipe(e.target.checked)}
          />
          <span>{t('signOut.wipe')}</span>
        </label>
        <p id={`${id}-wipe-help`} className="muted setting__help">
          {t('signOut.wipeHelp')}
        </p>
        <div className="dialog__buttons">
          <button type="button" className="button button--quiet" onClick={onClose}>
            {t('signOut.cancel')}
          </button>
          <button type="submit" className="button button--primary" disabled={busy}>
            {t('signOut.confirm')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
