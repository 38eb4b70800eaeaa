import type { PushRow } from '@parley/shared';
import type { AppContext } from '../app-context';
import { isAdmin, type Viewer } from '../auth/viewer';
import type { Queryable } from '../db/db';
import type { PushOptions } from '../sync/sync-collection';
import { AppError } from '../http/errors';
import { draftSpaceIds } from '../spaces/space-repository';
import { maxPostSeq, pullPosts } from './post-repository';
import { presentPost } from './present-post';
import { pushPosts } from './push-posts';

export const postsSync = {
  async pull(
    q: Queryable,
    viewer: Viewer,
    afterSeq: number,
    limit: number,
    spaces: readonly string[] | null,
  ) {
    const audience = {
      userId: viewer.user?.id ?? null,
      global: viewer.globalModerator,
      spaceIds: viewer.moderatorOf,
      questionIds: viewer.moderatorOfQuestions ?? [],
      // A draft space's posts reach administrators only.
      hiddenSpaces: isAdmin(viewer) ? [] : await draftSpaceIds(q),
    };
    const rows = await pullPosts(q, audience, afterSeq, limit, spaces);
    return { documents: rows.map((row) => presentPost(row, viewer)), lastSeq: rows.at(-1)?.seq ?? null };
  },
  maxSeq: maxPostSeq,
  push(ctx: AppContext, viewer: Viewer, rows: PushRow[], options: PushOptions) {
    if (!viewer.user) throw new AppError(401, 'unauthenticated', 'Sign in to post.');
    return pushPosts(ctx, viewer, viewer.user, rows, options);
  },
};
