import { describe, expect, it } from 'vitest';
import { VIEWER_HEADER } from '@parley/shared';
import { claimOf, pushRequestFor } from './background-sync';

describe('pushRequestFor', () => {
  it('is the push the replication sends: same route, same post id, no RxDB internals', () => {
    const post = {
      id: '019ab3c4-0000-7000-8000-000000000001',
      body: 'hello',
      _meta: { lwt: 1 },
      _rev: '1-abc',
      _attachments: {},
    };
    const message = pushRequestFor('posts', post, 'user-ana');
    expect(message.url).toBe('/api/sync/posts/push');
    expect(message.viewer).toBe('user-ana');
    expect(JSON.parse(message.body)).toEqual([
      { assumedMasterState: null, newDocumentState: { id: post.id, body: 'hello', _deleted: false } },
    ]);
  });

  it("queues a moderator's decision as the moderation push, so it replays like a post", () => {
    const decision = { id: 'd1', postId: 'p1', decision: 'approve', _rev: '1-x' };
    const message = pushRequestFor('moderation', decision, 'user-mod');
    expect(message.url).toBe('/api/sync/moderation/push');
    expect(JSON.parse(message.body)).toEqual([
      {
        assumedMasterState: null,
        newDocumentState: { id: 'd1', postId: 'p1', decision: 'approve', _deleted: false },
      },
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
