import type { Me, Post } from '@parley/shared';
import { createMailer } from '../mail/mailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  decision,
  makeSpace,
  makeUser,
  newPost,
  push,
  type TestSpace,
  type TestUser,
} from '../testing/fixtures';
import { startSmtpInbox } from '../testing/smtp-inbox';
import { startTestApp, type TestApp } from '../testing/test-app';

let smtp: Awaited<ReturnType<typeof startSmtpInbox>>;
let app: TestApp;
let space: TestSpace;
let moderator: TestUser;
let other: TestUser;

const TEMPLATES = [{ id: 'off-topic', text: { en: 'Off topic.', fr: 'Hors sujet.' } }];

beforeAll(async () => {
  smtp = await startSmtpInbox();
  app = await startTestApp({
    smtpUrl: smtp.url,
    mailFrom: 'Parley <parley@example.org>',
    publicUrl: 'https://parley.example.org',
  });
  space = await makeSpace(app, { reasonTemplates: TEMPLATES, languages: ['en', 'fr'] });
  await app.db.query(`UPDATE spaces SET title = $2 WHERE id = $1`, [
    space.spaceId,
    JSON.stringify({ en: 'Water for all', fr: 'De l’eau pour tous' }),
  ]);
  moderator = await makeUser(app, { name: 'Rita Regional', moderates: [space.spaceId] });
  other = await makeUser(app, { name: 'Gus Global', moderates: 'global' });
});
afterAll(async () => {
  await app?.close();
  await smtp?.close();
});

const patchMe = <T = unknown>(user: TestUser, body: object) =>
  user.client.request<T>('PATCH', '/api/auth/me', { json: body });

/** An author who asked for decision e-mails (through the account route), in `lang`. */
async function subscribedAuthor(lang: string, name = 'Ana Author'): Promise<TestUser> {
  const author = await makeUser(app, { name });
  const res = await patchMe<Me>(author, { lang, notifyByEmail: true });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ lang, notifyByEmail: true });
  return author;
}

async function pendingPost(by: TestUser, overrides: Partial<Post> = {}): Promise<Post> {
  const post = newPost(space, overrides);
  expect((await push(by.client, 'posts', [post])).status).toBe(200);
  return post;
}

const threadLink = () => `https://parley.example.org/s/${space.slug}/q/${space.questionId}`;

describe('decision e-mails to authors who asked for them', () => {
  it('is off by default and the account route turns it on and off', async () => {
    const user = await makeUser(app);
    expect((await user.client.get<Me>('/api/auth/me')).body.notifyByEmail).toBe(false);
    const on = await patchMe<Me>(user, { notifyByEmail: true });
    expect(on.body).toMatchObject({ notifyByEmail: true, lang: 'en' });
    expect((await user.client.get<Me>('/api/auth/me')).body.notifyByEmail).toBe(true);
    await patchMe(user, { notifyByEmail: false });
    expect((await user.client.get<Me>('/api/auth/me')).body.notifyByEmail).toBe(false);
    const bad = await patchMe(user, { notifyByEmail: 'yes' });
    expect(bad.status).toBe(400);
    expect((await patchMe(user, {})).status).toBe(400);
  });

  it('a rejection reaches the author once, in their language, with the template reason and the thread link', async () => {
    const author = await subscribedAuthor('fr', 'Amélie');
    const post = await pendingPost(author, { anonymous: true });
    const reject = { ...decision(post, 'reject', 'pending'), reasonTemplateId: 'off-topic' };
    expect((await push(moderator.client, 'moderation', [reject])).status).toBe(200);

    const [mail] = await smtp.waitFor(author.email, 1);
    expect(mail?.subject).toBe('Votre message n’a pas été publié');
    expect(mail?.contentLanguage).toBe('fr');
    expect(mail?.raw).toMatch(/^From: Parley <parley@example\.org>/m);
    expect(mail?.text).toContain('Bonjour Amélie,');
    expect(mail?.text).toContain('Un modérateur n’a pas publié votre message dans « De l’eau pour tous ».');
    // The template's French text, though the decision stored the space's first language (English).
    expect(mail?.text).toContain('Motif : Hors sujet.');
    expect(mail?.text).toContain(threadLink());
    // Not the moderator's name: the author learns what was decided, not by whom.
    expect(mail?.text).not.toContain('Rita');
  });

  it('approve, hide and restore each send one e-mail; superseded and repeated pushes send none', async () => {
    const author = await subscribedAuthor('en');
    const post = await pendingPost(author);
    const approve = decision(post, 'approve', 'pending');
    // The same decision pushed three times (a retry, then two in parallel): one e-mail.
    await push(moderator.client, 'moderation', [approve]);
    await Promise.all([
      push(moderator.client, 'moderation', [approve]),
      push(moderator.client, 'moderation', [approve]),
    ]);
    // A second moderator who also saw it pending is superseded: the post and the author's inbox stay.
    const late = decision(post, 'reject', 'pending', 'Too late');
    await push(other.client, 'moderation', [late]);
    await push(moderator.client, 'moderation', [decision(post, 'hide', 'approved', 'Names a neighbour.')]);
    await push(moderator.client, 'moderation', [decision(post, 'restore', 'hidden')]);

    const mails = await smtp.waitFor(author.email, 3);
    // Each e-mail left after its own decision committed, in order; any extra would come before the last.
    expect(mails.map((m) => m.subject)).toEqual([
      'Your post is published',
      'Your post was hidden',
      'Your post is visible again',
    ]);
    expect(mails[0]?.text).toContain('A moderator approved your post in “Water for all”');
    expect(mails[1]?.text).toContain('Reason: Names a neighbour.');
    expect(mails[2]?.text).not.toContain('Reason:');
    expect(mails.every((m) => m.text.includes(threadLink()))).toBe(true);
    expect(mails.some((m) => m.text.includes('Too late'))).toBe(false);
  });

  it('sends nothing to an author who did not ask, and moderation goes on as usual', async () => {
    const quiet = await makeUser(app);
    const post = await pendingPost(quiet);
    const res = await push(moderator.client, 'moderation', [decision(post, 'approve', 'pending')]);
    expect(res.status).toBe(200);
    // A later decision for a subscribed author arrives; the quiet author's would have left first.
    const author = await subscribedAuthor('en');
    const marker = await pendingPost(author);
    await push(moderator.client, 'moderation', [decision(marker, 'approve', 'pending')]);
    await smtp.waitFor(author.email, 1);
    expect(smtp.mailsTo(quiet.email)).toEqual([]);
  });

  it('a mail server that is down does not fail or hold up the decision', async () => {
    const working = app.ctx.mailer;
    // A real transport to a loopback port where nothing listens: the connection is refused.
    app.ctx.mailer = createMailer({
      smtpUrl: 'smtp://127.0.0.1:1',
      mailFrom: 'x@y.z',
      dataDir: '/nonexistent',
    });
    try {
      const author = await subscribedAuthor('en');
      const post = await pendingPost(author);
      const res = await push(moderator.client, 'moderation', [decision(post, 'approve', 'pending')]);
      expect(res.status).toBe(200);
      const [row] = await app.db.query<{ status: string }>('SELECT status FROM posts WHERE id = $1', [
        post.id,
      ]);
      expect(row?.status).toBe('approved');
    } finally {
      app.ctx.mailer = working;
    }
  });

  it('writes Cyrillic and Arabic e-mails the author can read, falling back to the space’s first language for its title', async () => {
    const ru = await subscribedAuthor('ru', 'Иван');
    const ar = await subscribedAuthor('ar', 'ليلى');
    const [p1, p2] = [await pendingPost(ru), await pendingPost(ar)];
    await push(moderator.client, 'moderation', [
      decision(p1, 'approve', 'pending'),
      decision(p2, 'reject', 'pending', 'Please stay on the question.'),
    ]);
    const [toRu] = await smtp.waitFor(ru.email, 1);
    const [toAr] = await smtp.waitFor(ar.email, 1);
    expect(toRu?.subject).toBe('Ваше сообщение опубликовано');
    expect(toRu?.text).toContain('Здравствуйте, Иван!');
    expect(toRu?.text).toContain('Модератор одобрил ваше сообщение в «Water for all»');
    expect(toAr?.subject).toBe('لم تُنشر مشاركتك');
    expect(toAr?.contentLanguage).toBe('ar');
    // A free-text reason is passed on as the moderator wrote it.
    expect(toAr?.text).toContain('السبب: Please stay on the question.');
  });
});
