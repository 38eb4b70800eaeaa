import { describe, expect, it } from 'vitest';
import type { ErrorEvent } from '@sentry/browser';
import { scrubBreadcrumb, scrubEvent, scrubText, scrubUrl } from './scrub';

const ctx = { personal: ['Ana Ribeiro', 'ana@parley.test'] };
const POST_BODY =
  'I think the new bus route should stop at the market square because older people walk there every morning';
const POST_ID = '0b7f3c2e-8d1a-4f5b-9c6e-2a4d8e1f3b70';

/** A real-shaped event, as @sentry/browser hands it to beforeSend. */
function event(): ErrorEvent {
  return {
    type: undefined,
    event_id: 'f1e2d3c4b5a697881726354453627180',
    level: 'error',
    release: 'parley-client@0.1.0',
    environment: 'production',
    exception: {
      values: [
        {
          type: 'Error',
          value: `Could not save post: ${POST_BODY}`,
          stacktrace: {
            frames: [
              {
                filename: `http://127.0.0.1:8080/spaces/regional-review/posts/${POST_ID}?lang=fr`,
                function: 'save',
                lineno: 1,
                colno: 200,
                vars: { text: POST_BODY },
              },
            ],
          },
        },
      ],
    },
    request: {
      url: `http://127.0.0.1:8080/spaces/regional-review/posts/${POST_ID}?email=ana@parley.test#reply`,
      headers: { 'User-Agent': 'Pixel', Cookie: 'parley_session=abc' },
      cookies: { parley_session: 'abc' },
    },
    user: { id: POST_ID, email: 'ana@parley.test', username: 'Ana Ribeiro' },
    extra: {
      author: 'ana@parley.test',
      note: 'signed in as ana@parley.test',
      attempt: 3,
      nested: { body: POST_BODY, status: 'pending' },
    },
    contexts: { browser: { name: 'Chrome', version: '147' }, post: { id: POST_ID, text: POST_BODY } },
    breadcrumbs: [
      { category: 'console', level: 'log', message: `draft saved: ${POST_BODY}` },
      { category: 'ui.input', message: 'textarea#composer' },
      { category: 'ui.click', message: 'button.account[aria-label="Ana Ribeiro"]' },
      {
        category: 'fetch',
        data: { method: 'GET', url: `/api/sync/posts/pull?checkpoint=${POST_ID}`, status_code: 500 },
      },
      { category: 'navigation', data: { from: '/', to: `/posts/${POST_ID}` } },
    ],
  };
}

describe('scrubEvent', () => {
  const sent = JSON.stringify(scrubEvent(event(), ctx));

  it('sends no post text, e-mail, name or id of a person anywhere in the event', () => {
    expect(sent).not.toContain('bus route');
    expect(sent).not.toContain('market square');
    expect(sent).not.toMatch(/ana@parley\.test/i);
    expect(sent).not.toContain('Ana Ribeiro');
    expect(sent).not.toContain(POST_ID);
    expect(sent).not.toContain('parley_session');
  });

  it('keeps what a developer needs: error type, the technical part of the message, frames, release', () => {
    const e = scrubEvent(event(), ctx);
    const ex = e.exception?.values?.[0];
    expect(ex?.type).toBe('Error');
    expect(ex?.value).toBe('Could not save post: [text]');
    expect(ex?.stacktrace?.frames?.[0]).toMatchObject({ function: 'save', lineno: 1, colno: 200 });
    expect(ex?.stacktrace?.frames?.[0]?.vars).toBeUndefined();
    expect(e.request?.url).toBe('http://127.0.0.1:8080/spaces/regional-review/posts/[id]?[query]');
    expect(e.release).toBe('parley-client@0.1.0');
    expect(e.environment).toBe('production');
    expect(e.extra).toEqual({ note: 'signed in as [person]', attempt: 3, nested: { status: 'pending' } });
    expect(e.contexts?.browser).toEqual({ name: 'Chrome', version: '147' });
    expect(e.user).toBeUndefined();
  });

  it('keeps breadcrumb trails but not what was typed or logged', () => {
    const crumbs = scrubEvent(event(), ctx).breadcrumbs ?? [];
    expect(crumbs.map((c) => c.category)).toEqual(['console', 'ui.input', 'ui.click', 'fetch', 'navigation']);
    expect(crumbs[0]?.message).toBeUndefined();
    expect(crumbs[1]?.message).toBeUndefined();
    expect(crumbs[2]?.message).toBe('button.account');
    expect(crumbs[3]?.data).toEqual({ method: 'GET', url: '/api/sync/posts/pull?[query]', status_code: 500 });
    expect(crumbs[4]?.data).toEqual({ from: '/', to: '/posts/[id]' });
  });
});

describe('scrubText', () => {
  it('replaces quoted input, addresses, ids and long numbers, and leaves technical messages readable', () => {
    expect(scrubText("Cannot read properties of undefined (reading 'x')", ctx)).toBe(
      "Cannot read properties of undefined (reading 'x')",
    );
    expect(scrubText('Failed to fetch', ctx)).toBe('Failed to fetch');
    expect(scrubText('Invalid value "Meet me at 5, Ben" for text', ctx)).toBe(
      'Invalid value "[text]" for text',
    );
    expect(scrubText('mail to BEN@example.org failed', ctx)).toBe('mail to [email] failed');
    expect(scrubText('phone 0612345678', ctx)).toBe('phone [number]');
    expect(scrubText('Привет всем, я думаю что этот автобус должен остановиться здесь', ctx)).toBe('[text]');
  });

  it('hides the viewer’s name whatever its case', () => {
    expect(scrubText('hello ANA RIBEIRO', ctx)).toBe('hello [person]');
  });

  it('keeps a URL path shape and drops its query and fragment', () => {
    expect(scrubUrl(`/posts/${POST_ID}?q=x#y`, ctx)).toBe('/posts/[id]?[query]');
    expect(scrubUrl('/spaces/regional-review', ctx)).toBe('/spaces/regional-review');
  });
});

describe('scrubBreadcrumb', () => {
  it('empties console and typed-input breadcrumbs', () => {
    expect(
      scrubBreadcrumb({ category: 'console', message: POST_BODY, data: { arguments: [POST_BODY] } }, ctx),
    ).toEqual({ category: 'console' });
  });
});
