import { Question, Space, type PushRow, type WithDeleted } from '@parley/shared';
import type { AppContext } from '../app-context';
import { isAdmin, type Viewer } from '../auth/viewer';
import type { Queryable } from '../db/db';
import type { PushOptions } from '../sync/sync-collection';
import { writeTx } from '../db/write';
import { AppError } from '../http/errors';
import {
  findSpace,
  lockQuestion,
  lockSpace,
  maxQuestionSeq,
  maxSpaceSeq,
  pullQuestions,
  pullSpaces,
  slugTakenByOther,
  upsertQuestion,
  upsertSpace,
} from './space-repository';

/**
 * Spaces and questions are public once published: everyone pulls them. A draft space and its
 * questions reach administrators only (the SQL leaves them out for anyone else); a removed
 * question goes out as a deletion to everyone.
 */
function page<T extends { seq: number; removed?: boolean }>(rows: T[]) {
  const documents = rows.map(({ seq: _, removed, ...doc }) => ({ ...doc, _deleted: removed === true }));
  return { documents, lastSeq: rows.at(-1)?.seq ?? null };
}

export const spacesSync = {
  pull: async (q: Queryable, viewer: Viewer, afterSeq: number, limit: number) =>
    page(await pullSpaces(q, afterSeq, limit, isAdmin(viewer))),
  maxSeq: maxSpaceSeq,
  /**
   * Admin only. `moderators` in a pushed space is ignored: assignments live in their own table.
   * `status` is ignored too: a new space starts as a draft, and only PUT /api/spaces/:slug/status
   * moves it (space-status.ts).
   * With `echoStored` (the organiser's device), every stored space comes back as the server has it
   * (its new updatedAt), so the device's next edit is not taken for a conflict.
   */
  async push(
    ctx: AppContext,
    viewer: Viewer,
    rows: PushRow[],
    options: PushOptions = { echoStored: false },
  ): Promise<WithDeleted<Space>[]> {
    requireAdmin(viewer);
    const conflicts: WithDeleted<Space>[] = [];
    for (const row of rows) {
      const parsed = Space.safeParse(row.newDocumentState);
      if (!parsed.success) continue;
      const { moderators: _, updatedAt: __, status: ___, ...space } = parsed.data;
      const conflict = await writeTx(ctx, ['spaces'], async (tx) => {
        const master = await lockSpace(tx, space.id);
        if (master && row.assumedMasterState?.updatedAt !== master.updatedAt) return master;
        // A slug belongs to one space; a clash is skipped rather than failing the whole push
        // (an existing space comes back as stored, so the device drops the clashing slug).
        if (await slugTakenByOther(tx, space.slug, space.id)) return master;
        // A device that predates reason templates sends none: keep the stored ones.
        const templatesSent = 'reasonTemplates' in row.newDocumentState;
        await upsertSpace(
          tx,
          {
            ...space,
            reasonTemplates: templatesSent ? space.reasonTemplates : (master?.reasonTemplates ?? []),
            // Likewise the deletion policy: absent = the stored one stays.
            deletionPolicy: 'deletionPolicy' in row.newDocumentState ? space.deletionPolicy : undefined,
          },
          // An organiser prepares a new space unpublished.
          'draft',
        );
        return options.echoStored ? findSpace(tx, { id: space.id }) : null;
      });
      if (conflict) conflicts.push(page([conflict]).documents[0]!);
    }
    return conflicts;
  },
};

export const questionsSync = {
  pull: async (q: Queryable, viewer: Viewer, afterSeq: number, limit: number) =>
    page(await pullQuestions(q, afterSeq, limit, isAdmin(viewer))),
  maxSeq: maxQuestionSeq,
  async push(
    ctx: AppContext,
    viewer: Viewer,
    rows: PushRow[],
    options: PushOptions = { echoStored: false },
  ): Promise<WithDeleted<Question>[]> {
    requireAdmin(viewer);
    const conflicts: WithDeleted<Question>[] = [];
    for (const row of rows) {
      const parsed = Question.safeParse(row.newDocumentState);
      if (!parsed.success) continue;
      const { updatedAt: _, ...question } = parsed.data;
      const conflict = await writeTx(ctx, ['questions'], async (tx) => {
        const master = await lockQuestion(tx, question.id);
        if (master && row.assumedMasterState?.updatedAt !== master.updatedAt) return master;
        const space = await findSpace(tx, { id: question.spaceId });
        if (!space?.phases.some((p) => p.id === question.phaseId)) return null;
        await upsertQuestion(tx, question);
        return options.echoStored ? lockQuestion(tx, question.id) : null;
      });
      if (conflict) conflicts.push(page([conflict]).documents[0]!);
    }
    return conflicts;
  },
};

function requireAdmin(viewer: Viewer) {
  if (!isAdmin(viewer))
    throw new AppError(403, 'forbidden', 'Only an administrator can change spaces and questions.');
}
