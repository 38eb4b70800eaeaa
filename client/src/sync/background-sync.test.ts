import { describe, expect, it } from 'vitest';
import { VIEWER_HEADER, type Post } from '@parley/shared';
import { claimOf, pushRequestFor } from './background-sync';

describe('pushRequestFor', () => {
  it('is the push the replication sends: same route, same post id, no RxDB internals', () => {
    const post = {
      id: '019ab3c4-0000-7000-8000-000000000001',
      body: 'hello',
      _meta: { lwt: 1 },
      _rev: '1-abc',
      _attachments: {},
    } as unknown as Post & Record<string, unknown>;
    const message = pushRequestFor(post, 'user-ana');
    expect(message.url).toBe('/api/sync/posts/push');
    expect(message.viewer).toBe('user-ana');
    expect(JSON.parse(message.body)).toEqual([
      { assumedMasterState: null, newDocumentState: { id: post.id, body: 'hello', _deleted: false } },
    ]);
  });

  it('names whom a queued push speaks for: its claim, else (queued before claims) its author', () => {
    const body = JSON.stringify([{ assumedMasterState: null, newDocumentState: { authorId: 'user-ana' } }]);
    expect(claimOf(new Headers({ [VIEWER_HEADER]: 'user-ben' }), body)).toBe('user-ben');
    expect(claimOf({ [VIEWER_HEADER]: 'user-ben' }, body)).toBe('user-ben');
    expect(claimOf(new Headers(), body)).toBe('user-ana');
    const twoAuthors = JSON.stringify([
      { newDocumentState: { authorId: 'user-ana' } },
      { newDocumentState: { authorId: 'user-ben' } },
    ]);
    expect(claimOf({}, twoAuthors)).toBeNull();
    expect(claimOf({}, 'not json')).toBeNull();
  });
});
