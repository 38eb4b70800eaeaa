import type { Me } from '@parley/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVICE_COOKIE } from './known-device';
import { hashSessionToken, SESSION_COOKIE } from './session-token';
import { mailsTo, signUp, signUpTokenIn } from '../testing/mailbox';
import { startTestApp, type TestApp } from '../testing/test-app';
import { TestClient } from '../testing/http-client';

let app: TestApp;
beforeAll(async () => {
  // No SMTP here (e-mails are .eml files), so e-mail confirmation is asked for explicitly.
  app = await startTestApp({ signupConfirmation: 'email' });
});
afterAll(() => app.close());

let n = 0;
const email = () => `person${++n}-${Date.now()}@example.org`;
const PASSWORD = 'a long enough password';

/** A whole sign-up (the form, then the e-mailed link): the link's answer. */
async function register(client: TestClient, address = email()) {
  return signUp(app, client, { email: address, password: PASSWORD, displayName: 'Person', lang: 'fr' });
}

describe('sign-up by e-mailed link', () => {
  it('answers 202; the link creates the account, answers 201 with Me and signs in with an httpOnly SameSite cookie', async () => {
    const client = app.client();
    const address = email();
    const res = await register(client, address);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      email: address,
      displayName: 'Person',
      role: 'participant',
      lang: 'fr',
      globalModerator: false,
      moderatorOf: [],
    });
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).toMatch(/Max-Age=2592000/);
    // Plain http here: the cookie must not be Secure, or the browser would drop it.
    expect(cookie).not.toMatch(/Secure/i);

    const me = await client.get<Me>('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(res.body.id);
    // The e-mail was in the person's language, and its link works once.
    const [mail] = await mailsTo(app, address);
    expect(mail!.contentLanguage).toBe('fr');
    const again = await app.client().post('/api/auth/register/confirm', { token: signUpTokenIn(mail!) });
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ error: { code: 'invalid_token' } });
  });

  it('keeps the organisation typed in the form until the link is opened, on any device', async () => {
    const address = email();
    const res = await signUp(app, app.client(), {
      email: address,
      password: PASSWORD,
      displayName: 'Person',
      organisation: 'Roma Rights Network',
    });
    expect(res.status).toBe(201);
    expect(res.body.organisation).toBe('Roma Rights Network');
  });

  it('creates nothing until the link is opened, and never with an expired link', async () => {
    const address = email();
    const asked = await app.client().post('/api/auth/register', {
      email: address,
      password: PASSWORD,
      displayName: 'Late',
    });
    expect(asked.status).toBe(202);
    const token = signUpTokenIn((await mailsTo(app, address))[0]!)!;
    expect(await app.db.query('SELECT 1 FROM users WHERE email = $1', [address])).toHaveLength(0);
    await app.db.query(
      "UPDATE signup_requests SET expires_at = now() - interval '1 second' WHERE token_hash = $1",
      [hashSessionToken(token)],
    );
    const late = await app.client().post('/api/auth/register/confirm', { token });
    expect(late.status).toBe(400);
    expect(late.body).toMatchObject({ error: { code: 'invalid_token' } });
    expect(await app.db.query('SELECT 1 FROM users WHERE email = $1', [address])).toHaveLength(0);
  });

  it('answers a taken e-mail exactly as a free one; only the owner learns it, by e-mail, without a link', async () => {
    const address = email();
    expect((await register(app.client(), address)).status).toBe(201);
    const taken = await app.client().post('/api/auth/register', {
      email: address.toUpperCase(),
      password: 'another password',
      displayName: 'X',
    });
    const free = await app
      .client()
      .post('/api/auth/register', { email: email(), password: 'another password', displayName: 'X' });
    expect(taken.status).toBe(202);
    expect(taken.text).toBe(free.text);
    expect([...taken.headers.keys()].sort()).toEqual([...free.headers.keys()].sort());
    const note = (await mailsTo(app, address, 2))[1]!;
    expect(signUpTokenIn(note)).toBeNull();
    expect(note.text).toMatch(/elle en a déjà un/); // in the owner's language
    expect(note.text).toMatch(/\/signin/);
    // The account is untouched: the old password still signs in, the new one does not.
    expect((await app.client().post('/api/auth/login', { email: address, password: PASSWORD })).status).toBe(
      200,
    );
    expect(
      (await app.client().post('/api/auth/login', { email: address, password: 'another password' })).status,
    ).toBe(401);
  });

  it('sends at most 3 sign-up e-mails per address per quarter hour', async () => {
    const address = email();
    for (let i = 0; i < 5; i++)
      expect(
        (
          await app
            .client()
            .post('/api/auth/register', { email: address, password: PASSWORD, displayName: 'R' })
        ).status,
      ).toBe(202);
    await mailsTo(app, address, 3);
    await new Promise((r) => setTimeout(r, 300));
    expect(await mailsTo(app, address)).toHaveLength(3);
  });

  it('refuses a bad body or a bad token with 400', async () => {
    const res = await app
      .client()
      .post('/api/auth/register', { email: 'nope', password: 'x', displayName: '' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 'invalid_body' } });
    const made = await app.client().post('/api/auth/register/confirm', { token: 'x'.repeat(43) });
    expect(made.status).toBe(400);
    expect(made.body).toMatchObject({ error: { code: 'invalid_token' } });
    const short = await app.client().post('/api/auth/register/confirm', { token: 'x' });
    expect(short.body).toMatchObject({ error: { code: 'invalid_body' } });
  });
});

describe('sign-up at once (SIGNUP_CONFIRMATION instant, the default without SMTP_URL)', () => {
  it('signs in at once and says when an address is taken', async () => {
    const instant = await startTestApp({ signupConfirmation: 'instant' });
    try {
      const address = email();
      const body = { email: address, password: PASSWORD, displayName: 'Now' };
      const first = await instant.client().post<Me>('/api/auth/register', body);
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ email: address, role: 'participant' });
      const again = await instant
        .client()
        .post('/api/auth/register', { ...body, email: address.toUpperCase() });
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ error: { code: 'email_taken' } });
    } finally {
      await instant.close();
    }
  });
});

describe('login, me, logout', () => {
  it('signs in with a new session and ends the one sent along (rotation)', async () => {
    const address = email();
    const first = app.client();
    await register(first, address);
    const oldToken = first.cookies.get(SESSION_COOKIE)!;

    const res = await first.post<Me>('/api/auth/login', { email: address, password: PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body.email).toBe(address);
    const newToken = first.cookies.get(SESSION_COOKIE)!;
    expect(newToken).not.toBe(oldToken);

    const stale = app.client();
    stale.cookies.set(SESSION_COOKIE, oldToken);
    expect((await stale.get('/api/auth/me')).status).toBe(401);
    expect((await first.get('/api/auth/me')).status).toBe(200);
  });

  it('answers 401 invalid_credentials for a wrong password and for an unknown e-mail alike', async () => {
    const address = email();
    await register(app.client(), address);
    const wrong = await app
      .client()
      .post('/api/auth/login', { email: address, password: 'not the password' });
    const unknown = await app.client().post('/api/auth/login', { email: email(), password: PASSWORD });
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ error: { code: 'invalid_credentials' } });
      expect(res.headers.getSetCookie()).toEqual([]);
    }
  });

  it('answers 401 unauthenticated to /me without a session', async () => {
    const res = await app.client().get('/api/auth/me');
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ error: { code: 'unauthenticated' } });
  });

  it('logs out: 204, the cookie is cleared and the session no longer works', async () => {
    const client = app.client();
    await register(client);
    const token = client.cookies.get(SESSION_COOKIE)!;
    const res = await client.post('/api/auth/logout');
    expect(res.status).toBe(204);
    expect(client.cookies.has(SESSION_COOKIE)).toBe(false);
    const replay = app.client();
    replay.cookies.set(SESSION_COOKIE, token);
    expect((await replay.get('/api/auth/me')).status).toBe(401);
  });
});

describe('throttling', () => {
  const from = (ip: string) => ({ headers: { 'x-forwarded-for': ip } });

  it('answers 429 with Retry-After after 5 failures for one e-mail from one address, even with the right password', async () => {
    const address = email();
    await register(app.client(), address);
    const guesser = '198.51.100.1';
    for (let i = 0; i < 5; i++) {
      const res = await app
        .client()
        .post('/api/auth/login', { email: address, password: 'wrong password' }, from(guesser));
      expect(res.status).toBe(401);
    }
    const blocked = await app
      .client()
      .post('/api/auth/login', { email: address, password: PASSWORD }, from(guesser));
    expect(blocked.status).toBe(429);
    expect(blocked.body).toMatchObject({ error: { code: 'too_many_attempts' } });
    const retryAfter = Number(blocked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    // Another e-mail from the same address is not affected (the IP limit is 30).
    const other = email();
    await register(app.client(), other);
    expect(
      (await app.client().post('/api/auth/login', { email: other, password: PASSWORD }, from(guesser)))
        .status,
    ).toBe(200);
    // And the stranger's guesses do not lock the owner out: from their own address they sign in.
    expect(
      (
        await app
          .client()
          .post('/api/auth/login', { email: address, password: PASSWORD }, from('198.51.100.2'))
      ).status,
    ).toBe(200);
  });

  it('a flood of wrong passwords from many addresses shuts new devices out, never the owner’s own phone', async () => {
    const address = email();
    await register(app.client(), address);
    // The owner's phone has signed in before: it carries the known-device mark.
    const phone = app.client();
    expect(
      (await phone.post('/api/auth/login', { email: address, password: PASSWORD }, from('192.0.2.10')))
        .status,
    ).toBe(200);
    expect(phone.cookies.get(DEVICE_COOKIE)).toMatch(/^[\w-]{16}\.[\w-]{22}$/);
    // 50 wrong passwords, five from each of ten addresses (none reaches its own limit).
    for (let n = 0; n < 10; n++)
      for (let i = 0; i < 5; i++)
        expect(
          (
            await app
              .client()
              .post('/api/auth/login', { email: address, password: 'guess' }, from(`203.0.113.${100 + n}`))
          ).status,
        ).toBe(401);
    // A device never seen before is held back, even with the right password...
    const fresh = await app
      .client()
      .post('/api/auth/login', { email: address, password: PASSWORD }, from('192.0.2.11'));
    expect(fresh.status).toBe(429);
    // ...a mark made for another account does not help...
    const forged = app.client();
    const someoneElse = email();
    await register(app.client(), someoneElse);
    await forged.post('/api/auth/login', { email: someoneElse, password: PASSWORD }, from('192.0.2.12'));
    expect(forged.cookies.has(DEVICE_COOKIE)).toBe(true);
    expect(
      (await forged.post('/api/auth/login', { email: address, password: PASSWORD }, from('192.0.2.12')))
        .status,
    ).toBe(429);
    // ...and the owner's phone signs in.
    expect(
      (await phone.post('/api/auth/login', { email: address, password: PASSWORD }, from('192.0.2.10')))
        .status,
    ).toBe(200);
  });

  it('answers 429 after 30 failures from one IP, across e-mails', async () => {
    // Loopback proxies are trusted, so X-Forwarded-For names the client IP for this test.
    const ip = { 'x-forwarded-for': '203.0.113.7' };
    for (let i = 0; i < 30; i++) {
      const res = await app
        .client()
        .post('/api/auth/login', { email: email(), password: 'x' }, { headers: ip });
      expect(res.status).toBe(401);
    }
    const blocked = await app
      .client()
      .post('/api/auth/login', { email: email(), password: 'x' }, { headers: ip });
    expect(blocked.status).toBe(429);
    const elsewhere = await app
      .client()
      .post(
        '/api/auth/login',
        { email: email(), password: 'x' },
        { headers: { 'x-forwarded-for': '203.0.113.8' } },
      );
    expect(elsewhere.status).toBe(401);
  });
});
