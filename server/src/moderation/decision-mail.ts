import type { Mail } from '../mail/mailer';

/** The decisions an author is told about; dismissing flags leaves the post as it was. */
export type NoticeDecision = 'approve' | 'reject' | 'hide' | 'restore';

interface Texts {
  subject: Record<NoticeDecision, string>;
  what: Record<NoticeDecision, (space: string) => string>;
  hello: (name: string) => string;
  reason: string;
  open: string;
  why: string;
}

/** The decision e-mail in each UI language (as the reset e-mail); any other language gets English. */
const TEXTS: Record<string, Texts> = {
  en: {
    subject: {
      approve: 'Your post is published',
      reject: 'Your post was not published',
      hide: 'Your post was hidden',
      restore: 'Your post is visible again',
    },
    what: {
      approve: (s) => `A moderator approved your post in “${s}”: everyone in the space can read it now.`,
      reject: (s) => `A moderator did not publish your post in “${s}”.`,
      hide: (s) => `A moderator hid your post in “${s}”: others can no longer read it.`,
      restore: (s) => `A moderator restored your post in “${s}”: everyone can read it again.`,
    },
    hello: (name) => `Hello ${name},`,
    reason: 'Reason:',
    open: 'Open the discussion:',
    why: 'You receive this e-mail because you turned on decision e-mails in Parley’s settings. You can turn them off there.',
  },
  fr: {
    subject: {
      approve: 'Votre message est publié',
      reject: 'Votre message n’a pas été publié',
      hide: 'Votre message a été masqué',
      restore: 'Votre message est de nouveau visible',
    },
    what: {
      approve: (s) =>
        `Un modérateur a approuvé votre message dans « ${s} » : tout le monde dans l’espace peut maintenant le lire.`,
      reject: (s) => `Un modérateur n’a pas publié votre message dans « ${s} ».`,
      hide: (s) => `Un modérateur a masqué votre message dans « ${s} » : les autres ne peuvent plus le lire.`,
      restore: (s) =>
        `Un modérateur a rétabli votre message dans « ${s} » : tout le monde peut de nouveau le lire.`,
    },
    hello: (name) => `Bonjour ${name},`,
    reason: 'Motif :',
    open: 'Ouvrir la discussion :',
    why: 'Vous recevez ce message parce que vous avez activé les e-mails de décision dans les réglages de Parley. Vous pouvez les désactiver au même endroit.',
  },
  es: {
    subject: {
      approve: 'Tu mensaje se ha publicado',
      reject: 'Tu mensaje no se ha publicado',
      hide: 'Tu mensaje se ha ocultado',
      restore: 'Tu mensaje vuelve a estar visible',
    },
    what: {
      approve: (s) =>
        `Una persona moderadora aprobó tu mensaje en «${s}»: ya puede leerlo todo el mundo en el espacio.`,
      reject: (s) => `Una persona moderadora no publicó tu mensaje en «${s}».`,
      hide: (s) => `Una persona moderadora ocultó tu mensaje en «${s}»: los demás ya no pueden leerlo.`,
      restore: (s) =>
        `Una persona moderadora restableció tu mensaje en «${s}»: todo el mundo puede volver a leerlo.`,
    },
    hello: (name) => `Hola, ${name}:`,
    reason: 'Motivo:',
    open: 'Abrir el debate:',
    why: 'Recibes este correo porque activaste los correos de decisiones en los ajustes de Parley. Puedes desactivarlos allí.',
  },
  ru: {
    subject: {
      approve: 'Ваше сообщение опубликовано',
      reject: 'Ваше сообщение не опубликовано',
      hide: 'Ваше сообщение скрыто',
      restore: 'Ваше сообщение снова видно',
    },
    what: {
      approve: (s) => `Модератор одобрил ваше сообщение в «${s}»: теперь его могут прочитать все участники.`,
      reject: (s) => `Модератор не опубликовал ваше сообщение в «${s}».`,
      hide: (s) => `Модератор скрыл ваше сообщение в «${s}»: другие больше не могут его прочитать.`,
      restore: (s) => `Модератор восстановил ваше сообщение в «${s}»: его снова могут прочитать все.`,
    },
    hello: (name) => `Здравствуйте, ${name}!`,
    reason: 'Причина:',
    open: 'Открыть обсуждение:',
    why: 'Вы получили это письмо, потому что включили письма о решениях в настройках Parley. Там же их можно отключить.',
  },
  ar: {
    subject: {
      approve: 'نُشرت مشاركتك',
      reject: 'لم تُنشر مشاركتك',
      hide: 'أُخفيت مشاركتك',
      restore: 'أصبحت مشاركتك ظاهرة من جديد',
    },
    what: {
      approve: (s) => `وافق أحد المشرفين على مشاركتك في «${s}»: يمكن للجميع في المساحة قراءتها الآن.`,
      reject: (s) => `لم ينشر أحد المشرفين مشاركتك في «${s}».`,
      hide: (s) => `أخفى أحد المشرفين مشاركتك في «${s}»: لم يعد بإمكان الآخرين قراءتها.`,
      restore: (s) => `أعاد أحد المشرفين إظهار مشاركتك في «${s}»: يمكن للجميع قراءتها من جديد.`,
    },
    hello: (name) => `مرحبًا ${name}،`,
    reason: 'السبب:',
    open: 'افتح النقاش:',
    why: 'تصلك هذه الرسالة لأنك فعّلت رسائل القرارات في إعدادات Parley. يمكنك إيقافها من هناك.',
  },
};

export const DECISION_MAIL_LANGS = Object.keys(TEXTS);

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

export function decisionMail(input: DecisionMailInput): Mail {
  const lang = TEXTS[input.to.lang] ? input.to.lang : 'en';
  const t = TEXTS[lang]!;
  const lines = [t.hello(input.to.displayName), '', t.what[input.decision](input.spaceTitle), ''];
  if (input.reason) lines.push(`${t.reason} ${input.reason}`, '');
  lines.push(t.open, input.link, '', t.why, '');
  return { to: input.to.email, subject: t.subject[input.decision], text: lines.join('\n'), lang };
}
