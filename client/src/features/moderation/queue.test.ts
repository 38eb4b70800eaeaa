import { describe, expect, it } from 'vitest';
import type { Me, Moderation } from '@parley/shared';
import { myDecisions, queuedDecisionFor } from './queue';

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
  basedOnStatus: 'pending',
  moderatorId: null,
  moderatorName: null,
  createdAt: '2026-11-27T10:00:00.000Z',
  outcome: null,
  updatedAt: null,
  ...over,
});

describe('moderation decisions', () => {
  it('reads an unanswered decision as queued', () => {
    const queued = decision({});
    expect(queuedDecisionFor(postId, [queued])).toBe(queued);
    expect(myDecisions([queued], me)).toEqual([{ kind: 'queued', decision: queued }]);
  });

  it('names who decided first when mine was superseded', () => {
    const mine = decision({ moderatorId: me.id, outcome: 'superseded' });
    const theirs = decision({
      id: '0192f0c1-7a4e-7cc0-8f3e-000000000011',
      moderatorId: '0192f0c1-7a4e-7cc0-8f3e-000000000002',
      moderatorName: 'Rita Regional',
      decision: 'reject',
      outcome: 'applied',
    });
    const views = myDecisions([mine, theirs], me);
    expect(views).toEqual([{ kind: 'superseded', decision: mine, decidedBy: 'Rita Regional' }]);
    expect(queuedDecisionFor(postId, [mine, theirs])).toBeUndefined();
  });
});
