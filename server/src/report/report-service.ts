import { buildReport, type SpaceReport } from '@parley/shared';
import type { AppContext } from '../app-context';
import { isAdmin, moderates, type Viewer } from '../auth/viewer';
import { AppError } from '../http/errors';
import { findSpace } from '../spaces/space-repository';
import { approvedPostsOfSpace, questionsOfSpace } from './report-repository';

/** The summary report, for the space's moderators and administrators only. */
export async function spaceReport(
  ctx: AppContext,
  viewer: Viewer,
  slug: string,
  phaseId: string | null,
): Promise<SpaceReport> {
  if (!viewer.user) throw new AppError(401, 'unauthenticated', 'Sign in first.');
  const space = await findSpace(ctx.db, { slug });
  if (!space) throw new AppError(404, 'not_found', 'No such space.');
  if (!moderates(viewer, space.id) && !isAdmin(viewer)) {
    throw new AppError(
      403,
      'forbidden',
      "Only this space's moderators and administrators can read its report.",
    );
  }
  if (phaseId !== null && !space.phases.some((p) => p.id === phaseId)) {
    throw new AppError(404, 'not_found', 'This space has no such phase.');
  }
  const [questions, posts] = await Promise.all([
    questionsOfSpace(ctx.db, space.id),
    approvedPostsOfSpace(ctx.db, space.id),
  ]);
  return buildReport(space, questions, posts, phaseId);
}
