import { describe, expect, it } from 'vitest';
import { MAX_POST_CHARS, Post, PullQuery } from './index';

const post = {
  id: '0192f0c1-7a4e-7cc0-8f3e-5b7d2c1a9e10',
  spaceId: '0192f0c1-7a4e-7cc0-8f3e-5b7d2c1a9e11',
  questionId: '0192f0c1-7a4e-7cc0-8f3e-5b7d2c1a9e12',
  parentId: null,
  authorId: null,
  authorName: 'Ana',
  anonymous: false,
  lang: 'es',
  body: 'Hola',
  attachments: [],
  status: 'pending',
  moderationReason: null,
  onBehalfOf: null,
  createdAt: '2026-11-27T10:00:00.000Z',
  receivedAt: null,
  updatedAt: null,
  refusal: null,
};

describe('Post schema', () => {
  it('accepts a well-formed post and refuses one over the length limit', () => {
    expect(Post.safeParse(post).success).toBe(true);
    expect(Post.safeParse({ ...post, body: 'x'.repeat(MAX_POST_CHARS + 1) }).success).toBe(false);
  });

  it('refuses a post with an id that is not a UUID or an unknown status', () => {
    expect(Post.safeParse({ ...post, id: '1; drop table posts' }).success).toBe(false);
    expect(Post.safeParse({ ...post, status: 'published' }).success).toBe(false);
  });
});

describe('PullQuery', () => {
  it('reads a JSON checkpoint and refuses a malformed one', () => {
    const ok = PullQuery.parse({ checkpoint: '{"seq":5,"scope":"anon"}', limit: '10' });
    // No `spaces`: every space, as before the filter existed.
    expect(ok).toEqual({ checkpoint: { seq: 5, scope: 'anon' }, limit: 10, spaces: null });
    expect(PullQuery.parse({}).checkpoint).toBeNull();
    expect(PullQuery.safeParse({ checkpoint: '{"seq":-1}' }).success).toBe(false);
    expect(PullQuery.safeParse({ checkpoint: 'not json' }).success).toBe(false);
    expect(PullQuery.safeParse({ limit: '100000' }).success).toBe(false);
  });
});
