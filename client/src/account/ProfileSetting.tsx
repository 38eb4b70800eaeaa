import { useId, useState, type FormEvent } from 'react';
import { ApiError } from '../api/http';
import { useT } from '../i18n/useT';
import { useSession } from '../session/SessionProvider';
import { useAnnounce } from '../ui/Announcer';
import { Field } from '../ui/Field';

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
      <Field label={t('auth.displayName')}>
        {(a11y) => (
          <input
            {...a11y}
            autoComplete="name"
            required
            maxLength={80}
            aria-describedby={`${id}-help`}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        )}
      </Field>
      <Field label={t('auth.organisation')}>
        {(a11y) => (
          <input
            {...a11y}
            autoComplete="organization"
            maxLength={120}
            value={organisation}
            onChange={(e) => setOrganisation(e.target.value)}
          />
        )}
      </Field>
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
