import { randomBytes } from 'node:crypto';
import type { AppContext } from '../app-context';
import { hashPassword, verifyPassword } from '../auth/password';
import type { Viewer } from '../auth/viewer';
import { writeTx } from '../db/write';
import { AppError } from '../http/errors';
import {
  accountRow,
  creditPostsTo,
  decisionsBy,
  flagsBy,
  passwordHashOf,
  postsBy,
  scrubUser,
} from './people-repository';

/** The name a deleted account's posts carry from then on. */
export const FORMER_PARTICIPANT = 'Former participant';

function signedIn(viewer: Viewer) {
  if (!viewer.user) throw new AppError(401, 'unauthenticated', 'Sign in first.');
  return viewer.user;
}

/** All the data Parley holds about the signed-in person, in one JSON document. */
export async function exportMyData(ctx: AppContext, viewer: Viewer) {
  const user = signedIn(viewer);
  const [account, posts, flags, decisions] = await Promise.all([
    accountRow(ctx.db, user.id),
    postsBy(ctx.db, user.id),
    flagsBy(ctx.db, user.id),
    decisionsBy(ctx.db, user.id),
  ]);
  return {
    format: 'parley-export/1',
    exportedAt: new Date().toISOString(),
    account: {
      ...account,
      globalModerator: viewer.globalModerator,
      moderatorOf: [...viewer.moderatorOf],
    },
    posts,
    flags,
    moderationDecisions: decisions,
  };
}

/**
 * Deletes the account after the password is confirmed: personal data goes, posts stay credited
 * to "Former participant" (the space's discussion keeps its thread), sessions end everywhere.
 */
export async function deleteMyAccount(ctx: AppContext, viewer: Viewer, password: string) {
  const user = signedIn(viewer);
  const stored = await passwordHashOf(ctx.db, user.id);
  if (!stored || !(await verifyPassword(password, stored))) {
    throw new AppError(403, 'invalid_credentials', 'The password is not right.');
  }
  const unusable = await hashPassword(randomBytes(32).toString('base64url'));
  const postsKept = await writeTx(ctx, ['posts'], async (tx) => {
    const n = await creditPostsTo(tx, user.id, FORMER_PARTICIPANT);
    await scrubUser(tx, user.id, FORMER_PARTICIPANT, unusable);
    return n;
  });
  return { deleted: true as const, postsKept };
}
