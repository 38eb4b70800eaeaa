import { describe, expect, it } from 'vitest';
import type { Post } from '@parley/shared';
import { buildThread } from './tree';

let n = 0;
function post(over: Partial<Post>): Post {
  n += 1;
  return {
    id: `0192f0c1-7a4e-7cc0-8f3e-${String(n).padStart(12, '0')}`,
    spaceId: '0192f0c1-7a4e-7cc0-8f3e-5b7d2c1a9e11',
    questionId: '0192f0c1-7a4e-7cc0-8f3e-5b7d2c1a9e12',
    parentId: null,
    authorId: null,
    authorName: 'Someone',
    authorOrganisation: null,
    anonymous: false,
    lang: 'en',
    body: 'text',
    attachments: [],
    status: 'approved',
    moderationReason: null,
    moderationReasonTemplateId: null,
    onBehalfOf: null,
    mailNote: null,
    fromModerator: false,
    writtenBeforeClose: false,
    flags: [],
    createdAt: '2026-11-27T10:00:00.000Z',
    receivedAt: '2026-11-27T10:00:00.000Z',
    updatedAt: null,
    refusal: null,
    ...over,
  };
}

const me = '0192f0c1-7a4e-7cc0-8f3e-aaaaaaaaaaaa';

describe('buildThread', () => {
  it('nests replies under their comment and names whom they answer', () => {
    const a = post({ authorName: 'Ana' });
    const b = post({ authorName: 'Ben', parentId: a.id });
    const c = post({ authorName: 'Cy', parentId: b.id });
    const [root] = buildThread([a, b, c], null);
    expect(root?.post.id).toBe(a.id);
    expect(root?.replies[0]?.parentName).toBe('Ana');
    expect(root?.replies[0]?.replies[0]).toMatchObject({ depth: 2, parentName: 'Ben' });
  });

  it("shows others' unpublished posts to no one, and the viewer's own in every state", () => {
    const mine = post({ authorId: me, status: 'pending', receivedAt: null });
    const theirs = post({ authorId: '0192f0c1-7a4e-7cc0-8f3e-bbbbbbbbbbbb', status: 'pending' });
    const rejected = post({ authorId: me, status: 'rejected' });
    expect(buildThread([mine, theirs, rejected], me).map((t) => t.post.id)).toEqual([mine.id, rejected.id]);
    expect(buildThread([mine, theirs, rejected], null)).toEqual([]);
  });

  it("keeps the viewer's withdrawn post in the thread only until the server has the withdrawal", () => {
    const sending = post({ authorId: me, status: 'withdrawn', receivedAt: null });
    const gone = post({ authorId: me, status: 'withdrawn' });
    expect(buildThread([sending, gone], me).map((t) => t.post.id)).toEqual([sending.id]);
  });

  it('lifts a reply whose parent is hidden to the top level', () => {
    const parent = post({ status: 'pending', authorName: 'Ana' });
    const reply = post({ parentId: parent.id, authorId: me, status: 'pending' });
    const [only] = buildThread([parent, reply], me);
    expect(only).toMatchObject({ depth: 0, parentName: 'Ana' });
  });
});
