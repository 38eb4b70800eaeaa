import * as shared from '@parley/shared';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { SESSION_COOKIE } from '../auth/session-token';
import { makeSpace, makeUser, newPost, type TestSpace, type TestUser } from '../testing/fixtures';
import { startTestApp, type TestApp } from '../testing/test-app';

/**
 * Property-based fuzzing of every endpoint and every shared schema: whatever arrives, the server
 * answers a 4xx with a stable code (or a success), never a 5xx, never hangs, and keeps serving.
 * Runs are bounded (numRuns) so the file adds seconds, not minutes, to the suite.
 */

let app: TestApp;
let participant: TestUser;
let moderator: TestUser;
let admin: TestUser;
let space: TestSpace;
beforeAll(async () => {
  // Limits off: the fuzzer must reach the handlers, not the rate limiter (tested in hardening.test.ts).
  app = await startTestApp({ rateLimitScale: 0 });
  participant = await makeUser(app);
  moderator = await makeUser(app, { moderates: 'global' });
  admin = await makeUser(app, { role: 'admin' });
  space = await makeSpace(app);
});
afterAll(() => app.close());

const REQUEST_TIMEOUT_MS = 5_000;

interface Answer {
  status: number;
  text: string;
}

/** One raw request with a deadline: a hang fails the property instead of the whole file. */
async function send(
  method: string,
  path: string,
  body: string | undefined,
  as: TestUser | null,
  contentType = 'application/json',
): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': contentType };
  const token = as?.client.cookies.get(SESSION_COOKIE);
  if (token) headers.cookie = `${SESSION_COOKIE}=${token}`;
  const res = await fetch(app.url + path, {
    method,
    headers,
    body,
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  return { status: res.status, text: await res.text() };
}

/** The contract every answer keeps. */
function wellBehaved(answer: Answer, what: string): void {
  expect(answer.status, `${what.slice(0, 200)} → ${answer.status} ${answer.text.slice(0, 300)}`).toBeLessThan(
    500,
  );
  // 431: Node's HTTP parser refuses an over-long URL or header before the app sees it (no body).
  if (answer.status >= 400 && answer.status !== 431) {
    const body = JSON.parse(answer.text) as { error?: { code?: unknown } };
    expect(shared.ERROR_CODES as readonly unknown[], what.slice(0, 200)).toContain(body.error?.code);
  }
}

// Strings that break naive code: NUL, lone surrogates, bidi overrides, combining marks, emoji.
const nastyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    '\uD800',
    '\uDFFFx',
    '\u202Eevil\u202C',
    '\u2066\u2067\u2068\u2069',
    'e\u0301\u0301\u0301',
    '👩🏽‍💻',
    '\uFEFF',
    '%00',
    "'; DROP TABLE posts; --",
    '../../etc/passwd',
    '__proto__',
    'constructor',
  ),
  fc.constant('x'.repeat(100_000)),
);
const anyValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    nastyString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(fc.oneof(nastyString, fc.constantFrom('__proto__', 'id', 'body', 'status')), tie('value'), {
      maxKeys: 5,
    }),
  ),
})).value;

/** encodeURIComponent, except that a lone surrogate goes out as its invalid UTF-8 bytes. */
function enc(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return s
      .split(/([\uD800-\uDFFF])/)
      .map((part) => (/^[\uD800-\uDFFF]$/.test(part) ? '%ED%A0%80' : encodeURIComponent(part)))
      .join('');
  }
}

const deep = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const rawBody = fc.oneof(
  anyValue.map((v) => JSON.stringify(v) ?? 'null'),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom(deep(5_000), `{"a":${deep(2_000)}}`, '{"__proto__":{"polluted":1}}', '', '{', 'null', '[]'),
);

const COLLECTIONS = ['posts', 'moderation', 'spaces', 'questions'] as const;
const callers = () => [null, participant, moderator, admin];

/** Every endpoint that takes a body or parameters, as (method, path). */
function endpoints(): [string, string][] {
  return [
    ['POST', '/api/auth/register'],
    ['POST', '/api/auth/register/confirm'],
    ['POST', '/api/auth/login'],
    ['PATCH', '/api/auth/me'],
    ...COLLECTIONS.map((c) => ['POST', `/api/sync/${c}/push`] as [string, string]),
    ['POST', '/api/posts/01a21e4e-2f62-7d94-a7ee-1e9ba94900b2/flags'],
    ['POST', `/api/spaces/${space.slug}/moderators`],
    ['DELETE', `/api/spaces/${space.slug}/moderators`],
  ];
}

describe('every endpoint, random and malformed bodies', () => {
  it('answers 4xx with a code or a success, never a 5xx, never hangs', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...endpoints()),
        fc.constantFrom(...callers()),
        rawBody,
        async ([method, path], caller, body) => {
          wellBehaved(await send(method, path, body, caller), `${method} ${path}`);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('answers a NUL anywhere in the address with 400 (PostgreSQL text cannot hold one)', async () => {
    for (const path of [
      '/api/spaces/%00/moderation.csv',
      '/api/spaces/a%00b/report.json',
      '/api/sync/posts/pull?checkpoint=%7B%22seq%22%3A0%2C%22scope%22%3A%22%00%22%7D',
    ]) {
      const answer = await send('GET', path, undefined, moderator);
      wellBehaved(answer, path);
      expect(answer.status, path).toBe(400);
    }
  });

  it('answers bad path parameters, checkpoints and limits with a 4xx', async () => {
    const param = fc.oneof(nastyString, fc.constantFrom('%', '%ZZ', '%00', '..', '.', '%2e%2e'));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...callers()),
        fc.oneof(
          fc.tuple(
            fc.constantFrom('GET'),
            param.map((p) => `/api/sync/${enc(p)}/pull`),
          ),
          fc.tuple(
            fc.constantFrom('GET'),
            fc
              .tuple(
                fc.constantFrom(...COLLECTIONS),
                fc.oneof(
                  anyValue.map((v) => JSON.stringify(v) ?? ''),
                  nastyString,
                ),
                param,
              )
              .map(
                ([c, checkpoint, limit]) =>
                  `/api/sync/${c}/pull?checkpoint=${enc(checkpoint)}&limit=${enc(limit)}`,
              ),
          ),
          fc.tuple(
            fc.constantFrom('GET'),
            param.map((p) => `/api/spaces/${enc(p)}/moderation.csv`),
          ),
          fc.tuple(
            fc.constantFrom('GET'),
            param.map((p) => `/api/attachments/${enc(p)}`),
          ),
          fc.tuple(
            fc.constantFrom('POST'),
            param.map((p) => `/api/posts/${enc(p)}/flags`),
          ),
        ),
        async (caller, [method, path]) => {
          const body = method === 'POST' ? '{"reason":"spam"}' : undefined;
          wellBehaved(await send(method, path, body, caller), `${method} ${path}`);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('answers writes with the wrong content type with 415', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...endpoints()),
        fc.constantFrom(
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data',
          'application/jsonx',
          '',
        ),
        rawBody,
        async ([method, path], type, body) => {
          const answer = await send(method, path, body, participant, type);
          wellBehaved(answer, `${method} ${path} as ${type}`);
          expect(answer.status).toBe(415);
        },
      ),
      { numRuns: 30 },
    );
  });
});

describe('pushes of almost-valid documents', () => {
  // A valid post with one field replaced by anything: the server refuses the row or stores it.
  it('a post with any one field wrong is refused or stored, and the server never fails', async () => {
    const fields = Object.keys(newPost(space));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...fields),
        anyValue,
        fc.boolean(),
        async (field, value, asModerator) => {
          const doc = { ...newPost(space), [field]: value };
          const body = JSON.stringify([{ assumedMasterState: null, newDocumentState: doc }]);
          wellBehaved(
            await send('POST', '/api/sync/posts/push', body, asModerator ? moderator : participant),
            field,
          );
        },
      ),
      { numRuns: 120 },
    );
  });

  it('post text with NUL, lone surrogates and bidi overrides is stored or refused, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(nastyString, nastyString, async (text, name) => {
        const doc = newPost(space, { body: `x${text}`.slice(0, 5_000), authorName: name.slice(0, 80) });
        const body = JSON.stringify([{ assumedMasterState: null, newDocumentState: doc }]);
        wellBehaved(await send('POST', '/api/sync/posts/push', body, participant), JSON.stringify(text));
      }),
      { numRuns: 60 },
    );
  });

  it('a moderation decision with any one field wrong never fails the server', async () => {
    const fields = [
      'id',
      'postId',
      'spaceId',
      'decision',
      'reason',
      'reasonTemplateId',
      'basedOnStatus',
      'createdAt',
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...fields), anyValue, async (field, value) => {
        const doc = {
          id: '01a21e4e-2f62-7d94-a7ee-1e9ba94900b3',
          postId: '01a21e4e-2f62-7d94-a7ee-1e9ba94900b4',
          spaceId: null,
          decision: 'approve',
          reason: null,
          reasonTemplateId: null,
          basedOnStatus: 'pending',
          moderatorId: null,
          moderatorName: null,
          createdAt: new Date().toISOString(),
          outcome: null,
          updatedAt: null,
          [field]: value,
        };
        const body = JSON.stringify([{ assumedMasterState: null, newDocumentState: doc }]);
        wellBehaved(await send('POST', '/api/sync/moderation/push', body, moderator), field);
      }),
      { numRuns: 60 },
    );
  });
});

describe('every shared schema', () => {
  const schemas = Object.entries(shared as Record<string, unknown>).filter(
    (entry): entry is [string, z.ZodType] =>
      typeof entry[1] === 'object' && entry[1] !== null && 'safeParse' in entry[1],
  );

  it('finds the schemas', () => {
    expect(schemas.length).toBeGreaterThan(15);
  });

  it.each(schemas.map(([name]) => name))(
    '%s: parsing anything answers success or issues, never throws',
    (name) => {
      const schema = schemas.find(([n]) => n === name)![1];
      fc.assert(
        fc.property(anyValue, (value) => {
          const result = schema.safeParse(value);
          expect(typeof result.success).toBe('boolean');
          if (!result.success) expect(result.error.issues.length).toBeGreaterThan(0);
        }),
        { numRuns: 80 },
      );
    },
  );
});

it('is still serving after all of it', async () => {
  const health = await send('GET', '/api/health', undefined, null);
  expect(health.status).toBe(200);
  expect((await participant.client.get('/api/auth/me')).status).toBe(200);
});
