import { useId, useState } from 'react';
import { useT } from '../i18n/useT';
import { useSession } from '../session/SessionProvider';
import { useAnnounce } from '../ui/Announcer';

/**
 * Settings → Your account: e-mail me when a moderator decides on my posts. Kept on the account
 * (the server sends the e-mails), so it needs a connection; offline the box stays as it was and
 * says why.
 */
export function DecisionEmailSetting() {
  const t = useT();
  const announce = useAnnounce();
  const { me, updateMe } = useSession();
  // The box follows the click at once; the account's value takes over when the server answers.
  const [pending, setPending] = useState<boolean | null>(null);
  const [failed, setFailed] = useState(false);
  const id = useId();
  if (!me) return null;

  const change = async (on: boolean) => {
    setPending(on);
    setFailed(false);
    try {
      await updateMe({ notifyByEmail: on });
      announce(t(on ? 'account.decisionEmailsOn' : 'account.decisionEmailsOff'));
    } catch {
      setFailed(true);
    } finally {
      setPending(null);
    }
  };

  return (
    <>
      <h3 className="setting__subhead">{t('account.decisionEmailsTitle')}</h3>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={pending ?? me.notifyByEmail ?? false}
          aria-busy={pending !== null}
          aria-describedby={`${id}-help`}
          onChange={(e) => void change(e.target.checked)}
        />
        <span>{t('account.decisionEmailsLabel')}</span>
      </label>
      <p id={`${id}-help`} className="muted setting__help">
        {t('account.decisionEmailsHelp', { email: me.email })}
      </p>
      {failed && (
        <p role="alert" className="form__error">
          {t('account.offlineFailed')}
        </p>
      )}
    </>
  );
}
