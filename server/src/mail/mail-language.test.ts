import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailsTo, signUp, signUpTokenIn } from '../testing/mailbox';
import { startTestApp, type TestApp } from '../testing/test-app';

/** E-mails are written in the reader's language from server/src/i18n, read as they arrive. */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ signupConfirmation: 'email', publicUrl: 'https://parley.example.org' });
});
afterAll(() => app.close());

let n = 0;
const address = () => `lang${++n}-${Date.now()}@example.org`;
const PASSWORD = 'a long enough password';

describe('e-mails in the reader’s language', () => {
  it('a person who signs up in French gets the link, and later the reset link, in French', async () => {
    const email = address();
    const res = await signUp(app, app.client(), {
      email,
      password: PASSWORD,
      displayName: 'Amélie',
      lang: 'fr',
    });
    expect(res.status).toBe(201);
    const [link] = await mailsTo(app, email);
    expect(link!.contentLanguage).toBe('fr');
    expect(link!.subject).toBe('Terminez la création de votre compte Parley');
    expect(link!.text).toContain('Bonjour Amélie,');
    expect(link!.text).toContain(
      'Ouvrez ce lien dans les 24 heures pour terminer la création de votre compte Parley :',
    );
    expect(signUpTokenIn(link!)).not.toBeNull();

    expect((await app.client().post('/api/auth/password-reset', { email })).status).toBe(202);
    const reset = (await mailsTo(app, email, 2))[1]!;
    expect(reset.contentLanguage).toBe('fr');
    expect(reset.subject).toBe('Choisissez un nouveau mot de passe Parley');
    expect(reset.text).toContain('Bonjour Amélie,');
    expect(reset.text).toContain('Ouvrez ce lien dans l’heure pour en choisir un nouveau :');
    expect(reset.text).toMatch(/https:\/\/parley\.example\.org\/reset-password#token=[\w-]+/);
    expect(reset.text).not.toMatch(/Hello|Someone/);
  });

  it('the note to an address that already has an account follows the account’s language, not the form’s', async () => {
    const email = address();
    await signUp(app, app.client(), { email, password: PASSWORD, displayName: 'Olga', lang: 'ru' });
    await app
      .client()
      .post('/api/auth/register', { email, password: PASSWORD, displayName: 'X', lang: 'es' });
    const note = (await mailsTo(app, email, 2))[1]!;
    expect(note.contentLanguage).toBe('ru');
    expect(note.subject).toBe('Завершите создание учётной записи Parley');
    expect(note.text).toContain('Здравствуйте, Olga!');
    expect(note.text).toContain('https://parley.example.org/signin');
    expect(signUpTokenIn(note)).toBeNull();
  });

  it('a regional code gets its language; a language without words gets English', async () => {
    const mexico = address();
    await app
      .client()
      .post('/api/auth/register', { email: mexico, password: PASSWORD, displayName: 'Luz', lang: 'es-MX' });
    const [spanish] = await mailsTo(app, mexico);
    expect(spanish!.contentLanguage).toBe('es');
    expect(spanish!.subject).toBe('Termina de crear tu cuenta de Parley');
    expect(spanish!.text).toContain('Hola, Luz:');

    const berlin = address();
    await app
      .client()
      .post('/api/auth/register', { email: berlin, password: PASSWORD, displayName: 'Jan', lang: 'de' });
    const [english] = await mailsTo(app, berlin);
    expect(english!.contentLanguage).toBe('en');
    expect(english!.subject).toBe('Finish creating your Parley account');
    expect(english!.text).toContain('Hello Jan,');
  });
});
