import { useId, useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { ApiError, request } from '../../api/http';
import { useT } from '../../i18n/useT';
import { PageTitle } from '../../ui/Page';
import { authErrorMessage } from './errors';
import './auth.css';

/** "Forgot your password?": asks for a reset link. The answer never says whether the account exists. */
export function ForgotPasswordPage() {
  const t = useT();
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await request('POST', '/api/auth/password-reset', { email: email.trim() });
      setSentTo(email.trim());
    } catch (e) {
      setError(e instanceof ApiError ? e.code : 'unknown');
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="stack auth">
      <PageTitle title={t('auth.forgot.title')}>{t('auth.forgot.title')}</PageTitle>
      {sentTo ? (
        <p role="status">{t('auth.forgot.sent', { email: sentTo })}</p>
      ) : (
        <form className="form" onSubmit={submit}>
          <p id={`${id}-intro`}>{t('auth.forgot.intro')}</p>
          <div className="field">
            <label htmlFor={`${id}-email`}>{t('auth.email')}</label>
            <input
              id={`${id}-email`}
              type="email"
              autoComplete="email"
              required
              aria-describedby={`${id}-intro`}
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          </div>
          {error && (
            <p className="form__error" role="alert">
              {t(authErrorMessage(error))}
            </p>
          )}
          <button type="submit" className="button button--primary button--wide" disabled={busy}>
            {t('auth.forgot.submit')}
          </button>
        </form>
      )}
      <p className="auth__switch">
        <Link href="/signin">{t('auth.forgot.back')}</Link>
      </p>
    </section>
  );
}
