import { useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { ApiError, request } from '../../api/http';
import { useT } from '../../i18n/useT';
import { PageTitle } from '../../ui/Page';
import { PasswordField } from '../../ui/PasswordField';
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

/** "Choose a new password", opened from the e-mailed link. */
export function ResetPasswordPage() {
  const t = useT();
  const [token] = useState(takeToken);
  const [password, setPassword] = useState('');
  const [state, setState] = useState<'form' | 'done' | 'invalid'>('form');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await request('POST', '/api/auth/password-reset/confirm', { token, password });
      setState('done');
    } catch (e) {
      const code = e instanceof ApiError ? e.code : 'unknown';
      if (code === 'invalid_token') setState('invalid');
      else setError(code);
    } finally {
      setBusy(false);
    }
  };

  const askAgain = (
    <p className="auth__switch">
      <Link href="/forgot-password">{t('auth.reset.askAgain')}</Link>
    </p>
  );

  return (
    <section className="stack auth">
      <PageTitle title={t('auth.reset.title')}>{t('auth.reset.title')}</PageTitle>
      {!token ? (
        <>
          <p>{t('auth.reset.noToken')}</p>
          {askAgain}
        </>
      ) : state === 'done' ? (
        <>
          <p role="status">{t('auth.reset.done')}</p>
          <Link href="/signin" className="button button--primary button--wide">
            {t('auth.signIn.submit')}
          </Link>
        </>
      ) : state === 'invalid' ? (
        <>
          <p role="alert">{t('auth.reset.invalidLink')}</p>
          {askAgain}
        </>
      ) : (
        <form className="form" onSubmit={submit}>
          <PasswordField
            label={t('auth.reset.newPassword')}
            purpose="new"
            value={password}
            onChange={setPassword}
          />
          {error && (
            <p className="form__error" role="alert">
              {t(authErrorMessage(error))}
            </p>
          )}
          <button type="submit" className="button button--primary button--wide" disabled={busy}>
            {t('auth.reset.submit')}
          </button>
        </form>
      )}
    </section>
  );
}
