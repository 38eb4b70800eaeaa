import { describe, expect, it } from 'vitest';
import type { Post } from '@parley/shared';
import { pushRequestFor } from './background-sync';

describe('pushRequestFor', () => {
  it('is the push the replication sends: same route, same post id, no RxDB internals', () => {
    const post = {
      id: '019ab3c4-0000-7000-8000-000000000001',
      body: 'hello',
      _meta: { lwt: 1 },
      _rev: '1-abc',
      _attachments: {},
    } as unknown as Post & Record<string, unknown>;
    const message = pushRequestFor(post);
    expect(message.url).toBe('/api/sync/posts/push');
    expect(JSON.parse(message.body)).toEqual([
      { assumedMasterState: null, newDocumentState: { id: post.id, body: 'hello', _deleted: false } },
    ]);
  });
});
