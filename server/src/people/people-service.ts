import { randomBytes } from 'node:crypto';
import type { DeleteAccountBody } from '@parley/shared';
import type { AppContext } from '../app-context';
import { deleteQueuedFiles, queueUnreferencedUploadsOf } from '../attachments/file-deletions';
import type { UploadStorage } from '../attachments/storage/upload-storage';
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
  removePostsOf,
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
      moderatorOfQuestions: [...(viewer.moderatorOfQuestions ?? [])],
    },
    posts,
    flags,
    moderationDecisions: decisions,
  };
}

/**
 * Deletes the account after the password is confirmed: personal data goes, sessions end
 * everywhere, and each space's deletion policy decides what becomes of the posts there: kept,
 * credited to "Former participant" (the discussion keeps its thread), or removed. A space that
 * lets the author choose follows `removePosts`. Files no remaining post or space document carries
 * (those of removed posts, and uploads never attached) leave the store once the deletion commits.
 */
export async function deleteMyAccount(
  ctx: AppContext,
  storage: UploadStorage,
  viewer: Viewer,
  body: DeleteAccountBody,
) {
  const user = signedIn(viewer);
  const stored = await passwordHashOf(ctx.db, user.id);
  if (!stored || !(await verifyPassword(body.password, stored))) {
    throw new AppError(403, 'invalid_credentials', 'The password is not right.');
  }
  const unusable = await hashPassword(randomBytes(32).toString('base64url'));
  const { postsKept, postsRemoved, files } = await writeTx(ctx, ['posts'], async (tx) => {
    const removed = await removePostsOf(tx, user.id, body.removePosts, FORMER_PARTICIPANT);
    const kept = await creditPostsTo(tx, user.id, FORMER_PARTICIPANT, removed);
    await scrubUser(tx, user.id, FORMER_PARTICIPANT, unusable);
    // Queued in the same transaction, so a crash before the files go leaves them to the start sweep.
    const files = await queueUnreferencedUploadsOf(tx, user.id);
    return { postsKept: kept, postsRemoved: removed.length, files };
  });
  await deleteQueuedFiles(ctx, storage, files);
  return { deleted: true as const, postsKept, postsRemoved };
}
