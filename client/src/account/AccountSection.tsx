import { useId, useState } from 'react';
import { useLocation } from 'wouter';
import { ApiError } from '../api/http';
import { useT } from '../i18n/useT';
import { useSession } from '../session/SessionProvider';
import { useAnnounce } from '../ui/Announcer';
import { DecisionEmailSetting, ReplyEmailSetting } from './DecisionEmailSetting';
import { ProfileSetting } from './ProfileSetting';
import { PushSetting } from './PushSetting';
import { DeleteAccountForm } from './DeleteAccountForm';
import { deleteAccount, downloadMyData, logOutEverywhere } from './account-api';
import './account.css';

/**
 * Settings → Your account: how one is shown, e-mails, sign out everywhere, download one's data,
 * delete the account.
 */
export function AccountSection() {
  const t = useT();
  const announce = useAnnounce();
  const { me, signOut } = useSession();
  const [, navigate] = useLocation();
  const [busy, setBusy] = useState<null | 'everywhere' | 'export' | 'delete'>(null);
  const [error, setError] = useState<null | 'everywhere' | 'export' | 'delete' | 'password'>(null);
  const id = useId();
  if (!me) return null;

  const run = async (what: 'everywhere' | 'export' | 'delete', action: () => Promise<void>) => {
    setBusy(what);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(
        what === 'delete' && e instanceof ApiError && e.code === 'invalid_credentials' ? 'password' : what,
      );
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="card setting" aria-labelledby={`${id}-account`}>
      <h2 id={`${id}-account`}>{t('account.title')}</h2>

      <ProfileSetting />

      <DecisionEmailSetting />
      <ReplyEmailSetting />
      <PushSetting />

      <h3 className="setting__subhead">{t('account.exportTitle')}</h3>
      <p id={`${id}-export-help`} className="muted setting__help">
        {t('account.exportHelp')}
      </p>
      <button
        type="button"
        className="button"
        aria-describedby={`${id}-export-help`}
        disabled={busy !== null}
        onClick={() =>
          void run('export', async () => {
            await downloadMyData();
            announce(t('account.exported'));
          })
        }
      >
        {t('account.exportButton')}
      </button>
      {error === 'export' && (
        <p role="alert" className="form__error">
          {t('account.offlineFailed')}
        </p>
      )}

      <h3 className="setting__subhead">{t('account.logoutAll')}</h3>
      <p id={`${id}-everywhere-help`} className="muted setting__help">
        {t('account.logoutAllHelp')}
      </p>
      <button
        type="button"
        className="button"
        aria-describedby={`${id}-everywhere-help`}
        disabled={busy !== null}
        onClick={() =>
          void run('everywhere', async () => {
            await logOutEverywhere();
            await signOut();
            announce(t('account.loggedOutEverywhere'));
            navigate('/');
          })
        }
      >
        {t('account.logoutAll')}
      </button>
      {error === 'everywhere' && (
        <p role="alert" className="form__error">
          {t('account.offlineFailed')}
        </p>
      )}

      <h3 className="setting__subhead">{t('account.deleteTitle')}</h3>
      <DeleteAccountForm
        meId={me.id}
        busy={busy !== null}
        error={error === 'delete' || error === 'password' ? error : null}
        onDelete={(password, removePosts) =>
          void run('delete', async () => {
            await deleteAccount(password, removePosts);
            await signOut();
            announce(t('account.deleted'));
            navigate('/');
          })
        }
      />
    </section>
  );
}
