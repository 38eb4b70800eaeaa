import { useId, useState, type FormEvent } from 'react';
import { Link, useLocation } from 'wouter';
import { useSession } from '../../session/SessionProvider';
import { authErrorCode } from '../../session/session';
import { useT } from '../../i18n/useT';
import { PageTitle } from '../../ui/Page';
import { PasswordField } from '../../ui/PasswordField';
import { authErrorMessage } from './errors';
import './auth.css';

export function SignInPage() {
  const t = useT();
  const { signIn } = useSession();
  const [, navigate] = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(email.trim(), password);
      navigate('/');
    } catch (e) {
      setError(authErrorCode(e));
      setBusy(false);
    }
  };

  return (
    <section className="stack auth">
      <PageTitle title={t('auth.signIn.title')}>{t('auth.signIn.title')}</PageTitle>
      <form className="form" onSubmit={submit}>
        <div className="field">
          <label htmlFor={`${id}-email`}>{t('auth.email')}</label>
          <input
            id={`${id}-email`}
            type="email"
            autoComplete="email"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </div>
        <PasswordField label={t('auth.password')} purpose="current" value={password} onChange={setPassword} />
        {error && (
          <p className="form__error" role="alert">
            {t(authErrorMessage(error))}
          </p>
        )}
        <button type="submit" className="button button--primary button--wide" disabled={busy}>
          {t('auth.signIn.submit')}
        </button>
      </form>
      <p className="auth__switch">
        <Link href="/forgot-password">{t('auth.signIn.forgot')}</Link>
      </p>
      <p className="auth__switch">
        {t('auth.signIn.noAccount')} <Link href="/signup">{t('auth.signIn.create')}</Link>
      </p>
    </section>
  );
}
