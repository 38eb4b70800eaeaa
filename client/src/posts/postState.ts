import type { Post } from '@parley/shared';

export type PostStateKey =
  'waiting' | 'sending' | 'awaiting' | 'published' | 'notPublished' | 'hidden' | 'withdrawn';

export interface PostState {
  key: PostStateKey;
  /** Why it was not published: the server's refusal (code + message) or the moderator's reason. */
  reason: { code: string | null; text: string } | null;
}

/**
 * What the author is told about their post. The server decides `status`; a post that the server
 * has not received yet (receivedAt null) is in the device's outbox.
 */
export function postState(
  post: Pick<Post, 'status' | 'receivedAt' | 'refusal' | 'moderationReason'>,
  online: boolean,
): PostState {
  switch (post.status) {
    case 'approved':
      return { key: 'published', reason: null };
    case 'rejected':
      return {
        key: 'notPublished',
        reason: post.refusal
          ? { code: post.refusal.code, text: post.refusal.message }
          : post.moderationReason
            ? { code: null, text: post.moderationReason }
            : null,
      };
    case 'hidden':
      return {
        key: 'hidden',
        reason: post.moderationReason ? { code: null, text: post.moderationReason } : null,
      };
    case 'withdrawn':
      return { key: 'withdrawn', reason: null };
    case 'pending':
      if (post.receivedAt === null) return { key: online ? 'sending' : 'waiting', reason: null };
      return { key: 'awaiting', reason: null };
  }
}

/**
 * The outbox as a state machine: which states may follow which. A post only moves forward; the
 * ways back are the connection (sending ⇄ waiting), a moderator's later decision (published →
 * hidden, hidden → published on restore) and the author's own edit, which puts a post the server
 * has back into the outbox (→ waiting or sending) and then to moderation again.
 */
const EDITED: readonly PostStateKey[] = ['waiting', 'sending'];
export const NEXT: Record<PostStateKey, readonly PostStateKey[]> = {
  waiting: ['sending', 'awaiting', 'published', 'notPublished', 'hidden', 'withdrawn'],
  sending: ['waiting', 'awaiting', 'published', 'notPublished', 'hidden', 'withdrawn'],
  awaiting: ['published', 'notPublished', 'withdrawn', ...EDITED],
  published: ['hidden', 'withdrawn', ...EDITED],
  notPublished: ['published', 'withdrawn'],
  hidden: ['published', 'withdrawn', ...EDITED],
  withdrawn: [],
};

export function canFollow(from: PostStateKey, to: PostStateKey): boolean {
  return from === to || NEXT[from].includes(to);
}

/** A post the server refused, or a moderator rejected, can be edited and posted again. */
export function repostable(state: PostState): boolean {
  return state.key === 'notPublished';
}
