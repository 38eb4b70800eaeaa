import type { WithDeleted, Moderation } from '@parley/shared';
import { isAdmin, moderatesAny, type Viewer } from '../auth/viewer';
import type { Queryable } from '../db/db';
import { pushDecisions } from './decide';
import { draftSpaceIds } from '../spaces/space-repository';
import { maxModerationSeq, pullModeration } from './moderation-repository';

export const moderationSync = {
  async pull(
    q: Queryable,
    viewer: Viewer,
    afterSeq: number,
    limit: number,
    spaces: readonly string[] | null,
  ) {
    // Moderators only; everyone else gets an empty log, without a query.
    if (!moderatesAny(viewer)) {
      return { documents: [] as WithDeleted<Moderation>[], lastSeq: null };
    }
    const rows = await pullModeration(
      q,
      {
        global: viewer.globalModerator,
        spaceIds: viewer.moderatorOf,
        questionIds: viewer.moderatorOfQuestions ?? [],
      },
      afterSeq,
      limit,
      spaces,
    );
    // A draft space's log reaches administrators only; publishing it moves the log to the end of
    // the change order (setSpaceStatus), so skipping it here loses nothing for later.
    const hidden = new Set(isAdmin(viewer) ? [] : await draftSpaceIds(q));
    const documents = rows
      .filter((row) => row.spaceId === null || !hidden.has(row.spaceId))
      .map(({ seq: _, ...doc }) => ({ ...doc, _deleted: false }));
    return { documents, lastSeq: rows.at(-1)?.seq ?? null };
  },
  maxSeq: maxModerationSeq,
  push: pushDecisions,
};
