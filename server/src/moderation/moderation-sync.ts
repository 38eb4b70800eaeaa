import type { WithDeleted, Moderation } from '@parley/shared';
import { moderatesAny, type Viewer } from '../auth/viewer';
import type { Queryable } from '../db/db';
import { pushDecisions } from './decide';
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
      { global: viewer.globalModerator, spaceIds: viewer.moderatorOf },
      afterSeq,
      limit,
      spaces,
    );
    const documents = rows.map(({ seq: _, ...doc }) => ({ ...doc, _deleted: false }));
    return { documents, lastSeq: rows.at(-1)?.seq ?? null };
  },
  maxSeq: maxModerationSeq,
  push: pushDecisions,
};
