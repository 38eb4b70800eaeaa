import { canMoveSpace, type QuestionRemoval, type Space, type SpaceStatus } from '@parley/shared';
import type { AppContext } from '../app-context';
import { isAdmin, type Viewer } from '../auth/viewer';
import { writeTx } from '../db/write';
import { AppError } from '../http/errors';
import { findSpace, lockSpace, removeQuestion, setSpaceStatus } from './space-repository';

function requireAdmin(viewer: Viewer, action: string) {
  if (!viewer.user) throw new AppError(401, 'unauthenticated', 'Sign in first.');
  if (!isAdmin(viewer)) throw new AppError(403, 'forbidden', `Only an administrator can ${action}.`);
}

const NAMES: Record<SpaceStatus, string> = {
  draft: 'a draft',
  published: 'published',
  closed: 'closed',
  archived: 'archived',
};

/**
 * Moves a space along its life: draft → published → closed ⇄ published, closed or published →
 * archived → closed. The same status again is a retry and changes nothing; any other move is
 * refused 409 `invalid_transition`, naming where the space is.
 */
export async function changeSpaceStatus(
  ctx: AppContext,
  viewer: Viewer,
  slug: string,
  status: SpaceStatus,
): Promise<Space> {
  requireAdmin(viewer, "change a space's status");
  const found = await findSpace(ctx.db, { slug });
  if (!found) throw new AppError(404, 'not_found', 'No such space.');
  const stored = await writeTx(ctx, ['spaces', 'questions', 'posts', 'moderation'], async (tx) => {
    const space = await lockSpace(tx, found.id);
    if (!space) throw new AppError(404, 'not_found', 'No such space.');
    if (space.status === status) return space;
    if (!canMoveSpace(space.status, status)) {
      throw new AppError(
        409,
        'invalid_transition',
        `This space is ${NAMES[space.status]}: it cannot become ${NAMES[status]} from there.`,
      );
    }
    await setSpaceStatus(tx, space.id, status, space.status);
    return (await findSpace(tx, { id: space.id }))!;
  });
  const { seq: _, ...doc } = stored;
  return doc;
}

/**
 * Removes a question from the space: it and its posts leave every device (they go out as
 * deletions) and the server takes no more posts for it. The rows stay in the database.
 */
export async function removeSpaceQuestion(
  ctx: AppContext,
  viewer: Viewer,
  slug: string,
  questionId: string,
): Promise<QuestionRemoval> {
  requireAdmin(viewer, 'remove a question');
  const space = await findSpace(ctx.db, { slug });
  if (!space) throw new AppError(404, 'not_found', 'No such space.');
  const posts = await writeTx(ctx, ['questions', 'posts'], (tx) => removeQuestion(tx, space.id, questionId));
  if (posts === null) throw new AppError(404, 'not_found', 'This space has no such question.');
  return { questionId, posts };
}
