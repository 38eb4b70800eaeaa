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
