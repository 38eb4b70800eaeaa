import type { Me, Role } from '@parley/shared';

export interface SignedInUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  lang: string;
  /** E-mail decisions on their posts; absent counts as off. */
  notifyByEmail?: boolean;
  /** E-mail replies to their posts; absent counts as off. */
  notifyRepliesByEmail?: boolean;
  /** Shown with their name on their posts; absent or null: none. */
  organisation?: string | null;
}

/** Who is asking, as every access check needs it. Resolved once per request from the session. */
export interface Viewer {
  user: SignedInUser | null;
  /** Moderates every space (a global moderator, or an admin). */
  globalModerator: boolean;
  /** Spaces moderated as a whole (a regional moderator). */
  moderatorOf: readonly string[];
  /**
   * Questions moderated one by one (a question moderator): their posts, flags and log only, never
   * the rest of the space. Absent counts as none.
   */
  moderatorOfQuestions?: readonly string[];
}

export const ANONYMOUS_VIEWER: Viewer = {
  user: null,
  globalModerator: false,
  moderatorOf: [],
  moderatorOfQuestions: [],
};

/** Moderates the whole space: global, or regional for it. A question moderator does not. */
export const moderates = (viewer: Viewer, spaceId: string): boolean =>
  viewer.user !== null && (viewer.globalModerator || viewer.moderatorOf.includes(spaceId));

/** Moderates this post: its whole space, or its question. Every check on one post uses this. */
export const moderatesPost = (viewer: Viewer, post: { spaceId: string; questionId: string }): boolean =>
  moderates(viewer, post.spaceId) ||
  (viewer.user !== null && (viewer.moderatorOfQuestions ?? []).includes(post.questionId));

export const moderatesAny = (viewer: Viewer): boolean =>
  viewer.user !== null &&
  (viewer.globalModerator || viewer.moderatorOf.length > 0 || (viewer.moderatorOfQuestions ?? []).length > 0);

export const isAdmin = (viewer: Viewer): boolean => viewer.user?.role === 'admin';

export function toMe(viewer: Viewer & { user: SignedInUser }): Me {
  const { id, email, displayName, role, lang, notifyByEmail, notifyRepliesByEmail, organisation } =
    viewer.user;
  return {
    id,
    email,
    displayName,
    role,
    lang,
    notifyByEmail: notifyByEmail ?? false,
    notifyRepliesByEmail: notifyRepliesByEmail ?? false,
    organisation: organisation ?? null,
    globalModerator: viewer.globalModerator,
    moderatorOf: [...viewer.moderatorOf],
    moderatorOfQuestions: [...(viewer.moderatorOfQuestions ?? [])],
  };
}
