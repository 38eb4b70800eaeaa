import { useId, useState, type FormEvent } from 'react';
import { ApiError } from '../api/http';
import { useT } from '../i18n/useT';
import { useSession } from '../session/SessionProvider';
import { useAnnounce } from '../ui/Announcer';

/**
 * Settings → Your account: the display name and the organisation shown with one's posts. The
 * server checks both (DisplayName and Organisation in @parley/shared) and gives the new ones to
 * the person's earlier, non-anonymous posts too. Needs a connection, like every account setting.
 */
export function ProfileSetting() {
  const t = useT();
  const announce = useAnnounce();
  const { me, updateMe } = useSession();
  const id = useId();
  const [name, setName] = useState(me?.displayName ?? '');
  const [organisation, setOrganisation] = useState(me?.organisation ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<null | 'invalid' | 'offline'>(null);
  if (!me) return null;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await updateMe({ displayName: name.trim(), organisation: organisation.trim() || null });
      setName(name.trim());
      setOrganisation(organisation.trim());
      announce(t('account.profileSaved'));
    } catch (e) {
      setError(e instanceof ApiError && e.status === 400 ? 'invalid' : 'offline');
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="setting account__profile" onSubmit={(e) => void save(e)}>
      <h3 className="setting__subhead">{t('account.profileTitle')}</h3>
      <p id={`${id}-help`} className="muted setting__help">
        {t('account.profileHelp')}
      </p>
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('auth.displayName')}</label>
        <input
          id={`${id}-name`}
          autoComplete="name"
          required
          maxLength={80}
          aria-describedby={`${id}-help`}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-org`}>{t('auth.organisation')}</label>
        <input
          id={`${id}-org`}
          autoComplete="organization"
          maxLength={120}
          value={organisation}
          onChange={(e) => setOrganisation(e.target.value)}
        />
      </div>
      {error && (
        <p role="alert" className="form__error">
          {t(error === 'invalid' ? 'account.profileInvalid' : 'account.offlineFailed')}
        </p>
      )}
      <button type="submit" className="button" disabled={busy} aria-busy={busy}>
        {t('account.profileSave')}
      </button>
    </form>
  );
}
