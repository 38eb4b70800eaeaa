import { describe, expect, it } from 'vitest';
import type { Post } from '@parley/shared';
import { canFollow, postState, repostable, type PostStateKey } from './postState';

type Snapshot = Pick<Post, 'status' | 'receivedAt' | 'refusal' | 'moderationReason'>;
const written: Snapshot = { status: 'pending', receivedAt: null, refusal: null, moderationReason: null };
const received = { ...written, receivedAt: '2026-11-27T10:00:01.000Z' };

/** Runs a post through a sequence of (document, connection) steps and returns the states seen. */
function run(steps: [Snapshot, boolean][]): PostStateKey[] {
  const seen = steps.map(([post, online]) => postState(post, online).key);
  seen.forEach((state, i) => {
    if (i > 0) expect(canFollow(seen[i - 1]!, state), `${seen[i - 1]} → ${state}`).toBe(true);
  });
  return seen;
}

describe('the outbox state machine', () => {
  it('journey 1: written offline, waits, sends when the connection returns, awaits, is published', () => {
    expect(
      run([
        [written, false],
        [written, false],
        [written, true],
        [received, true],
        [{ ...received, status: 'approved' }, true],
      ]),
    ).toEqual(['waiting', 'waiting', 'sending', 'awaiting', 'published']);
  });

  it('a connection that drops while sending goes back to waiting, then on', () => {
    expect(
      run([
        [written, true],
        [written, false],
        [written, true],
        [received, false],
      ]),
    ).toEqual(['sending', 'waiting', 'sending', 'awaiting']);
  });

  it('a post refused by the server (phase closed) is not published, with the reason, and can be re-posted', () => {
    const refused = {
      ...written,
      status: 'rejected' as const,
      refusal: { code: 'phase_closed' as const, message: 'closed' },
    };
    expect(
      run([
        [written, true],
        [refused, true],
      ]),
    ).toEqual(['sending', 'notPublished']);
    const state = postState(refused, true);
    expect(state.reason?.code).toBe('phase_closed');
    expect(repostable(state)).toBe(true);
  });

  it('a moderator rejects with a reason; only the author sends a received post back to the outbox', () => {
    const rejected = { ...received, status: 'rejected' as const, moderationReason: 'Off topic' };
    expect(
      run([
        [received, true],
        [rejected, false],
      ]),
    ).toEqual(['awaiting', 'notPublished']);
    expect(canFollow('notPublished', 'waiting')).toBe(false);
    expect(canFollow('published', 'awaiting')).toBe(false);
    expect(repostable(postState(received, true))).toBe(false);
  });

  it('the author edits a published post offline: it waits, is sent, and goes back to moderation; a withdrawal is final', () => {
    const published = { ...received, status: 'approved' as const };
    expect(
      run([
        [published, false],
        [written, false],
        [written, true],
        [received, true],
        [published, true],
        [{ ...written, status: 'withdrawn' }, false],
      ]),
    ).toEqual(['published', 'waiting', 'sending', 'awaiting', 'published', 'withdrawn']);
    expect(canFollow('withdrawn', 'waiting')).toBe(false);
  });
});
