import { useId, useState } from 'react';
import type { MessageId } from '../i18n/I18nProvider';
import { useT } from '../i18n/useT';
import { useSession } from '../session/SessionProvider';
import { useAnnounce } from '../ui/Announcer';

interface EmailSettingProps {
  field: 'notifyByEmail' | 'notifyRepliesByEmail';
  /** The setting's messages: `<prefix>Title`, `Label`, `Help`, `On` and `Off` in the catalogues. */
  messages: 'account.decisionEmails' | 'account.replyEmails';
}

/**
 * One "e-mail me when…" box of Settings → Your account. Kept on the account (the server sends
 * the e-mails), so it needs a connection; offline the box stays as it was and says why.
 */
function EmailSetting({ field, messages }: EmailSettingProps) {
  const t = useT();
  const message = (part: 'Title' | 'Label' | 'Help' | 'On' | 'Off'): MessageId => `${messages}${part}`;
  const announce = useAnnounce();
  const { me, updateMe } = useSession();
  // The box follows the click at once; the account's value takes over when the server answers.
  const [pending, setPending] = useState<boolean | null>(null);
  const [failed, setFailed] = useState(false);
  const id = useId();
  if (!me) return null;

  const change = async (value: boolean) => {
    setPending(value);
    setFailed(false);
    try {
      await updateMe({ [field]: value });
      announce(t(message(value ? 'On' : 'Off')));
    } catch {
      setFailed(true);
    } finally {
      setPending(null);
    }
  };

  return (
    <>
      <h3 className="setting__subhead">{t(message('Title'))}</h3>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={pending ?? me[field] ?? false}
          aria-busy={pending !== null}
          aria-describedby={`${id}-help`}
          onChange={(e) => void change(e.target.checked)}
        />
        <span>{t(message('Label'))}</span>
      </label>
      <p id={`${id}-help`} className="muted setting__help">
        {t(message('Help'), { email: me.email })}
      </p>
      {failed && (
        <p role="alert" className="form__error">
          {t('account.offlineFailed')}
        </p>
      )}
    </>
  );
}

/** E-mail me when a moderator decides on my posts. */
export function DecisionEmailSetting() {
  return <EmailSetting field="notifyByEmail" messages="account.decisionEmails" />;
}

/** E-mail me when someone replies to me (a reply to one of my posts is published). */
export function ReplyEmailSetting() {
  return <EmailSetting field="notifyRepliesByEmail" messages="account.replyEmails" />;
}
