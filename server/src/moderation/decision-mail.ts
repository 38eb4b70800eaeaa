import { say, serverLang } from '../i18n/messages';
import type { Mail } from '../mail/mailer';

/** The decisions an author is told about; dismissing flags leaves the post as it was. */
export type NoticeDecision = 'approve' | 'reject' | 'hide' | 'restore';

export interface DecisionMailInput {
  to: { email: string; displayName: string; lang: string };
  decision: NoticeDecision;
  /** The space's title, already in the author's language where the space has it. */
  spaceTitle: string;
  /** Already in the author's language when it came from a reason template; null = none given. */
  reason: string | null;
  /** The thread's address. */
  link: string;
}

/** The decision e-mail in the author's language (server/src/i18n); any other gets English. */
export function decisionMail(input: DecisionMailInput): Mail {
  const lang = serverLang(input.to.lang);
  const d = input.decision;
  const lines = [
    say(lang, 'mail.decision.hello', { name: input.to.displayName }),
    '',
    say(lang, `mail.decision.what.${d}`, { space: input.spaceTitle }),
    '',
  ];
  if (input.reason) lines.push(say(lang, 'mail.decision.reason', { reason: input.reason }), '');
  lines.push(say(lang, 'mail.decision.open'), input.link, '', say(lang, 'mail.decision.why'), '');
  return {
    to: input.to.email,
    subject: say(lang, `mail.decision.subject.${d}`),
    text: lines.join('\n'),
    lang,
  };
}
