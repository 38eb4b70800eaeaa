import type { Post } from '@parley/shared';

/**
 * What an author is told about their posts, derived on the device from their own posts' states
 * (the server sends them every change of their posts) and from the published replies to them:
 * nothing is stored on the server, and the read state is this device's.
 */
export type NoticeKind = 'published' | 'notPublished' | 'hidden' | 'reply';

export interface Notice {
  post: Post;
  kind: NoticeKind;
  /** Server time of the change. */
  at: string;
  unread: boolean;
}

const KIND: Partial<Record<Post['status'], NoticeKind>> = {
  approved: 'published',
  rejected: 'notPublished',
  hidden: 'hidden',
};

/**
 * A notice per own post that a moderator decided (a refusal by the server is shown where the
 * author posted, not here), newest first; unread when it changed after `readAt`.
 */
export function noticesOf(posts: readonly Post[], viewerId: string, readAt: string): Notice[] {
  const notices: Notice[] = [];
  for (const post of posts) {
    const kind = KIND[post.status];
    if (!kind || post.authorId !== viewerId || post.refusal || !post.receivedAt) continue;
    // A moderator's own post is published at once: no news for them.
    if (post.fromModerator) continue;
    const at = post.updatedAt ?? post.receivedAt;
    notices.push({ post, kind, at, unread: at > readAt });
  }
  return notices.sort((a, b) => b.at.localeCompare(a.at));
}

/**
 * A notice per published reply to one of my posts written by someone else (not my own reply,
 * whether I posted it under my name or anonymously), dated when it was published.
 */
export function replyNoticesOf(
  replies: readonly Post[],
  mine: readonly Post[],
  viewerId: string,
  readAt: string,
): Notice[] {
  const myIds = new Set(mine.filter((p) => p.authorId === viewerId).map((p) => p.id));
  const notices: Notice[] = [];
  for (const reply of replies) {
    if (reply.status !== 'approved' || reply.parentId === null || !myIds.has(reply.parentId)) continue;
    if (reply.authorId === viewerId || !reply.receivedAt) continue;
    const at = reply.updatedAt ?? reply.receivedAt;
    notices.push({ post: reply, kind: 'reply', at, unread: at > readAt });
  }
  return notices;
}

/** Decisions on my posts and replies to them, newest first. */
export function allNoticesOf(
  mine: readonly Post[],
  replies: readonly Post[],
  viewerId: string,
  readAt: string,
): Notice[] {
  return [...noticesOf(mine, viewerId, readAt), ...replyNoticesOf(replies, mine, viewerId, readAt)].sort(
    (a, b) => b.at.localeCompare(a.at),
  );
}

const KEY = 'parley.notifications.readAt.';
const CHANGED = 'parley:notifications-read';

/**
 * When this user last read their notifications on this device. The first time, now: what was
 * decided before the device knew the user is history, not news.
 */
export function readAtOf(viewerId: string): string {
  try {
    const stored = globalThis.localStorage?.getItem(KEY + viewerId);
    if (stored) return stored;
    const now = new Date().toISOString();
    globalThis.localStorage?.setItem(KEY + viewerId, now);
    return now;
  } catch {
    return new Date(0).toISOString();
  }
}

export function markRead(viewerId: string, at: string): void {
  try {
    if (at <= readAtOf(viewerId)) return;
    globalThis.localStorage?.setItem(KEY + viewerId, at);
  } catch {
    // storage refused: read state lasts this visit only
  }
  globalThis.dispatchEvent?.(new Event(CHANGED));
}

/** Calls listener when the read state changes in this tab or another one. */
export function onReadChange(listener: () => void): () => void {
  const onStorage = (e: StorageEvent) => e.key?.startsWith(KEY) && listener();
  globalThis.addEventListener?.(CHANGED, listener);
  globalThis.addEventListener?.('storage', onStorage);
  return () => {
    globalThis.removeEventListener?.(CHANGED, listener);
    globalThis.removeEventListener?.('storage', onStorage);
  };
}
