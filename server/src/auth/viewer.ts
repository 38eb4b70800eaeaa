import type { Me, Role } from '@parley/shared';

export interface SignedInUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  lang: string;
  /** E-mail decisions on their posts; absent counts as off. */
  notifyByEmail?: boolean;
}

/** Who is asking, as every access check needs it. Resolved once per request from the session. */
export interface Viewer {
  user: SignedInUser | null;
  /** Moderates every space (a global moderator, or an admin). */
  globalModerator: boolean;
  /** Spaces moderated as a regional moderator. */
  moderatorOf: readonly string[];
}

export const ANONYMOUS_VIEWER: Viewer = { user: null, globalModerator: false, moderatorOf: [] };

export const moderates = (viewer: Viewer, spaceId: string): boolean =>
  viewer.user !== null && (viewer.globalModerator || viewer.moderatorOf.includes(spaceId));

export const moderatesAny = (viewer: Viewer): boolean =>
  viewer.user !== null && (viewer.globalModerator || viewer.moderatorOf.length > 0);

export const isAdmin = (viewer: Viewer): boolean => viewer.user?.role === 'admin';

export function toMe(viewer: Viewer & { user: SignedInUser }): Me {
  const { id, email, displayName, role, lang, notifyByEmail } = viewer.user;
  return {
    id,
    email,
    displayName,
    role,
    lang,
    notifyByEmail: notifyByEmail ?? false,
    globalModerator: viewer.globalModerator,
    moderatorOf: [...viewer.moderatorOf],
  };
}
