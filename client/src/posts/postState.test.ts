import { describe, expect, it } from 'vitest';
import { postState } from './postState';

const base = { status: 'pending' as const, receivedAt: null, refusal: null, moderationReason: null };
const received = '2026-11-27T10:00:01.000Z';

describe('postState', () => {
  it('tells a post still in the outbox apart by connection', () => {
    expect(postState(base, false).key).toBe('waiting');
    expect(postState(base, true).key).toBe('sending');
  });

  it('follows the server status once received', () => {
    expect(postState({ ...base, receivedAt: received }, true).key).toBe('awaiting');
    expect(postState({ ...base, receivedAt: received }, false).key).toBe('awaiting');
    expect(postState({ ...base, status: 'approved', receivedAt: received }, true)).toEqual({
      key: 'published',
      reason: null,
    });
    expect(postState({ ...base, status: 'withdrawn', receivedAt: received }, true).key).toBe('withdrawn');
  });

  it("gives the moderator's reason for a rejected or hidden post", () => {
    const rejected = postState(
      { ...base, status: 'rejected', receivedAt: received, moderationReason: 'Off topic' },
      true,
    );
    expect(rejected).toEqual({ key: 'notPublished', reason: { code: null, text: 'Off topic' } });
    const hidden = postState(
      { ...base, status: 'hidden', receivedAt: received, moderationReason: 'Spam' },
      true,
    );
    expect(hidden).toEqual({ key: 'hidden', reason: { code: null, text: 'Spam' } });
  });

  it('prefers the server refusal, even for a post the server never stamped', () => {
    const refused = postState(
      { ...base, status: 'rejected', refusal: { code: 'phase_closed', message: 'The phase is closed' } },
      true,
    );
    expect(refused).toEqual({
      key: 'notPublished',
      reason: { code: 'phase_closed', text: 'The phase is closed' },
    });
    expect(postState({ ...base, status: 'rejected' }, true)).toEqual({ key: 'notPublished', reason: null });
  });
});
