import { say, serverLang } from '../i18n/messages';
import type { Mail } from '../mail/mailer';

type To = { email: string; displayName: string; lang: string };

/*
 * The two answers to a sign-up, in the language asked for (server/src/i18n; any other gets
 * English): a link that creates the account, or, when the address already has one, a note saying
 * so. The form shows the same thing in both cases; only the owner of the address learns which.
 */

export function signUpLinkMail(to: To, link: string): Mail {
  const lang = serverLang(to.lang);
  return {
    to: to.email,
    subject: say(lang, 'mail.signUp.subject'),
    text: say(lang, 'mail.signUp.link', { name: to.displayName, link }),
    lang,
  };
}

/** In the account's language, not the one the sign-up form was filled in. */
export function accountExistsMail(to: To, signIn: string): Mail {
  const lang = serverLang(to.lang);
  return {
    to: to.email,
    subject: say(lang, 'mail.signUp.subject'),
    text: say(lang, 'mail.signUp.exists', { name: to.displayName, link: signIn }),
    lang,
  };
}
