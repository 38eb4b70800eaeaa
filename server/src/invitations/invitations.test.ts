import type { InvitationView, Me, Post, Space } from '@parley/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReceivedMail } from '../testing/read-mail';
import { startSmtpInbox } from '../testing/smtp-inbox';
import {
  makeSpace,
  makeUser,
  newPost,
  pullAll,
  push,
  TEST_PASSWORD,
  type TestSpace,
  type TestUser,
} from '../testing/fixtures';
import { startTestApp, type TestApp } from '../testing/test-app';

let inbox: Awaited<ReturnType<typeof startSmtpInbox>>;
let app: TestApp;
let space: TestSpace;
let organiser: TestUser;
let author: TestUser;

beforeAll(async () => {
  inbox = await startSmtpInbox();
  app = await startTestApp({
    smtpUrl: inbox.url,
    mailFrom: 'Parley <parley@example.org>',
    publicUrl: 'https://parley.example.org',
  });
  space = await makeSpace(app);
  organiser = await makeUser(app, { role: 'admin', name: 'Olga Organiser' });
  author = await makeUser(app);
});
afterAll(async () => {
  await app?.close();
  await inbox?.close();
});

let n = 0;
const address = () => `invitee-${Date.now()}-${n++}@example.org`;

/** The token of the invitation link in a mail. */
function tokenOf(mail: ReceivedMail): string {
  const m = /https:\/\/parley\.example\.org\/invitation#token=([\w-]+)/.exec(mail.text);
  if (!m?.[1]) throw new Error(`no invitation link in:\n${mail.text}`);
  return m[1];
}

async function inviteAndRead(body: Record<string, unknown>): Promise<{ token: string; mail: ReceivedMail }> {
  const email = body.email as string;
  const res = await organiser.client.post('/api/invitations', body);
  expect(res.status).toBe(201);
  const [mail] = await inbox.waitFor(email, 1);
  return { token: tokenOf(mail!), mail: mail! };
}

describe('inviting a question moderator by e-mail', () => {
  it('mails a 7-day link; opening it creates the account, signs in, and the person moderates that question only', async () => {
    const email = address();
    const { token, mail } = await inviteAndRead({
      email,
      role: 'moderator',
      space: space.slug,
      questionId: space.questionId,
      lang: 'fr',
    });
    expect(mail.subject).toBe('Olga Organiser vous invite sur Parley');
    expect(mail.contentLanguage).toBe('fr');
    expect(mail.text).toContain('modérateur de la question « Q » dans « A space »');
    // Nothing of the token is kept in clear.
    const stored = await app.db.query<{ token_hash: string; expires_at: Date }>(
      'SELECT token_hash, expires_at FROM invitations WHERE email = $1',
      [email],
    );
    expect(stored[0]!.token_hash).not.toContain(token);
    const days = (new Date(stored[0]!.expires_at).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);

    const device = app.client();
    const view = await device.post<InvitationView>('/api/invitations/inspect', { token });
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({
      email,
      role: 'moderator',
      space: { slug: space.slug },
      question: { id: space.questionId },
      invitedBy: 'Olga Organiser',
      accountExists: false,
    });

    const accepted = await device.post<Me>('/api/invitations/accept', {
      token,
      displayName: 'Nadia New',
      password: TEST_PASSWORD,
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({
      email,
      role: 'moderator',
      displayName: 'Nadia New',
      moderatorOf: [],
      moderatorOfQuestions: [space.questionId],
    });
    // Signed in: the new moderator pulls the pending post of their question.
    device.viewerId = accepted.body.id;
    const post = newPost(space);
    await push(author.client, 'posts', [post]);
    const seen = (await pullAll(device, 'posts')).get(post.id) as unknown as Post;
    expect(seen).toMatchObject({ status: 'pending', body: post.body });
    // The space's moderator list names them for that question.
    const doc = (await pullAll(device, 'spaces')).get(space.spaceId) as unknown as Space;
    expect(doc.moderators).toContainEqual({
      userId: accepted.body.id,
      displayName: 'Nadia New',
      level: 'question',
      questionIds: [space.questionId],
    });

    // Single use: the same link again says it was used, in the page and on accepting.
    const again = await app.client().post('/api/invitations/inspect', { token });
    expect(again.status).toBe(410);
    expect(again.body).toMatchObject({ error: { code: 'invitation_used' } });
    const twice = await app.client().post('/api/invitations/accept', {
      token,
      displayName: 'Someone Else',
      password: TEST_PASSWORD,
    });
    expect(twice.status).toBe(410);
  });

  it('an expired link says so and creates nothing', async () => {
    const email = address();
    const { token } = await inviteAndRead({ email, role: 'admin', lang: 'en' });
    await app.db.query(`UPDATE invitations SET expires_at = now() - interval '1 second' WHERE email = $1`, [
      email,
    ]);
    const view = await app.client().post('/api/invitations/inspect', { token });
    expect(view.status).toBe(410);
    expect(view.body).toMatchObject({ error: { code: 'invitation_expired' } });
    const res = await app
      .client()
      .post('/api/invitations/accept', { token, displayName: 'Late', password: TEST_PASSWORD });
    expect(res.status).toBe(410);
    const login = await app.client().post('/api/auth/login', { email, password: TEST_PASSWORD });
    expect(login.status).toBe(401);
  });

  it('an unknown token is refused as invalid', async () => {
    const res = await app.client().post('/api/invitations/inspect', { token: 'x'.repeat(43) });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 'invalid_token' } });
  });

  it('an address with an account signs in as it and accepts: the role is added, nothing else changes', async () => {
    const member = await makeUser(app, { name: 'Paula Participant' });
    const { token, mail } = await inviteAndRead({
      email: member.email,
      role: 'moderator',
      space: space.slug,
      lang: 'es',
    });
    expect(mail.subject).toBe('Olga Organiser le invita a Parley');
    // The organiser's answer was the same as for a new address; only the link tells its holder.
    const view = await app.client().post<InvitationView>('/api/invitations/inspect', { token });
    expect(view.body.accountExists).toBe(true);
    // Signed out, or as someone else: refused, and the link still works afterwards.
    const anonymous = await app.client().post('/api/invitations/accept', { token });
    expect(anonymous.status).toBe(401);
    const wrong = await author.client.post('/api/invitations/accept', { token });
    expect(wrong.status).toBe(403);
    expect(wrong.body).toMatchObject({ error: { code: 'wrong_account' } });
    // No new account is made over an existing one, whatever is sent.
    const takeover = await app.client().post('/api/invitations/accept', {
      token,
      displayName: 'Mallory',
      password: 'another password',
    });
    expect(takeover.status).toBe(401);

    const accepted = await member.client.post<Me>('/api/invitations/accept', { token });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({
      id: member.id,
      displayName: 'Paula Participant',
      role: 'moderator',
      moderatorOf: [space.spaceId],
    });
    expect(
      (await app.client().post('/api/auth/login', { email: member.email, password: TEST_PASSWORD })).status,
    ).toBe(200);
  });

  it('an organiser invitation makes an organiser', async () => {
    const email = address();
    const { token } = await inviteAndRead({ email, role: 'admin', lang: 'ar' });
    const accepted = await app.client().post<Me>('/api/invitations/accept', {
      token,
      displayName: 'Omar Organiser',
      password: TEST_PASSWORD,
    });
    expect(accepted.body).toMatchObject({ role: 'admin', globalModerator: true });
  });
});

describe('who may invite, and what', () => {
  it('only organisers invite; a moderator or participant is refused', async () => {
    const moderator = await makeUser(app, { moderates: [space.spaceId] });
    const body = { email: address(), role: 'moderator', space: space.slug, lang: 'en' };
    expect((await moderator.client.post('/api/invitations', body)).status).toBe(403);
    expect((await author.client.post('/api/invitations', body)).status).toBe(403);
    expect((await app.client().post('/api/invitations', body)).status).toBe(401);
  });

  it('refuses a moderator without a space, an organiser with one, an unknown space or question', async () => {
    const email = address();
    const post = (body: object) => organiser.client.post('/api/invitations', { email, lang: 'en', ...body });
    expect((await post({ role: 'moderator' })).status).toBe(400);
    expect((await post({ role: 'admin', space: space.slug })).status).toBe(400);
    expect((await post({ role: 'moderator', space: 'no-such-space' })).status).toBe(404);
    const other = await makeSpace(app);
    expect((await post({ role: 'moderator', space: space.slug, questionId: other.questionId })).status).toBe(
      404,
    );
    expect((await post({ role: 'moderator', space: space.slug, email: 'not an address' })).status).toBe(400);
  });

  it('limits invitations to one address: the fourth within the hour is refused', async () => {
    const email = address();
    const body = { email, role: 'moderator', space: space.slug, lang: 'en' };
    for (let i = 0; i < 3; i++)
      expect((await organiser.client.post('/api/invitations', body)).status).toBe(201);
    const res = await organiser.client.post('/api/invitations', body);
    expect(res.status).toBe(429);
    expect(res.body).toMatchObject({ error: { code: 'rate_limited' } });
  });
});
