import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer } from '../mail/mailer';
import { makeUser, TEST_PASSWORD, type TestUser } from '../testing/fixtures';
import { startTestApp, type TestApp } from '../testing/test-app';

/** A real SMTP server on loopback: every message it accepts, raw. */
interface Received {
  to: string[];
  raw: string;
}
let smtp: SMTPServer;
const inbox: Received[] = [];
let app: TestApp;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.setEncoding('utf8');
      stream.on('data', (c: string) => (raw += c));
      stream.on('end', () => {
        inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const { port } = smtp.server.address() as AddressInfo;
  app = await startTestApp({
    smtpUrl: `smtp://127.0.0.1:${port}`,
    mailFrom: 'Parley <parley@example.org>',
    publicUrl: 'https://parley.example.org',
  });
});
afterAll(async () => {
  await app?.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

/** Waits for the next message to `to` (the route answers before the mail is sent). */
async function mailTo(to: string, since: number): Promise<Received> {
  for (let i = 0; i < 100; i++) {
    const found = inbox.slice(since).find((m) => m.to.includes(to));
    if (found) return found;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no mail to ${to}`);
}

/** The reset token from a mail's link (its quoted-printable encoding undone). */
function tokenOf(mail: Received): string {
  const text = mail.raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  const m = /https:\/\/parley\.example\.org\/reset-password#token=([\w-]+)/.exec(text);
  if (!m?.[1]) throw new Error(`no reset link in:\n${mail.raw}`);
  return m[1];
}

async function signInWith(user: TestUser, password: string): Promise<number> {
  return (await app.client().post('/api/auth/login', { email: user.email, password })).status;
}

describe('password reset by e-mailed link', () => {
  it('mails a one-hour link; the new password works, the old one and every session end', async () => {
    const user = await makeUser(app);
    const since = inbox.length;
    const asked = await app.client().post('/api/auth/password-reset', { email: user.email.toUpperCase() });
    expect(asked.status).toBe(202);
    const mail = await mailTo(user.email, since);
    expect(mail.raw).toMatch(/^Subject: Choose a new Parley password/m);
    expect(mail.raw).toMatch(/^From: Parley <parley@example\.org>/m);

    const confirm = await app
      .client()
      .post('/api/auth/password-reset/confirm', { token: tokenOf(mail), password: 'a brand new secret' });
    expect(confirm.status).toBe(204);
    expect(await signInWith(user, 'a brand new secret')).toBe(200);
    expect(await signInWith(user, TEST_PASSWORD)).toBe(401);
    // The session the user had before the reset is over.
    expect((await user.client.get('/api/auth/me')).status).toBe(401);
  });

  it('uses a link once only, and refuses made-up or expired tokens with invalid_token', async () => {
    const user = await makeUser(app);
    const since = inbox.length;
    await app.client().post('/api/auth/password-reset', { email: user.email });
    const token = tokenOf(await mailTo(user.email, since));
    const body = { token, password: 'first new password' };
    expect((await app.client().post('/api/auth/password-reset/confirm', body)).status).toBe(204);
    const again = await app
      .client()
      .post('/api/auth/password-reset/confirm', { ...body, password: 'second one!' });
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ error: { code: 'invalid_token' } });
    expect(await signInWith(user, 'first new password')).toBe(200);

    const made = await app
      .client()
      .post('/api/auth/password-reset/confirm', { token: 'x'.repeat(43), password: 'whatever123' });
    expect(made.body).toMatchObject({ error: { code: 'invalid_token' } });

    const since2 = inbox.length;
    await app.client().post('/api/auth/password-reset', { email: user.email });
    const stale = tokenOf(await mailTo(user.email, since2));
    await app.db.query(`UPDATE password_resets SET expires_at = now() - interval '1 second'`);
    const expired = await app
      .client()
      .post('/api/auth/password-reset/confirm', { token: stale, password: 'too late now' });
    expect(expired.body).toMatchObject({ error: { code: 'invalid_token' } });
  });

  it('answers 202 for an unknown address and sends nothing; stores only a hash of the token', async () => {
    const since = inbox.length;
    const res = await app.client().post('/api/auth/password-reset', { email: 'nobody@example.org' });
    expect(res.status).toBe(202);
    const user = await makeUser(app);
    await app.client().post('/api/auth/password-reset', { email: user.email });
    const token = tokenOf(await mailTo(user.email, since));
    expect(inbox.slice(since).map((m) => m.to)).toEqual([[user.email]]);
    const rows = await app.db.query<{ token_hash: string }>('SELECT token_hash FROM password_resets');
    expect(rows.map((r) => r.token_hash)).not.toContain(token);
  });

  it('sends at most 3 reset e-mails per address per quarter hour', async () => {
    const user = await makeUser(app);
    const since = inbox.length;
    for (let i = 0; i < 5; i++) await app.client().post('/api/auth/password-reset', { email: user.email });
    await mailTo(user.email, since);
    await new Promise((r) => setTimeout(r, 300));
    expect(inbox.slice(since).filter((m) => m.to.includes(user.email))).toHaveLength(3);
  });

  it('refuses a bad body with 400 invalid_body', async () => {
    const res = await app.client().post('/api/auth/password-reset', { email: 'not an address' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 'invalid_body' } });
  });
});

/** A POST with the Host header the sender chooses (fetch would not let us forge it). */
function postWithHost(url: string, path: string, host: string, json: unknown): Promise<number> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify(json);
    const req = httpRequest(
      new URL(path, url),
      {
        method: 'POST',
        headers: { host, 'content-type': 'application/json', 'content-length': body.length },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('without PUBLIC_URL', () => {
  let bare: TestApp;
  beforeAll(async () => {
    const { port } = smtp.server.address() as AddressInfo;
    bare = await startTestApp({ smtpUrl: `smtp://127.0.0.1:${port}`, publicUrl: null });
  });
  afterAll(() => bare?.close());

  it('never puts a reset link on a forged Host; a request to localhost still gets its link', async () => {
    const user = await makeUser(bare);
    const since = inbox.length;
    const port = new URL(bare.url).port;
    // Answered as always (the answer says nothing), but no mail leaves with the attacker's origin.
    expect(
      await postWithHost(bare.url, '/api/auth/password-reset', 'attacker.example', { email: user.email }),
    ).toBe(202);
    expect(
      await postWithHost(bare.url, '/api/auth/password-reset', `localhost:${port}`, { email: user.email }),
    ).toBe(202);
    const mail = await mailTo(user.email, since);
    await new Promise((r) => setTimeout(r, 300));
    const mails = inbox.slice(since).filter((m) => m.to.includes(user.email));
    expect(mails).toHaveLength(1);
    expect(mail.raw).not.toContain('attacker.example');
    expect(mail.raw.replace(/=\r?\n/g, '')).toContain(`http://localhost:${port}/reset-password#token=3D`);
  });
});

describe('mail without SMTP_URL', () => {
  it('is written as an .eml file to DATA_DIR/mail, in the reader’s language', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'parley-mail-'));
    try {
      const mailer = createMailer({ smtpUrl: null, mailFrom: 'Parley <parley@localhost>', dataDir });
      await mailer.send({
        to: 'ana@example.org',
        subject: 'Elige una nueva contraseña',
        text: 'Hola',
        lang: 'es',
      });
      const files = readdirSync(join(dataDir, 'mail'));
      expect(files).toHaveLength(1);
      const eml = readFileSync(join(dataDir, 'mail', files[0]!), 'utf8');
      expect(eml).toMatch(/^To: ana@example\.org$/m);
      expect(eml).toMatch(/^Content-Language: es$/m);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
