import { say, serverLang } from '../i18n/messages';
import type { Mail } from '../mail/mailer';

/** The reset e-mail in the account's language (server/src/i18n); any other language gets English. */
export function resetMail(user: { email: string; displayName: string; lang: string }, link: string): Mail {
  const lang = serverLang(user.lang);
  return {
    to: user.email,
    subject: say(lang, 'mail.reset.subject'),
    text: say(lang, 'mail.reset.body', { name: user.displayName, link }),
    lang,
  };
}
