import type { Mail } from '../mail/mailer';

interface Texts {
  subject: string;
  body: (name: string, link: string) => string;
}

/** The reset e-mail in each UI language; any other language gets English. */
const TEXTS: Record<string, Texts> = {
  en: {
    subject: 'Choose a new Parley password',
    body: (name, link) =>
      `Hello ${name},\n\nSomeone (we hope you) asked to reset your Parley password. Open this link within an hour to choose a new one:\n\n${link}\n\nIf you did not ask, ignore this e-mail: your password stays as it is.\n`,
  },
  fr: {
    subject: 'Choisissez un nouveau mot de passe Parley',
    body: (name, link) =>
      `Bonjour ${name},\n\nQuelqu’un (vous, nous l’espérons) a demandé à réinitialiser votre mot de passe Parley. Ouvrez ce lien dans l’heure pour en choisir un nouveau :\n\n${link}\n\nSi ce n’était pas vous, ignorez ce message : votre mot de passe reste inchangé.\n`,
  },
  es: {
    subject: 'Elige una nueva contraseña de Parley',
    body: (name, link) =>
      `Hola, ${name}:\n\nAlguien (esperamos que tú) ha pedido restablecer tu contraseña de Parley. Abre este enlace antes de una hora para elegir una nueva:\n\n${link}\n\nSi no lo pediste, ignora este correo: tu contraseña no cambia.\n`,
  },
  ru: {
    subject: 'Новый пароль для Parley',
    body: (name, link) =>
      `Здравствуйте, ${name}!\n\nКто-то (надеемся, вы) попросил сбросить ваш пароль в Parley. Откройте эту ссылку в течение часа, чтобы выбрать новый:\n\n${link}\n\nЕсли вы этого не просили, просто проигнорируйте письмо: пароль останется прежним.\n`,
  },
  ar: {
    subject: 'اختر كلمة مرور جديدة لـ Parley',
    body: (name, link) =>
      `مرحبًا ${name}،\n\nطلب أحدهم (نأمل أن تكون أنت) إعادة تعيين كلمة مرورك في Parley. افتح هذا الرابط خلال ساعة لاختيار كلمة مرور جديدة:\n\n${link}\n\nإذا لم تطلب ذلك فتجاهل هذه الرسالة: تبقى كلمة مرورك كما هي.\n`,
  },
};

export function resetMail(user: { email: string; displayName: string; lang: string }, link: string): Mail {
  const lang = TEXTS[user.lang] ? user.lang : 'en';
  const texts = TEXTS[lang]!;
  return { to: user.email, subject: texts.subject, text: texts.body(user.displayName, link), lang };
}
