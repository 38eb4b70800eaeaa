import type { Mail } from '../mail/mailer';

interface Texts {
  subject: string;
  link: (name: string, link: string) => string;
  exists: (name: string, signIn: string) => string;
}

/**
 * The two answers to a sign-up, in each UI language (any other gets English): a link that
 * creates the account, or, when the address already has one, a note saying so. The form shows
 * the same thing in both cases; only the owner of the address learns which it was.
 */
const TEXTS: Record<string, Texts> = {
  en: {
    subject: 'Finish creating your Parley account',
    link: (name, link) =>
      `Hello ${name},\n\nOpen this link within 24 hours to finish creating your Parley account:\n\n${link}\n\nIf you did not ask for an account, ignore this e-mail: nothing is created.\n`,
    exists: (name, signIn) =>
      `Hello ${name},\n\nSomeone (we hope you) tried to create a Parley account with this address, but it already has one. Sign in here; if you forgot your password, choose "Forgot your password?" there:\n\n${signIn}\n\nIf it was not you, ignore this e-mail: nothing has changed.\n`,
  },
  fr: {
    subject: 'Terminez la création de votre compte Parley',
    link: (name, link) =>
      `Bonjour ${name},\n\nOuvrez ce lien dans les 24 heures pour terminer la création de votre compte Parley :\n\n${link}\n\nSi vous n’avez pas demandé de compte, ignorez ce message : rien n’est créé.\n`,
    exists: (name, signIn) =>
      `Bonjour ${name},\n\nQuelqu’un (vous, nous l’espérons) a essayé de créer un compte Parley avec cette adresse, mais elle en a déjà un. Connectez-vous ici ; si vous avez oublié votre mot de passe, choisissez « Mot de passe oublié ? » :\n\n${signIn}\n\nSi ce n’était pas vous, ignorez ce message : rien n’a changé.\n`,
  },
  es: {
    subject: 'Termina de crear tu cuenta de Parley',
    link: (name, link) =>
      `Hola, ${name}:\n\nAbre este enlace antes de 24 horas para terminar de crear tu cuenta de Parley:\n\n${link}\n\nSi no pediste una cuenta, ignora este correo: no se crea nada.\n`,
    exists: (name, signIn) =>
      `Hola, ${name}:\n\nAlguien (esperamos que tú) intentó crear una cuenta de Parley con esta dirección, pero ya tiene una. Entra aquí; si olvidaste tu contraseña, elige «¿Olvidaste tu contraseña?»:\n\n${signIn}\n\nSi no fuiste tú, ignora este correo: nada ha cambiado.\n`,
  },
  ru: {
    subject: 'Завершите создание учётной записи Parley',
    link: (name, link) =>
      `Здравствуйте, ${name}!\n\nОткройте эту ссылку в течение 24 часов, чтобы завершить создание учётной записи Parley:\n\n${link}\n\nЕсли вы не создавали учётную запись, просто проигнорируйте письмо: ничего не будет создано.\n`,
    exists: (name, signIn) =>
      `Здравствуйте, ${name}!\n\nКто-то (надеемся, вы) попытался создать учётную запись Parley с этим адресом, но она у него уже есть. Войдите здесь; если вы забыли пароль, выберите «Забыли пароль?»:\n\n${signIn}\n\nЕсли это были не вы, проигнорируйте письмо: ничего не изменилось.\n`,
  },
  ar: {
    subject: 'أكمل إنشاء حسابك في Parley',
    link: (name, link) =>
      `مرحبًا ${name}،\n\nافتح هذا الرابط خلال 24 ساعة لإكمال إنشاء حسابك في Parley:\n\n${link}\n\nإذا لم تطلب حسابًا فتجاهل هذه الرسالة: لن يُنشأ شيء.\n`,
    exists: (name, signIn) =>
      `مرحبًا ${name}،\n\nحاول أحدهم (نأمل أن تكون أنت) إنشاء حساب في Parley بهذا العنوان، لكن له حسابًا بالفعل. سجّل الدخول من هنا؛ وإن نسيت كلمة مرورك فاختر «هل نسيت كلمة المرور؟»:\n\n${signIn}\n\nإذا لم تكن أنت فتجاهل هذه الرسالة: لم يتغير شيء.\n`,
  },
};

const textsFor = (lang: string) => (TEXTS[lang] ? lang : 'en');

export function signUpLinkMail(to: { email: string; displayName: string; lang: string }, link: string): Mail {
  const lang = textsFor(to.lang);
  const texts = TEXTS[lang]!;
  return { to: to.email, subject: texts.subject, text: texts.link(to.displayName, link), lang };
}

export function accountExistsMail(
  to: { email: string; displayName: string; lang: string },
  signIn: string,
): Mail {
  const lang = textsFor(to.lang);
  const texts = TEXTS[lang]!;
  return { to: to.email, subject: texts.subject, text: texts.exists(to.displayName, signIn), lang };
}
