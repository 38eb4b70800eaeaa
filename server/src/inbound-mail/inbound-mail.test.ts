import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTransport, type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uploadStorageFor } from '../attachments/storage/storage-for-config';
import {
  decision,
  makeSpace,
  makeUser,
  newPost,
  pullAll,
  push,
  type TestSpace,
  type TestUser,
} from '../testing/fixtures';
import { startTestApp, type TestApp } from '../testing/test-app';
import { startInboundSmtp, type InboundSmtp } from './smtp-listener';

const MAX = 64 * 1024;
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

let app: TestApp;
let dir: string;
let smtp: InboundSmtp;
let mailer: Transporter<SMTPTransport.SentMessageInfo>;
let space: TestSpace;
let moderator: TestUser;
let participant: TestUser;
const contact = () => `consult-${space.slug}@example.org`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parley-inbound-'));
  app = await startTestApp({ uploadsDir: dir, maxUploadBytes: MAX, inboundMailDomain: 'mail.parley.test' });
  space = await makeSpace(app, { languages: ['en', 'ar'] });
  await app.db.query('UPDATE spaces SET contact_email = $2 WHERE id = $1', [space.spaceId, contact()]);
  // Question 1 is open; question 2's phase closed yesterday.
  await app.db.query('UPDATE questions SET position = 1 WHERE id = $1', [space.closedQuestionId]);
  moderator = await makeUser(app, { moderates: [space.spaceId] });
  participant = await makeUser(app);
  smtp = await startInboundSmtp(app.ctx, uploadStorageFor(app.ctx.config), { port: 0, host: '127.0.0.1' });
  // A real SMTP client, as a relay or a person's mail program would speak to the listener.
  mailer = createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true });
});
afterAll(async () => {
  mailer.close();
  await smtp.close();
  await app.close();
  await rm(dir, { recursive: true, force: true });
});

type Doc = Record<string, unknown> & { id: string; _deleted: boolean; body: string };
const postsOf = async (client: TestUser['client']) => [...(await pullAll(client, 'posts')).values()] as Doc[];
const byText = (docs: Doc[], text: string) => docs.filter((d) => d.body.includes(text));

describe('comments by e-mail', () => {
  it('puts a mail with a file into the moderators’ queue as a pending post on behalf of its sender', async () => {
    const text = `We run the night shelter and need interpreters (${Date.now()}).`;
    const info = await mailer.sendMail({
      from: '"Maria Souza" <maria.souza@example.net>',
      to: contact(),
      subject: 'Interpreters',
      text,
      attachments: [
        { filename: 'photo.png', content: PNG },
        { filename: 'tool.exe', content: Buffer.from('MZ\x90\x00\x03\x00\x00\x00binary\x00\x01') },
      ],
    });
    expect(info.accepted).toEqual([contact()]);

    const [post] = byText(await postsOf(moderator.client), text);
    expect(post).toMatchObject({
      status: 'pending',
      questionId: space.questionId,
      parentId: null,
      onBehalfOf: 'Maria Souza',
      authorName: 'E-mail',
      anonymous: false,
      lang: 'en',
      moderationReason: null,
    });
    // The sender's address and the file left out are for the moderators: in the post's mail note.
    expect(post!.mailNote).toEqual({
      from: 'maria.souza@example.net',
      subject: 'Interpreters',
      dropped: [{ name: 'tool.exe', why: 'type' }],
    });
    const attachments = post!.attachments as { id: string; name: string; mime: string; size: number }[];
    expect(attachments).toEqual([
      { id: expect.any(String) as string, name: 'photo.png', mime: 'image/png', size: PNG.length },
    ]);
    const file = await moderator.client.get(`/api/attachments/${attachments[0]!.id}`);
    expect(file.status).toBe(200);

    // Nobody else sees any of it: not a visitor, not another participant.
    expect(byText(await postsOf(app.client()), text).every((d) => d._deleted && d.body === '')).toBe(true);
    expect(byText(await postsOf(participant.client), text)).toEqual([]);
    expect((await app.client().get(`/api/attachments/${attachments[0]!.id}`)).status).toBe(404);

    // Approved by a moderator, it is public, still without the sender's address.
    await push(moderator.client, 'moderation', [decision(post!, 'approve', 'pending')]);
    const [published] = byText(await postsOf(app.client()), text);
    expect(published).toMatchObject({
      status: 'approved',
      onBehalfOf: 'Maria Souza',
      moderationReason: null,
      mailNote: null,
    });
    expect(JSON.stringify(published)).not.toContain('maria.souza@example.net');
    expect(JSON.stringify(byText(await postsOf(participant.client), text))).not.toContain('maria.souza');
    // Its moderators still know where it came from, for their records.
    const [kept] = byText(await postsOf(moderator.client), text);
    expect(kept!.mailNote).toMatchObject({ from: 'maria.souza@example.net' });
  });

  it('never takes a mail note from a phone: only the mail intake writes one', async () => {
    const forged = newPost(space, {
      body: `Pretending to come by e-mail (${Date.now()})`,
      mailNote: { from: 'minister@example.gov', subject: 'Official', dropped: [] },
    });
    await push(participant.client, 'posts', [forged]);
    const [stored] = byText(await postsOf(moderator.client), forged.body);
    expect(stored).toMatchObject({ status: 'pending', mailNote: null });
  });

  it('lands a re-delivered message once (same Message-ID)', async () => {
    const text = `Delivered twice by a retrying relay (${Date.now()}).`;
    const message = {
      from: 'Ahmed <ahmed@example.net>',
      to: `${space.slug}@mail.parley.test`,
      subject: 'Twice',
      text,
      messageId: `<twice-${Date.now()}@example.net>`,
    };
    await mailer.sendMail(message);
    await mailer.sendMail(message);
    expect(byText(await postsOf(moderator.client), text)).toHaveLength(1);
  });

  it('makes a reply of a mail to a post’s reply address, and picks a question by number', async () => {
    const parent = newPost(space, { body: `A published comment ${Date.now()}` });
    await push(participant.client, 'posts', [parent]);
    await push(moderator.client, 'moderation', [decision(parent, 'approve', 'pending')]);

    const [local, domain] = contact().split('@');
    const reply = `مرحبا، أوافق على هذا الاقتراح (${Date.now()})`;
    await mailer.sendMail({
      from: 'Layla <layla@example.net>',
      to: `${local}+reply-${parent.id}@${domain}`,
      subject: 'Re: your comment',
      text: `${reply}\n\nOn Monday, someone wrote:\n> A published comment\n> quoted\n`,
    });
    const [stored] = byText(await postsOf(moderator.client), reply);
    expect(stored).toMatchObject({
      parentId: parent.id,
      questionId: space.questionId,
      status: 'pending',
      lang: 'ar',
    });
    expect(stored!.body).toBe(reply);

    const numbered = `To question one by number (${Date.now()})`;
    await mailer.sendMail({ from: 'x@example.net', to: `${local}+q1@${domain}`, text: numbered });
    expect(byText(await postsOf(moderator.client), numbered)[0]).toMatchObject({
      questionId: space.questionId,
      parentId: null,
      onBehalfOf: 'Someone who wrote by e-mail',
    });
  });

  it('refuses unknown recipients at RCPT time with 550, and oversized messages, storing nothing', async () => {
    const [local, domain] = contact().split('@');
    for (const to of [
      `nobody@${domain}`,
      `${local}+q99@${domain}`,
      `${local}+reply-0190a000-0000-7000-8000-000000000000@${domain}`,
      `no-such-space@mail.parley.test`,
    ]) {
      const err = (await mailer
        .sendMail({ from: 'a@example.net', to, text: 'x' })
        .catch((e: unknown) => e)) as {
        responseCode?: number;
        response?: string;
        command?: string;
      };
      expect(err.responseCode, to).toBe(550);
      expect(err.command).toBe('RCPT TO');
      expect(err.response).toMatch(/no such Parley address/);
    }

    // Over the SIZE the listener announces (room for one largest file, base64): refused whole.
    const huge = `Far too big (${Date.now()})`;
    const err = (await mailer
      .sendMail({
        from: 'a@example.net',
        to: contact(),
        text: huge,
        attachments: [{ filename: 'huge.pdf', content: Buffer.alloc(1024 * 1024 + MAX, 1) }],
      })
      .catch((e: unknown) => e)) as { responseCode?: number; response?: string };
    expect(err.responseCode).toBe(552);
    expect(err.response).toMatch(/larger than/);
    expect(byText(await postsOf(moderator.client), huge)).toEqual([]);

    // Within it, a file over MAX_UPLOAD_BYTES is left out and the moderators are told.
    const big = `One file too big (${Date.now()})`;
    await mailer.sendMail({
      from: 'a@example.net',
      to: contact(),
      text: big,
      attachments: [{ filename: 'big.pdf', content: Buffer.alloc(MAX + 1, 1) }],
    });
    const [post] = byText(await postsOf(moderator.client), big);
    expect(post!.attachments).toEqual([]);
    expect((post!.mailNote as { dropped: unknown }).dropped).toEqual([{ name: 'big.pdf', why: 'size' }]);
  });

  it('keeps the text of an HTML-only mail, never its markup', async () => {
    const marker = `Plain words from HTML ${Date.now()}`;
    await mailer.sendMail({
      from: 'Jo <jo@example.net>',
      to: contact(),
      html: `<p>${marker}</p><script>alert(1)</script><p><b>Second</b> paragraph</p>`,
    });
    const [post] = byText(await postsOf(moderator.client), marker);
    expect(post!.body).toContain('Second paragraph');
    expect(post!.body).not.toMatch(/<|alert/);
  });

  it('refuses a message with no text and no file', async () => {
    const err = (await mailer
      .sendMail({ from: 'a@example.net', to: contact(), text: '  \n' })
      .catch((e: unknown) => e)) as { responseCode?: number; response?: string };
    expect(err.responseCode).toBe(550);
    expect(err.response).toMatch(/no text/);
  });

  it('takes a mail to a closed question only when dated before the close, marked as late', async () => {
    const [local, domain] = contact().split('@');
    const to = `${local}+q2@${domain}`;
    const err = (await mailer
      .sendMail({ from: 'a@example.net', to, text: 'Written after the close' })
      .catch((e: unknown) => e)) as { responseCode?: number; response?: string };
    expect(err.responseCode).toBe(550);
    expect(err.response).toMatch(/phase is closed/);

    const late = `Written the day before the close, sent late (${Date.now()})`;
    await mailer.sendMail({
      from: 'a@example.net',
      to,
      text: late,
      date: new Date(Date.now() - 36 * 3600_000),
    });
    expect(byText(await postsOf(moderator.client), late)[0]).toMatchObject({
      questionId: space.closedQuestionId,
      status: 'pending',
      writtenBeforeClose: true,
    });
  });
});
