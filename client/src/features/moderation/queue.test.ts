import { describe, expect, it } from 'vitest';
import type { Me, Moderation, Post, Question } from '@parley/shared';
import { filterQueue, myDecisions, NO_FILTERS, queuedDecisionFor, queueOf } from './queue';

const me: Me = {
  id: '0192f0c1-7a4e-7cc0-8f3e-000000000001',
  email: 'mod@parley.test',
  displayName: 'Mo',
  role: 'moderator',
  lang: 'en',
  globalModerator: true,
  moderatorOf: [],
};
const postId = '0192f0c1-7a4e-7cc0-8f3e-000000000099';
const decision = (over: Partial<Moderation>): Moderation => ({
  id: '0192f0c1-7a4e-7cc0-8f3e-000000000010',
  postId,
  spaceId: null,
  decision: 'approve',
  reason: null,
  reasonTemplateId: null,
  basedOnStatus: 'pending',
  moderatorId: null,
  moderatorName: null,
  createdAt: '2026-11-27T10:00:00.000Z',
  outcome: null,
  updatedAt: null,
  ...over,
});

let n = 0;
const post = (over: Partial<Post>): Post => ({
  id: `0192f0c1-7a4e-7cc0-8f3e-${String(++n).padStart(12, '0')}`,
  spaceId: 'space-a',
  questionId: 'q1',
  parentId: null,
  authorId: 'someone',
  authorName: 'Someone',
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
  receivedAt: '2026-11-27T10:00:00.000Z',
  updatedAt: null,
  refusal: null,
  ...over,
});

describe('moderation decisions', () => {
  it('reads an unanswered decision as queued', () => {
    const queued = decision({});
    expect(queuedDecisionFor(postId, [queued])).toBe(queued);
    expect(myDecisions([queued], me)).toEqual([{ kind: 'queued', decision: queued }]);
  });

  it('names who decided first, and what, when mine was superseded', () => {
    const mine = decision({
      moderatorId: me.id,
      outcome: 'superseded',
      updatedAt: '2026-11-27T10:05:00.000Z',
    });
    const theirs = decision({
      id: '0192f0c1-7a4e-7cc0-8f3e-000000000011',
      moderatorId: '0192f0c1-7a4e-7cc0-8f3e-000000000002',
      moderatorName: 'Rita Regional',
      decision: 'reject',
      reason: 'Off topic',
      outcome: 'applied',
      updatedAt: '2026-11-27T10:01:00.000Z',
    });
    const views = myDecisions([mine, theirs], me);
    expect(views).toEqual([
      { kind: 'superseded', decision: mine, decidedBy: 'Rita Regional', first: theirs },
    ]);
    expect(queuedDecisionFor(postId, [mine, theirs])).toBeUndefined();
  });
});

describe('the queue', () => {
  const questions = new Map<string, Question>([
    [
      'q1',
      { id: 'q1', spaceId: 'space-a', phaseId: 'p1', position: 0, title: {}, body: {}, updatedAt: null },
    ],
    [
      'q2',
      { id: 'q2', spaceId: 'space-a', phaseId: 'p2', position: 1, title: {}, body: {}, updatedAt: null },
    ],
  ]);

  it('holds received pending posts and flagged published ones of my spaces', () => {
    const pending = post({});
    const unsent = post({ receivedAt: null });
    const flagged = post({
      status: 'approved',
      flags: [{ reason: 'rude', createdAt: '2026-11-27T11:00:00.000Z' }],
    });
    const published = post({ status: 'approved' });
    const elsewhere = post({ spaceId: 'space-b' });
    const regional = { ...me, globalModerator: false, moderatorOf: ['space-a'] };
    expect(queueOf([pending, unsent, flagged, published, elsewhere], regional)).toEqual([pending, flagged]);
  });

  it('filters by question, phase and language and sorts by arrival', () => {
    const a = post({ receivedAt: '2026-11-27T10:00:00.000Z' });
    const b = post({ receivedAt: '2026-11-27T12:00:00.000Z', questionId: 'q2', lang: 'fr' });
    const c = post({ receivedAt: '2026-11-27T11:00:00.000Z' });
    expect(filterQueue([a, b, c], NO_FILTERS, questions)).toEqual([a, c, b]);
    expect(filterQueue([a, b, c], { ...NO_FILTERS, order: 'newest' }, questions)).toEqual([b, c, a]);
    expect(filterQueue([a, b, c], { ...NO_FILTERS, questionId: 'q2' }, questions)).toEqual([b]);
    expect(filterQueue([a, b, c], { ...NO_FILTERS, phaseId: 'p1' }, questions)).toEqual([a, c]);
    expect(filterQueue([a, b, c], { ...NO_FILTERS, lang: 'fr' }, questions)).toEqual([b]);
  });
});
