import { useEffect, useState, type FormEvent } from 'react';
import { Link, useLocation } from 'wouter';
import type { InvitationView } from '@parley/shared';
import { inspectInvitation } from '../../api/invitations';
import { useUiLang } from '../../i18n/I18nProvider';
import { pickLocalized } from '../../i18n/localized';
import { useT } from '../../i18n/useT';
import { authErrorCode } from '../../session/session';
import { useSession } from '../../session/SessionProvider';
import { PageTitle } from '../../ui/Page';
import { PasswordField } from '../../ui/PasswordField';
import { authErrorMessage } from './errors';
import './auth.css';
import { Field } from '../../ui/Field';

/**
 * The token arrives in the fragment (#token=…), which no server log or Referer ever sees. It is
 * read once and taken out of the address bar; kept for the visit (signing in re-renders the page).
 */
let takenToken: string | null = null;
function takeToken(): string | null {
  const token = new URLSearchParams(globalThis.location?.hash.slice(1) ?? '').get('token');
  if (token) {
    history.replaceState(history.state, '', globalThis.location.pathname);
    takenToken = token;
  }
  return takenToken;
}

type State =
  { kind: 'checking' } | { kind: 'open'; invitation: InvitationView } | { kind: 'refused'; code: string };

/**
 * Opened from an invitation e-mail: says what the organiser invites the person to be, then either
 * creates the account (name and password) or, for an address that has one, asks to sign in as it
 * and accept. Used, expired and unknown links each say so.
 */
export function InvitationPage() {
  const t = useT();
  const [token] = useState(takeToken);
  const [state, setState] = useState<State>({ kind: 'checking' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!token) return;
    let live = true;
    inspectInvitation(token).then(
      (invitation) => live && setState({ kind: 'open', invitation }),
      (e: unknown) => live && setState({ kind: 'refused', code: authErrorCode(e) }),
    );
    return () => {
      live = false;
    };
  }, [token, attempt]);

  return (
    <section className="stack auth">
      <PageTitle title={t('invite.title')}>{t('invite.title')}</PageTitle>
      {!token ? (
        <p>{t('invite.noToken')}</p>
      ) : state.kind === 'checking' ? (
        <p role="status">{t('invite.checking')}</p>
      ) : state.kind === 'refused' ? (
        <Refused
          code={state.code}
          retry={() => {
            setState({ kind: 'checking' });
            setAttempt((n) => n + 1);
          }}
        />
      ) : (
        <Offer token={token} invitation={state.invitation} />
      )}
    </section>
  );
}

function Refused({ code, retry }: { code: string; retry: () => void }) {
  const t = useT();
  if (code === 'network' || code === 'unknown' || code === 'rate_limited')
    return (
      <>
        <p className="form__error" role="alert">
          {code === 'network' ? t('invite.offline') : t(authErrorMessage(code))}
        </p>
        <button type="button" className="button button--primary button--wide" onClick={retry}>
          {t('auth.finish.retry')}
        </button>
      </>
    );
  return (
    <>
      <p role="alert">
        {t(
          code === 'invitation_used'
            ? 'invite.used'
            : code === 'invitation_expired'
              ? 'invite.expired'
              : 'invite.invalid',
        )}
      </p>
      <p className="auth__switch">
        <Link href="/signin">{t('auth.signUp.signIn')}</Link>
      </p>
    </>
  );
}

/** What the invitation makes the person, in one sentence. */
function useOfferText(invitation: InvitationView): string {
  const t = useT();
  const { lang } = useUiLang();
  const inviter = invitation.invitedBy ?? t('invite.someone');
  const languages = invitation.space?.languages ?? [];
  const space = invitation.space ? pickLocalized(invitation.space.title, lang, languages).text : '';
  if (invitation.role === 'admin') return t('invite.what.admin', { inviter });
  if (invitation.question) {
    const question = pickLocalized(invitation.question.title, lang, languages).text;
    return t('invite.what.question', { inviter, space, question });
  }
  return t('invite.what.space', { inviter, space });
}

function Offer({ token, invitation }: { token: string; invitation: InvitationView }) {
  const t = useT();
  const { lang } = useUiLang();
  const { me, signIn, signOut, acceptInvitation } = useSession();
  const [, navigate] = useLocation();
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const offer = useOfferText(invitation);
  const signedInAsInvitee = me !== null && me.email === invitation.email;

  const run = async (event: FormEvent | null, step: () => Promise<void>) => {
    event?.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await step();
      navigate(invitation.role === 'admin' ? '/' : '/moderate', { replace: true });
    } catch (e) {
      setError(authErrorCode(e));
    } finally {
      setBusy(false);
    }
  };

  const errorText =
    error === null
      ? null
      : error === 'network'
        ? t('invite.offline')
        : error === 'invitation_used'
          ? t('invite.used')
          : error === 'invitation_expired'
            ? t('invite.expired')
            : error === 'wrong_account'
              ? t('invite.wrongAccount', { email: invitation.email })
              : t(authErrorMessage(error));
  const errorLine = errorText && (
    <p className="form__error" role="alert">
      {errorText}
    </p>
  );

  const intro = (
    <>
      <p>{offer}</p>
      <p className="muted">
        {t('invite.for')}{' '}
        <strong className="auth__address" dir="ltr">
          {invitation.email}
        </strong>
      </p>
    </>
  );

  if (!invitation.accountExists)
    return (
      <>
        {intro}
        <p>{t('invite.create')}</p>
        <form
          className="form"
          onSubmit={(e) =>
            void run(e, () => acceptInvitation({ token, displayName: displayName.trim(), password, lang }))
          }
        >
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
          {/* The address is the invitation's: shown, not typed (password managers still see it). */}
          <input type="hidden" autoComplete="username" value={invitation.email} readOnly />
          <PasswordField label={t('auth.password')} purpose="new" value={password} onChange={setPassword} />
          {errorLine}
          <button type="submit" className="button button--primary button--wide" disabled={busy}>
            {t('invite.acceptCreate')}
          </button>
        </form>
      </>
    );

  if (signedInAsInvitee)
    return (
      <>
        {intro}
        {errorLine}
        <button
          type="button"
          className="button button--primary button--wide"
          disabled={busy}
          onClick={() => void run(null, () => acceptInvitation({ token }))}
        >
          {t('invite.accept')}
        </button>
      </>
    );

  if (me !== null)
    return (
      <>
        {intro}
        <p role="alert">{t('invite.otherAccount', { me: me.email, email: invitation.email })}</p>
        <button
          type="button"
          className="button button--quiet button--wide"
          disabled={busy}
          onClick={() => void signOut()}
        >
          {t('invite.signOut')}
        </button>
      </>
    );

  return (
    <>
      {intro}
      <p>{t('invite.existing')}</p>
      <form
        className="form"
        onSubmit={(e) =>
          void run(e, async () => {
            await signIn(invitation.email, password);
            await acceptInvitation({ token });
          })
        }
      >
        <input type="hidden" autoComplete="username" value={invitation.email} readOnly />
        <PasswordField label={t('auth.password')} purpose="current" value={password} onChange={setPassword} />
        {errorLine}
        <button type="submit" className="button button--primary button--wide" disabled={busy}>
          {t('invite.signInAccept')}
        </button>
      </form>
      <p className="auth__switch">
        <Link href="/forgot-password">{t('auth.signIn.forgot')}</Link>
      </p>
    </>
  );
}
