import { say, serverLang } from '../i18n/messages';
import type { Mail } from '../mail/mailer';

export interface ReplyMailInput {
  to: { email: string; displayName: string; lang: string };
  /** Who replied, as everyone sees it: "Name · Organisation", or null for an anonymous reply. */
  replier: string | null;
  /** The space's title, already in the recipient's language where the space has it. */
  spaceTitle: string;
  /** The reply's text (it is published: anyone can read it). */
  body: string;
  /** The thread's address. */
  link: string;
}

/** How much of the reply the e-mail quotes; the rest is a click away. */
export const QUOTED_CHARS = 600;

/** "Someone replied to you" in the recipient's language (server/src/i18n); any other gets English. */
export function replyMail(input: ReplyMailInput): Mail {
  const lang = serverLang(input.to.lang);
  const name = input.replier ?? say(lang, 'mail.reply.anonymous');
  const text =
    input.body.length > QUOTED_CHARS ? `${input.body.slice(0, QUOTED_CHARS).trimEnd()}…` : input.body;
  const quoted = text.split(/\r?\n/).map((line) => (line ? `> ${line}` : '>'));
  const lines = [
    say(lang, 'mail.decision.hello', { name: input.to.displayName }),
    '',
    say(lang, 'mail.reply.what', { name, space: input.spaceTitle }),
    '',
    ...quoted,
    '',
    say(lang, 'mail.reply.open'),
    input.link,
    '',
    say(lang, 'mail.reply.why'),
    '',
  ];
  return {
    to: input.to.email,
    subject: say(lang, 'mail.reply.subject', { name }),
    text: lines.join('\n'),
    lang,
  };
}
