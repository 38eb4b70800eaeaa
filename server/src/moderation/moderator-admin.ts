import type { AppContext } from '../app-context';
import { AdminError, assignModeratorToSpace, removeModeratorFromSpace } from '../admin/commands';
import { isAdmin, type Viewer } from '../auth/viewer';
import { AppError } from '../http/errors';

/**
 * The in-app twin of `npm run admin -- moderator assign|remove`: the same service functions, so the
 * command and the app cannot drift apart. Administrators only.
 */
async function asAdmin(viewer: Viewer, run: () => Promise<string>): Promise<{ message: string }> {
  if (!viewer.user) throw new AppError(401, 'unauthenticated', 'Sign in first.');
  if (!isAdmin(viewer))
    throw new AppError(403, 'forbidden', 'Only an administrator can change who moderates a space.');
  try {
    return { message: await run() };
  } catch (error) {
    // Unknown user or space, or not a moderator of it: the command's own words.
    if (error instanceof AdminError) throw new AppError(404, 'not_found', error.message);
    throw error;
  }
}

export const assignSpaceModerator = (ctx: AppContext, viewer: Viewer, slug: string, email: string) =>
  asAdmin(viewer, () => assignModeratorToSpace(ctx, { email, space: slug }));

export const removeSpaceModerator = (ctx: AppContext, viewer: Viewer, slug: string, email: string) =>
  asAdmin(viewer, () => removeModeratorFromSpace(ctx, { email, space: slug }));
