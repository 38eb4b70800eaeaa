import { useId, useState, type FormEvent } from 'react';
import { Link, useLocation } from 'wouter';
import { useSession } from '../../session/SessionProvider';
import { authErrorCode } from '../../session/session';
import { browserLang } from '../../i18n/I18nProvider';
import { useT } from '../../i18n/useT';
import { PageTitle } from '../../ui/Page';
import { PasswordField } from '../../ui/PasswordField';
import { authErrorMessage } from './errors';
import './auth.css';

export function SignUpPage() {
  const t = useT();
  const { signUp } = useSession();
  const [, navigate] = useLocation();
  const [displayName, setDisplayName] = useState('');
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
      await signUp({ displayName: displayName.trim(), email: email.trim(), password, lang: browserLang() });
      navigate('/');
    } catch (e) {
      setError(authErrorCode(e));
      setBusy(false);
    }
  };

  return (
    <section className="stack auth">
      <PageTitle title={t('auth.signUp.title')}>{t('auth.signUp.title')}</PageTitle>
      <form className="form" onSubmit={submit}>
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('auth.displayName')}</label>
          <input
            id={`${id}-name`}
            autoComplete="name"
            required
            maxLength={80}
            aria-describedby={`${id}-name-help`}
            value={displayName}
            onChange={(e) => setDisplayName(e.target.value)}
          />
          <p id={`${id}-name-help`} className="field__help">
            {t('auth.displayNameHelp')}
          </p>
        </div>
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
        <PasswordField label={t('auth.password')} purpose="new" value={password} onChange={setPassword} />
        {error && (
          <p className="form__error" role="alert">
            {t(authErrorMessage(error))}
          </p>
        )}
        <button type="submit" className="button button--primary button--wide" disabled={busy}>
          {t('auth.signUp.submit')}
        </button>
      </form>
      <p className="auth__switch">
        {t('auth.signUp.haveAccount')} <Link href="/signin">{t('auth.signUp.signIn')}</Link>
      </p>
    </section>
  );
}
