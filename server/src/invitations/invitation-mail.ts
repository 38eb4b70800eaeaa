import { say, serverLang } from '../i18n/messages';
import type { Mail } from '../mail/mailer';
import type { InvitationTarget } from './invitation-repository';

/** A localized field in the e-mail's language, else the first the author wrote. */
const pick = (text: Record<string, string>, lang: string) => text[lang] ?? Object.values(text)[0] ?? '';

/** The invitation in the language the organiser chose (server/src/i18n; any other gets English). */
export function invitationMail(
  to: { email: string; lang: string },
  invitation: { role: 'moderator' | 'admin'; inviter: string | null },
  target: InvitationTarget,
  link: string,
): Mail {
  const lang = serverLang(to.lang);
  const inviter = invitation.inviter ?? say(lang, 'mail.invite.someone');
  const space = target.space ? pick(target.space.title, lang) : '';
  const role =
    invitation.role === 'admin'
      ? say(lang, 'mail.invite.role.admin')
      : target.question
        ? say(lang, 'mail.invite.role.question', { space, question: pick(target.question.title, lang) })
        : say(lang, 'mail.invite.role.space', { space });
  return {
    to: to.email,
    subject: say(lang, 'mail.invite.subject', { inviter }),
    text: say(lang, 'mail.invite.body', { inviter, role, link }),
    lang,
  };
}
