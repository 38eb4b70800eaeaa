import { describe, expect, it } from 'vitest';
import type { Post } from '@parley/shared';
import { changeOutcome, settled, type SentChange } from './sent-changes';

type Seen = Pick<Post, 'receivedAt' | 'status' | 'body' | 'lang' | 'anonymous'>;
const edit: SentChange = {
  kind: 'edit',
  body: 'New text',
  lang: 'en',
  anonymous: false,
  at: '2026-12-01T10:00:00Z',
};
const withdraw: SentChange = { kind: 'withdraw', at: '2026-12-01T10:00:00Z' };
const onDevice: Seen = {
  receivedAt: null,
  status: 'pending',
  body: 'New text',
  lang: 'en',
  anonymous: false,
};
const answered = '2026-12-01T10:00:05Z';

describe('what became of a change the author sent', () => {
  it('waits until the server answers', () => {
    expect(changeOutcome(onDevice, edit)).toBe('waiting');
    expect(changeOutcome({ ...onDevice, status: 'withdrawn' }, withdraw)).toBe('waiting');
  });

  it('an edit the server took is shown as edited until a moderator decides', () => {
    const taken = { ...onDevice, receivedAt: answered };
    expect(changeOutcome(taken, edit)).toBe('applied');
    expect(settled(taken, 'applied', edit)).toBe(false);
    expect(settled({ ...taken, status: 'approved' }, 'applied', edit)).toBe(true);
  });

  it("an edit that gave way to the server's version (a moderator decided first) is a conflict", () => {
    const master = { ...onDevice, receivedAt: answered, status: 'approved' as const, body: 'Old text' };
    expect(changeOutcome(master, edit)).toBe('conflict');
    expect(settled(master, 'conflict', edit)).toBe(false);
    // Withdrawn meanwhile from another device: there is nothing left to edit.
    expect(changeOutcome({ ...master, status: 'withdrawn' }, edit)).toBe('applied');
  });

  it('a withdrawal is applied once the server says withdrawn, a conflict otherwise', () => {
    expect(changeOutcome({ ...onDevice, receivedAt: answered, status: 'withdrawn' }, withdraw)).toBe(
      'applied',
    );
    expect(settled({ status: 'withdrawn' }, 'applied', withdraw)).toBe(true);
    expect(changeOutcome({ ...onDevice, receivedAt: answered, status: 'approved' }, withdraw)).toBe(
      'conflict',
    );
  });
});
