import type { Space, SpaceDocumentBody } from '@parley/shared';
import type { AppContext } from '../app-context';
import { isAdmin, type Viewer } from '../auth/viewer';
import { writeTx } from '../db/write';
import { AppError } from '../http/errors';
import { findUpload } from '../attachments/upload-repository';
import { findSpace, lockSpace, setSpaceDocuments } from '../spaces/space-repository';

export const MAX_SPACE_DOCUMENTS = 50;

function requireAdmin(viewer: Viewer) {
  if (!viewer.user) throw new AppError(401, 'unauthenticated', 'Sign in first.');
  if (!isAdmin(viewer)) {
    throw new AppError(403, 'forbidden', "Only an administrator can change a space's documents.");
  }
}

async function spaceIdOf(ctx: AppContext, slug: string): Promise<string> {
  const space = await findSpace(ctx.db, { slug });
  if (!space) throw new AppError(404, 'not_found', 'No such space.');
  return space.id;
}

/**
 * Binds a finished upload to a space as one of its documents (a concept note, guidance). As for
 * a post, only the uploader's own complete upload qualifies: its type was sniffed from the bytes
 * when the last one arrived (tus-uploads.ts), so a refused file never gets here. Once bound, the
 * file is public like the space (attachment-service.ts). Binding twice is a no-op.
 */
export async function addSpaceDocument(
  ctx: AppContext,
  viewer: Viewer,
  slug: string,
  body: SpaceDocumentBody,
): Promise<Space['documents']> {
  requireAdmin(viewer);
  const spaceId = await spaceIdOf(ctx, slug);
  const upload = await findUpload(ctx.db, body.uploadId);
  if (!upload || upload.ownerId !== viewer.user!.id) {
    throw new AppError(400, 'invalid_body', 'uploadId: no such upload of yours.');
  }
  if (upload.status !== 'complete' || upload.mime === null) {
    throw new AppError(400, 'invalid_body', 'uploadId: the file is not completely uploaded or was refused.');
  }
  const mime = upload.mime;
  return writeTx(ctx, ['spaces'], async (tx) => {
    const space = await lockSpace(tx, spaceId);
    if (!space) throw new AppError(404, 'not_found', 'No such space.');
    if (space.documents.some((d) => d.id === upload.id)) return space.documents;
    if (space.documents.length >= MAX_SPACE_DOCUMENTS) {
      throw new AppError(400, 'invalid_body', `A space holds at most ${MAX_SPACE_DOCUMENTS} documents.`);
    }
    const documents = [
      ...space.documents,
      // The name given at upload (cleaned there): the one Content-Disposition sends too.
      { id: upload.id, name: upload.name, size: upload.size, mime },
    ];
    await setSpaceDocuments(tx, space.id, documents);
    return documents;
  });
}

/** Takes a document off a space; the file is then its uploader's alone again. */
export async function removeSpaceDocument(
  ctx: AppContext,
  viewer: Viewer,
  slug: string,
  uploadId: string,
): Promise<Space['documents']> {
  requireAdmin(viewer);
  const spaceId = await spaceIdOf(ctx, slug);
  return writeTx(ctx, ['spaces'], async (tx) => {
    const space = await lockSpace(tx, spaceId);
    if (!space) throw new AppError(404, 'not_found', 'No such space.');
    if (!space.documents.some((d) => d.id === uploadId)) {
      throw new AppError(404, 'not_found', 'This space has no such document.');
    }
    const documents = space.documents.filter((d) => d.id !== uploadId);
    await setSpaceDocuments(tx, space.id, documents);
    return documents;
  });
}
