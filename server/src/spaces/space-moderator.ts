import type { AppContext } from '../app-context';
import { isAdmin, moderates, type Viewer } from '../auth/viewer';
import { AppError } from '../http/errors';
import { findSpace, type SpaceRecord } from './space-repository';

/**
 * The space at `slug`, for its regional moderators, global moderators and administrators: 401
 * signed out, 404 no such space, 403 for anyone else, saying they cannot `action` (e.g. "read its
 * report"; the client shows its own translated text for each).
 */
export async function requireSpaceModerator(
  ctx: AppContext,
  viewer: Viewer,
  slug: string,
  action: string,
): Promise<SpaceRecord> {
  if (!viewer.user) throw new AppError(401, 'unauthenticated', 'Sign in first.');
  const space = await findSpace(ctx.db, { slug });
  // A draft is the administrators' alone: to anyone else it does not exist yet.
  if (!space || (space.status === 'draft' && !isAdmin(viewer))) {
    throw new AppError(404, 'not_found', 'No such space.');
  }
  if (!moderates(viewer, space.id) && !isAdmin(viewer)) {
    throw new AppError(403, 'forbidden', `Only this space's moderators and administrators can ${action}.`);
  }
  return space;
}
