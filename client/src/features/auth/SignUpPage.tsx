import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Link, useLocation } from 'wouter';
import { useSession } from '../../session/SessionProvider';
import { authErrorCode } from '../../session/session';
import { browserLang } from '../../i18n/I18nProvider';
import { useT } from '../../i18n/useT';
import { PageTitle } from '../../ui/Page';
import { PasswordField } from '../../ui/PasswordField';
import { authErrorMessage } from './errors';
import './auth.css';
import { Field } from '../../ui/Field';

export function SignUpPage() {
  const t = useT();
  const { signUp } = useSession();
  const [, navigate] = useLocation();
  const [displayName, setDisplayName] = useState('');
  const [organisation, setOrganisation] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** The address the link went to: the form gives way to "check your email". */
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [cameBack, setCameBack] = useState(false);
  const emailInput = useRef<HTMLInputElement>(null);
  const id = useId();

  // Back from "check your email": the address is what the person came to change.
  useEffect(() => {
    if (cameBack) emailInput.current?.focus();
  }, [cameBack]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const signedIn = await signUp({
        displayName: displayName.trim(),
        organisation: organisation.trim() || null,
        email: email.trim(),
        password,
        lang: browserLang(),
      });
      if (signedIn) return navigate('/');
      // The same answer whether or not the address has an account: the e-mail tells them apart.
      setSentTo(email.trim());
      setCameBack(false);
    } catch (e) {
      setError(authErrorCode(e));
    } finally {
      setBusy(false);
    }
  };

  if (sentTo)
    return (
      <section className="stack auth">
        {/* Keyed: a new title, read out and focused like a new screen. */}
        <PageTitle key="sent" title={t('auth.signUp.sentTitle')}>
          {t('auth.signUp.sentTitle')}
        </PageTitle>
        <div role="status" className="stack auth__sent">
          <p>
            {t('auth.signUp.sentTo')}
            <br />
            <Address email={sentTo} />
          </p>
          <p>{t('auth.signUp.sentNext')}</p>
          <p>{t('auth.signUp.sentExisting')}</p>
          <p className="auth__switch">{t('auth.signUp.sentSpam')}</p>
        </div>
        <button
          type="button"
          className="button button--quiet button--wide"
          onClick={() => {
            setSentTo(null);
            setCameBack(true);
          }}
        >
          {t('auth.signUp.otherAddress')}
        </button>
        <p className="auth__switch">
          {t('auth.signUp.haveAccount')} <Link href="/signin">{t('auth.signUp.signIn')}</Link>
        </p>
      </section>
    );

  return (
    <section className="stack auth">
      <PageTitle key="form" title={t('auth.signUp.title')}>
        {t('auth.signUp.title')}
      </PageTitle>
      <form className="form" onSubmit={submit}>
        <Field label={t('auth.displayName')} help={t('auth.displayNameHelp')}>
          {(a11y) => (
            <input
              {...a11y}
              autoComplete="name"
              required
              maxLength={80}
              value={displayName}
              onChange={(e) => setDisplayName(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('auth.organisation')} help={t('auth.organisationHelp')}>
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
        <div className="field">
          <label htmlFor={`${id}-email`}>{t('auth.email')}</label>
          <input
            ref={emailInput}
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

/** An address that may wrap before its "@" on a narrow phone, rather than in the middle of a word. */
function Address({ email }: { email: string }) {
  const at = email.lastIndexOf('@');
  return (
    <strong className="auth__address" dir="ltr">
      {at > 0 ? (
        <>
          {email.slice(0, at)}
          <wbr />
          {email.slice(at)}
        </>
      ) : (
        email
      )}
    </strong>
  );
}
