import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser, type TestUser } from '../testing/fixtures';
import { startTestApp, type TestApp } from '../testing/test-app';
import { tusRequest } from '../testing/tus-client';
import { RATE_LIMITS } from './rate-limits';

let app: TestApp;
let alice: TestUser;
let bob: TestUser;

/** 1/40 of the real figures: the per-account limit is then 6 requests a minute, per IP 15. */
const SCALE = 1 / 40;
const perAccount = Math.round(RATE_LIMITS.uploadsPerAccount * SCALE);
const perIp = Math.round(RATE_LIMITS.uploadsPerIp * SCALE);

beforeAll(async () => {
  app = await startTestApp({ rateLimitScale: SCALE });
  alice = await makeUser(app);
  bob = await makeUser(app);
});
afterAll(() => app.close());

const create = (user: TestUser | null) =>
  tusRequest(app, user?.client ?? null, 'POST', '/api/uploads', { 'upload-length': '10' });

describe('upload rate limits (tus endpoint)', () => {
  it('limits one account, then one address, with a 429 that says when to retry', async () => {
    expect(perAccount).toBeLessThan(perIp);
    for (let i = 0; i < perAccount; i++) expect((await create(alice)).status).toBe(201);
    const limited = await create(alice);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.json()).toMatchObject({ error: { code: 'rate_limited' } });
    // Resuming (HEAD) counts as well: a script cannot hammer through another method.
    expect((await tusRequest(app, alice.client, 'HEAD', '/api/uploads/x')).status).toBe(429);

    // Another account on the same address still uploads, until the address's limit.
    let sent = perAccount + 2; // alice's, her refused one and her HEAD: all from this address
    for (let i = 0; i < perAccount; i++, sent++) expect((await create(bob)).status).toBe(201);
    for (; sent < perIp; sent++) expect((await create(null)).status).toBe(401);
    const byIp = await create(null);
    expect(byIp.status).toBe(429);
    expect(await byIp.json()).toMatchObject({ error: { code: 'rate_limited' } });
  });
});
