import type { Me, Post } from '@parley/shared';
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

beforeAll(async () => {
  smtp = await startSmtpInbox();
  app = await startTestApp({
    smtpUrl: smtp.url,
    mailFrom: 'Parley <parley@example.org>',
    publicUrl: 'https://parley.example.org',
  });
  space = await makeSpace(app, { languages: ['en', 'fr'] });
  await app.db.query(`UPDATE spaces SET title = $2 WHERE id = $1`, [
    space.spaceId,
    JSON.stringify({ en: 'Water for all', fr: 'De l’eau pour tous' }),
  ]);
  moderator = await makeUser(app, { name: 'Rita Regional', moderates: [space.spaceId] });
});
afterAll(async () => {
  await app?.close();
  await smtp?.close();
});

const patchMe = <T = unknown>(user: TestUser, body: object) =>
  user.client.request<T>('PATCH', '/api/auth/me', { json: body });

/** A person who asked for reply e-mails, with a published post to reply to. */
async function authorWithPost(lang: string, name: string): Promise<{ author: TestUser; post: Post }> {
  const author = await makeUser(app, { name });
  const res = await patchMe<Me>(author, { lang, notifyRepliesByEmail: true });
  expect(res.body).toMatchObject({ notifyRepliesByEmail: true, notifyByEmail: false });
  const post = newPost(space);
  await push(author.client, 'posts', [post]);
  await push(moderator.client, 'moderation', [decision(post, 'approve', 'pending')]);
  return { author, post };
}

async function reply(by: TestUser, to: Post, overrides: Partial<Post> = {}): Promise<Post> {
  const post = newPost(space, { parentId: to.id, ...overrides });
  expect((await push(by.client, 'posts', [post])).body).toEqual([]);
  return post;
}

const approve = (post: Post) => push(moderator.client, 'moderation', [decision(post, 'approve', 'pending')]);
const threadLink = () => `https://parley.example.org/s/${space.slug}/q/${space.questionId}`;

describe('reply e-mails to people who asked for them', () => {
  it('is off by default; the account route turns it on and off', async () => {
    const user = await makeUser(app);
    expect((await user.client.get<Me>('/api/auth/me')).body.notifyRepliesByEmail).toBe(false);
    expect((await patchMe<Me>(user, { notifyRepliesByEmail: true })).body.notifyRepliesByEmail).toBe(true);
    expect((await patchMe<Me>(user, { notifyRepliesByEmail: false })).body.notifyRepliesByEmail).toBe(false);
    expect((await patchMe(user, { notifyRepliesByEmail: 'yes' })).status).toBe(400);
  });

  it('one e-mail when a reply is approved, in the recipient’s language, naming the replier and their organisation', async () => {
    const { author, post } = await authorWithPost('fr', 'Amélie');
    const ben = await makeUser(app, { name: 'Ben' });
    await patchMe(ben, { organisation: 'Coop Vélo' });
    const answer = await reply(ben, post, { body: 'Je suis d’accord.\nEt vous ?' });
    // Pending: nothing yet.
    expect(smtp.mailsTo(author.email)).toEqual([]);
    await approve(answer);
    await approve(answer); // a retry of another decision id changes nothing: superseded

    const [mail] = await smtp.waitFor(author.email, 1);
    expect(mail?.subject).toBe('Ben · Coop Vélo vous a répondu');
    expect(mail?.contentLanguage).toBe('fr');
    expect(mail?.text).toContain('Bonjour Amélie,');
    expect(mail?.text).toContain('Ben · Coop Vélo a répondu à votre message dans « De l’eau pour tous » :');
    expect(mail?.text).toContain('> Je suis d’accord.\n> Et vous ?');
    expect(mail?.text).toContain(threadLink());
  });

  it('never names an anonymous replier', async () => {
    const { author, post } = await authorWithPost('en', 'Ana');
    const secret = await makeUser(app, { name: 'Secret Sam' });
    await patchMe(secret, { organisation: 'Hidden Org' });
    await approve(await reply(secret, post, { anonymous: true }));
    const [mail] = await smtp.waitFor(author.email, 1);
    expect(mail?.subject).toBe('Someone posting anonymously replied to you');
    expect(mail?.raw).not.toContain('Sam');
    expect(mail?.raw).not.toContain('Hidden Org');
  });

  it('none for one’s own reply, none when off, none again after an edit is approved; a moderator’s reply is told at once', async () => {
    const { author, post } = await authorWithPost('en', 'Olga');
    await approve(await reply(author, post, { body: 'Answering myself' }));

    const quiet = await makeUser(app, { name: 'Quiet' });
    const quietPost = newPost(space);
    await push(quiet.client, 'posts', [quietPost]);
    await approve(quietPost);
    await approve(await reply(moderator, quietPost));

    // A reply approved, edited (back to the queue), approved again: one e-mail.
    const ben = await makeUser(app, { name: 'Ben' });
    const answer = await reply(ben, post, { body: 'First version' });
    await approve(answer);
    const edited = { ...answer, body: 'Second version' };
    const [stored] = await app.db.query<{ updated_at: Date }>('SELECT updated_at FROM posts WHERE id = $1', [
      answer.id,
    ]);
    await push(ben.client, 'posts', [edited], { ...answer, updatedAt: stored?.updated_at.toISOString() });
    await push(moderator.client, 'moderation', [decision(answer, 'approve', 'pending')]);
    const [now] = await app.db.query<{ body: string; status: string }>(
      'SELECT body, status FROM posts WHERE id = $1',
      [answer.id],
    );
    expect(now).toEqual({ body: 'Second version', status: 'approved' });

    // A moderator's reply is published at once, and told at once.
    await reply(moderator, post, { body: 'From the moderator' });
    const mails = await smtp.waitFor(author.email, 2);
    expect(mails.map((m) => m.subject)).toEqual(['Ben replied to you', 'Rita Regional replied to you']);
    expect(mails[0]?.text).toContain('> First version');
    expect(mails.some((m) => m.text.includes('Answering myself'))).toBe(false);
    expect(smtp.mailsTo(quiet.email)).toEqual([]);
  });
});
