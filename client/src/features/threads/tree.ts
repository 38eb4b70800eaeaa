import type { Post } from '@parley/shared';
import { shownAuthorName } from '../../posts/display';

export interface ThreadNode {
  post: Post;
  /** The author name of the post it answers, when that post is shown. */
  parentName: string | null;
  depth: number;
  replies: ThreadNode[];
}

/**
 * Who sees which post in a thread: everyone sees published posts; the author also sees their own
 * posts in every state but withdrawn, which leaves the thread once the server has it (My posts
 * still lists it). (The server already filters; a moderator's device holds pending posts of
 * others, which belong in the queue, not in the thread.)
 */
export function visibleInThread(post: Post, viewerId: string | null): boolean {
  if (post.status === 'approved') return true;
  if (viewerId === null || post.authorId !== viewerId) return false;
  return post.status !== 'withdrawn' || post.receivedAt === null;
}

/**
 * Posts (oldest first) as a tree of comments and replies. A reply whose parent is not visible
 * is shown at the top level, still saying whom it answers when that is known.
 */
const nameOf = (parent: Post | undefined, viewerId: string | null) =>
  parent ? shownAuthorName(parent, viewerId) : null;

export function buildThread(posts: readonly Post[], viewerId: string | null): ThreadNode[] {
  const byId = new Map(posts.map((p) => [p.id, p]));
  const shown = posts.filter((p) => visibleInThread(p, viewerId));
  const shownIds = new Set(shown.map((p) => p.id));
  const children = new Map<string, Post[]>();
  const roots: Post[] = [];
  for (const post of shown) {
    if (post.parentId && shownIds.has(post.parentId)) {
      const list = children.get(post.parentId) ?? [];
      list.push(post);
      children.set(post.parentId, list);
    } else roots.push(post);
  }
  const toNode = (post: Post, depth: number): ThreadNode => ({
    post,
    parentName: post.parentId ? nameOf(byId.get(post.parentId), viewerId) : null,
    depth,
    replies: (children.get(post.id) ?? []).map((child) => toNode(child, depth + 1)),
  });
  return roots.map((p) => toNode(p, 0));
}
