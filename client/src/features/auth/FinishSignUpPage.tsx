import { useCallback, useEffect, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { useSession } from '../../session/SessionProvider';
import { authErrorCode } from '../../session/session';
import { useT } from '../../i18n/useT';
import { PageTitle } from '../../ui/Page';
import { authErrorMessage } from './errors';
import './auth.css';

/**
 * The token arrives in the fragment (#token=…), which no server log or Referer ever sees. It is
 * read once and taken out of the address bar, so it does not stay in the history.
 */
let takenToken: string | null = null;
function takeToken(): string | null {
  const token = new URLSearchParams(globalThis.location?.hash.slice(1) ?? '').get('token');
  if (token) {
    history.replaceState(history.state, '', globalThis.location.pathname);
    takenToken = token;
  }
  // Kept for the visit: the page may mount again (the app re-renders once it knows the viewer).
  return takenToken;
}

/**
 * The token works once: a second request would answer invalid_token even though the first one
 * created the account. So the page sends it once per visit, however often it mounts (the app
 * re-renders when the viewer changes, React's strict mode runs effects twice), and only sends it
 * again when the person asks to after a failure.
 */
let sending: { token: string; done: Promise<void> } | null = null;
function sendOnce(token: string, finish: (token: string) => Promise<void>): Promise<void> {
  if (sending?.token !== token) sending = { token, done: finish(token) };
  return sending.done;
}

type State = { kind: 'waiting' } | { kind: 'invalid' } | { kind: 'failed'; code: string };

/** "Finish creating your account", opened from the e-mailed sign-up link: creates it and signs in. */
export function FinishSignUpPage() {
  const t = useT();
  const { me, finishSignUp } = useSession();
  const [, navigate] = useLocation();
  const [token] = useState(takeToken);
  const [state, setState] = useState<State>({ kind: 'waiting' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!token) return;
    let live = true;
    sendOnce(token, finishSignUp).then(
      () => {
        if (live) navigate('/', { replace: true });
      },
      (e: unknown) => {
        if (!live) return;
        const code = authErrorCode(e);
        setState(code === 'invalid_token' ? { kind: 'invalid' } : { kind: 'failed', code });
      },
    );
    return () => {
      live = false;
    };
  }, [token, finishSignUp, navigate, attempt]);

  const tryAgain = useCallback(() => {
    sending = null;
    setState({ kind: 'waiting' });
    setAttempt((n) => n + 1);
  }, []);

  const signUpAgain = (
    <p className="auth__switch">
      <Link href="/signup">{t('auth.finish.signUpAgain')}</Link>
    </p>
  );

  return (
    <section className="stack auth">
      <PageTitle title={t('auth.finish.title')}>{t('auth.finish.title')}</PageTitle>
      {!token ? (
        <>
          <p>{t('auth.finish.noToken')}</p>
          {signUpAgain}
        </>
      ) : state.kind === 'waiting' ? (
        <p role="status">{t('auth.finish.waiting')}</p>
      ) : state.kind === 'invalid' ? (
        <>
          <p role="alert">{t('auth.finish.invalidLink')}</p>
          {signUpAgain}
          {/* Perhaps the account was made with this link already (another tab, an earlier visit). */}
          {!me && (
            <p className="auth__switch">
              {t('auth.signUp.haveAccount')} <Link href="/signin">{t('auth.signUp.signIn')}</Link>
            </p>
          )}
        </>
      ) : (
        <>
          <p className="form__error" role="alert">
            {state.code === 'network' ? t('auth.finish.offline') : t(authErrorMessage(state.code))}
          </p>
          <button type="button" className="button button--primary button--wide" onClick={tryAgain}>
            {t('auth.finish.retry')}
          </button>
        </>
      )}
    </section>
  );
}
