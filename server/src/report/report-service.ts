import { buildReport, type SpaceReport } from '@parley/shared';
import type { AppContext } from '../app-context';
import type { Viewer } from '../auth/viewer';
import { AppError } from '../http/errors';
import { requireSpaceModerator } from '../spaces/space-moderator';
import { approvedPostsOfSpace, questionsOfSpace } from './report-repository';

/** The summary report, for the space's moderators and administrators only. */
export async function spaceReport(
  ctx: AppContext,
  viewer: Viewer,
  slug: string,
  phaseId: string | null,
): Promise<SpaceReport> {
  const space = await requireSpaceModerator(ctx, viewer, slug, 'read its report');
  if (phaseId !== null && !space.phases.some((p) => p.id === phaseId)) {
    throw new AppError(404, 'not_found', 'This space has no such phase.');
  }
  const [questions, posts] = await Promise.all([
    questionsOfSpace(ctx.db, space.id),
    approvedPostsOfSpace(ctx.db, space.id),
  ]);
  return buildReport(space, questions, posts, phaseId);
}
