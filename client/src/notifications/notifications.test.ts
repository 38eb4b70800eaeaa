import { describe, expect, it } from 'vitest';
import type { Post } from '@parley/shared';
import { allNoticesOf, noticesOf } from './notifications';

const base: Post = {
  id: '0192f0c1-7a4e-7cc0-8f3e-000000000001',
  spaceId: 's',
  questionId: 'q',
  parentId: null,
  authorId: 'ana',
  authorName: 'Ana',
  authorOrganisation: null,
  anonymous: false,
  lang: 'en',
  body: 'text',
  attachments: [],
  status: 'pending',
  moderationReason: null,
  moderationReasonTemplateId: null,
  onBehalfOf: null,
  mailNote: null,
  fromModerator: false,
  writtenBeforeClose: false,
  flags: [],
  createdAt: '2026-11-27T10:00:00.000Z',
  receivedAt: '2026-11-27T10:00:01.000Z',
  updatedAt: '2026-11-27T10:00:01.000Z',
  refusal: null,
};

describe('notifications', () => {
  it('tells the author of each decision, newest first, unread after the last read', () => {
    const posts: Post[] = [
      { ...base, id: 'a', status: 'approved', updatedAt: '2026-11-27T11:00:00.000Z' },
      {
        ...base,
        id: 'b',
        status: 'rejected',
        moderationReason: 'Off topic',
        updatedAt: '2026-11-27T12:00:00.000Z',
      },
      { ...base, id: 'c', status: 'pending' },
      { ...base, id: 'd', status: 'rejected', refusal: { code: 'phase_closed', message: 'closed' } },
      { ...base, id: 'e', status: 'approved', fromModerator: true },
      { ...base, id: 'f', status: 'approved', authorId: 'ben' },
    ];
    const notices = noticesOf(posts, 'ana', '2026-11-27T11:30:00.000Z');
    expect(notices.map((n) => [n.post.id, n.kind, n.unread])).toEqual([
      ['b', 'notPublished', true],
      ['a', 'published', false],
    ]);
  });

  it('tells me of each published reply to my posts by someone else, not of my own replies', () => {
    const mine: Post[] = [{ ...base, id: 'm1', status: 'approved', updatedAt: '2026-11-27T09:00:00.000Z' }];
    const reply = (over: Partial<Post>): Post => ({
      ...base,
      parentId: 'm1',
      authorId: 'ben',
      status: 'approved',
      ...over,
    });
    const replies: Post[] = [
      reply({ id: 'r1', updatedAt: '2026-11-27T12:00:00.000Z' }),
      // Anonymous: the server sends no author id to me.
      reply({ id: 'r2', authorId: null, anonymous: true, updatedAt: '2026-11-27T11:00:00.000Z' }),
      reply({ id: 'r3', authorId: 'ana', updatedAt: '2026-11-27T13:00:00.000Z' }),
      reply({ id: 'r4', status: 'pending', updatedAt: '2026-11-27T13:00:00.000Z' }),
      reply({ id: 'r5', parentId: 'someone-elses', updatedAt: '2026-11-27T13:00:00.000Z' }),
    ];
    const notices = allNoticesOf(mine, replies, 'ana', '2026-11-27T11:30:00.000Z');
    expect(notices.map((n) => [n.post.id, n.kind, n.unread])).toEqual([
      ['r1', 'reply', true],
      ['r2', 'reply', false],
      ['m1', 'published', false],
    ]);
  });
});
