import type { Me } from '@parley/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from '../testing/mailbox';
import { startTestApp, type TestApp } from '../testing/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

async function signedUp(lang = 'en') {
  const client = app.client();
  const res = await signUp(app, client, {
    email: `lang-${Date.now()}-${Math.random().toString(36).slice(2)}@example.org`,
    password: 'a long enough password',
    displayName: 'Reader',
    lang,
  });
  expect(res.status).toBe(201);
  return client;
}

describe('PATCH /api/auth/me', () => {
  it('remembers the UI language on the account', async () => {
    const phone = await signedUp('en');
    const res = await phone.request<Me>('PATCH', '/api/auth/me', { json: { lang: 'ar' } });
    expect(res.status).toBe(200);
    expect(res.body.lang).toBe('ar');
    // Stored, not echoed: the next sign-in on any device starts from /api/auth/me.
    expect((await phone.get<Me>('/api/auth/me')).body.lang).toBe('ar');
  });

  it('refuses a malformed language or an unknown field with 400, and a signed-out caller with 401', async () => {
    const phone = await signedUp();
    for (const json of [{ lang: 'Arabic' }, { lang: '' }, {}, { lang: 'ru', role: 'admin' }]) {
      const res = await phone.request('PATCH', '/api/auth/me', { json });
      expect(res.status, JSON.stringify(json)).toBe(400);
      expect(res.body).toMatchObject({ error: { code: 'invalid_body' } });
    }
    expect((await phone.get<Me>('/api/auth/me')).body).toMatchObject({ lang: 'en', role: 'participant' });
    const stranger = await app.client().request('PATCH', '/api/auth/me', { json: { lang: 'fr' } });
    expect(stranger.status).toBe(401);
  });

  it('refuses a form-encoded body (CSRF rule: JSON only)', async () => {
    const phone = await signedUp();
    const res = await phone.request('PATCH', '/api/auth/me', {
      body: 'lang=fr',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(415);
    expect((await phone.get<Me>('/api/auth/me')).body.lang).toBe('en');
  });
});
