import { useEffect, useId, useState } from 'react';
import type { MessageId } from '../i18n/I18nProvider';
import { useT } from '../i18n/useT';
import { isModerator, useSession } from '../session/SessionProvider';
import { useAnnounce } from '../ui/Announcer';
import { PushProblem, pushState, turnPushOff, turnPushOn, type PushState } from './push-notifications';

const PROBLEM: Record<PushProblem['kind'], MessageId> = {
  unsupported: 'account.pushUnsupported',
  denied: 'account.pushDenied',
  failed: 'account.pushFailed',
};

/**
 * Settings → Your account → "Notifications on this device": Web Push where the browser allows it.
 * Where it does not (no push service, notifications blocked), the setting says so and why, and
 * the in-app notifications remain.
 */
export function PushSetting() {
  const t = useT();
  const announce = useAnnounce();
  const { me } = useSession();
  const id = useId();
  const [state, setState] = useState<PushState | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<PushProblem['kind'] | null>(null);

  useEffect(() => {
    let live = true;
    pushState()
      .then((s) => live && setState(s))
      .catch(() => live && setState('unsupported'));
    return () => {
      live = false;
    };
  }, []);
  if (!me || state === null) return null;

  const change = async (on: boolean) => {
    setBusy(true);
    setProblem(null);
    try {
      if (on) await turnPushOn();
      else await turnPushOff();
      setState(on ? 'on' : 'off');
      announce(t(on ? 'account.pushOn' : 'account.pushOff'));
    } catch (e) {
      const kind = e instanceof PushProblem ? e.kind : 'failed';
      setProblem(kind);
      if (kind !== 'failed') setState(kind);
    } finally {
      setBusy(false);
    }
  };

  const unavailable = state === 'unsupported' || state === 'denied';
  return (
    <>
      <h3 className="setting__subhead">{t('account.pushTitle')}</h3>
      <p id={`${id}-help`} className="muted setting__help">
        {t(isModerator(me) ? 'account.pushHelpModerator' : 'account.pushHelp')}
      </p>
      {unavailable ? (
        <p className="setting__help" role={problem ? 'alert' : undefined}>
          {t(state === 'denied' ? 'account.pushDenied' : 'account.pushUnsupported')}
        </p>
      ) : (
        <>
          <button
            type="button"
            className="button"
            aria-describedby={`${id}-help`}
            aria-busy={busy}
            disabled={busy}
            onClick={() => void change(state !== 'on')}
          >
            {t(state === 'on' ? 'account.pushDisable' : 'account.pushEnable')}
          </button>
          {problem && (
            <p role="alert" className="form__error">
              {t(PROBLEM[problem])}
            </p>
          )}
        </>
      )}
    </>
  );
}
