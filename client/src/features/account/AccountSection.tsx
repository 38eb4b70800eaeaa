import { useId, useState } from 'react';
import { useLocation } from 'wouter';
import { ApiError } from '../../api/http';
import { useT } from '../../i18n/useT';
import { useSession } from '../../session/SessionProvider';
import { useAnnounce } from '../../ui/Announcer';
import { deleteAccount, downloadMyData, logOutEverywhere } from './account-api';
import './account.css';

/** Settings → Your account: sign out everywhere, download one's data, delete the account. */
export function AccountSection() {
  const t = useT();
  const announce = useAnnounce();
  const { me, signOut } = useSession();
  const [, navigate] = useLocation();
  const [busy, setBusy] = useState<null | 'everywhere' | 'export' | 'delete'>(null);
  const [error, setError] = useState<null | 'everywhere' | 'export' | 'delete' | 'password'>(null);
  const [password, setPassword] = useState('');
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
      <form
        className="setting"
        onSubmit={(e) => {
          e.preventDefault();
          void run('delete', async () => {
            await deleteAccount(password);
            await signOut();
            announce(t('account.deleted'));
            navigate('/');
          });
        }}
      >
        <p id={`${id}-delete-help`} className="muted setting__help">
          {t('account.deleteHelp')}
        </p>
        <div className="field account__password">
          <label htmlFor={`${id}-password`}>{t('account.deletePassword')}</label>
          <input
            id={`${id}-password`}
            type="password"
            autoComplete="current-password"
            required
            value={password}
            aria-describedby={`${id}-delete-help`}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        <button type="submit" className="button button--danger" disabled={busy !== null || password === ''}>
          {t('account.deleteButton')}
        </button>
        {(error === 'delete' || error === 'password') && (
          <p role="alert" className="form__error">
            {t(error === 'password' ? 'account.wrongPassword' : 'account.offlineFailed')}
          </p>
        )}
      </form>
    </section>
  );
}
