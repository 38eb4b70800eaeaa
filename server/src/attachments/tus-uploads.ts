import type { IncomingMessage } from 'node:http';
import { EVENTS, Server, type ServerOptions } from '@tus/server';
import type { ErrorBody } from '@parley/shared';
import type { NextFunction, Request, Response } from 'express';
import type { AppContext } from '../app-context';
import { viewerOf } from '../auth/request-session';
import type { SignedInUser } from '../auth/viewer';
import { uuidv7 } from '../db/uuid';
import { AppError } from '../http/errors';
import { sniffAllowedType } from './sniff';
import { maxUploadBytesOf, uploadQuotaBytesOf } from './upload-config';
import type { UploadStorage } from './storage/upload-storage';
import {
  completeUpload,
  deleteUnfinishedUpload,
  insertUploadWithinQuota,
  touchUpload,
  type QuotaUse,
} from './upload-repository';

export const UPLOADS_PATH = '/api/uploads';

/** What tus turns into an HTTP answer when a hook throws it (it reads status_code and body). */
class TusHookError extends Error {
  constructor(
    readonly status_code: number,
    readonly body: string,
  ) {
    super(body.trim());
  }
}
const tusError = (status: number, body: string) => new TusHookError(status, body);

/**
 * 413 with the API's JSON error body (code `quota_exceeded`, the figures in `details`), so the
 * app can tell it from the 413 of a file over MAX_UPLOAD_BYTES and say how much room is left.
 */
export function quotaExceeded(use: QuotaUse, size: number): TusHookError {
  const mb = (n: number) => `${(n / (1024 * 1024)).toFixed(1)} MB`;
  const body: ErrorBody = {
    error: {
      code: 'quota_exceeded',
      message:
        `Your files may take ${mb(use.quotaBytes)} in all; ${mb(use.remainingBytes)} is left, ` +
        `and this file needs ${mb(size)}. Files not attached to a post are deleted after a while.`,
      details: { ...use, sizeBytes: size },
    },
  };
  return tusError(413, JSON.stringify(body));
}

type HookRequest = Parameters<NonNullable<ServerOptions['onIncomingRequest']>>[0];

/** A file name for display and Content-Disposition: no path, no control characters, bounded. */
export function cleanFileName(raw: string | null | undefined): string {
  const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return (clean || 'file').slice(0, 255);
}

/**
 * The tus resumable-upload endpoint (`/api/uploads`, tus 1.0 with creation and termination).
 * Only a signed-in user uploads, and every later request on an upload (HEAD to learn the offset,
 * PATCH to resume, DELETE) must come from its owner: anyone else gets 404. When the last byte
 * arrives the type is sniffed from the content; a type not on the list is deleted and refused
 * (415), so only accepted files ever become `complete`.
 *
 * Each account's uploads, finished or not, may take UPLOAD_QUOTA_BYTES in all: a creation whose
 * Upload-Length does not fit is refused (413 quota_exceeded) and leaves nothing behind. Lengths
 * are never deferred (Upload-Length is required), so every byte is counted before it is sent.
 * A terminated (DELETE) unfinished upload frees its room; attachments/upload-sweep.ts deletes
 * abandoned ones.
 *
 * Bytes go to `storage`: UPLOADS_DIR, or an S3-compatible bucket when S3_BUCKET is set.
 */
export function tusUploads(ctx: AppContext, storage: UploadStorage) {
  const uploaders = new WeakMap<IncomingMessage, SignedInUser>();
  const userOf = (req: HookRequest): SignedInUser | undefined => {
    const node = (req as unknown as { runtime?: { node?: { req: IncomingMessage } } }).runtime?.node?.req;
    return node ? uploaders.get(node) : undefined;
  };

  const tus = new Server({
    path: UPLOADS_PATH,
    datastore: storage.datastore,
    maxSize: maxUploadBytesOf(ctx.config),
    // Relative, so the address stays right behind a proxy that rewrites the host.
    relativeLocation: true,
    disableTerminationForFinishedUploads: true,
    // Same origin only: tus would otherwise answer every origin with `Access-Control-Allow-Origin: *`.
    allowedOrigins: () => false,
    // The upload's id is the attachment's id: a UUID like every other id.
    namingFunction: () => uuidv7(),
    async onUploadCreate(req, upload) {
      const user = userOf(req);
      if (!user) throw tusError(401, 'Sign in to upload files.\n');
      if (upload.size === undefined) throw tusError(400, 'Upload-Length is required.\n');
      const name = cleanFileName(upload.metadata?.filename);
      const record = { id: upload.id, ownerId: user.id, name, size: upload.size };
      const created = await ctx.db.tx((tx) =>
        insertUploadWithinQuota(tx, record, uploadQuotaBytesOf(ctx.config)),
      );
      if (created.outcome === 'no_owner') throw tusError(401, 'Sign in to upload files.\n');
      if (created.outcome === 'over_quota') throw quotaExceeded(created, upload.size);
      return {};
    },
    async onIncomingRequest(req, uploadId) {
      const user = userOf(req);
      // Creation (POST) asks too, before the upload exists: onUploadCreate records the owner.
      if (req.method === 'POST') {
        if (!user) throw tusError(401, 'Sign in to upload files.\n');
        return;
      }
      // Touching an unfinished upload tells the sweep it is alive (being resumed or written).
      const upload = user ? await touchUpload(ctx.db, uploadId, user.id).catch(() => null) : null;
      if (!upload) throw tusError(404, 'Not found.\n');
    },
    async onUploadFinish(_req, upload) {
      const mime = await sniffAllowedType(storage, upload.id).catch(() => null);
      await completeUpload(ctx.db, upload.id, mime);
      if (mime === null) {
        await storage.remove(upload.id);
        throw tusError(415, 'This type of file is not accepted (PDF, images, office documents, text).\n');
      }
      return {};
    },
  });
  // The owner terminated an unfinished upload and tus removed its bytes: the row goes too, so its
  // room counts no more. Should this fail, the sweep deletes the row a day later.
  tus.on(EVENTS.POST_TERMINATE, (_req, _res, id: string) => {
    deleteUnfinishedUpload(ctx.db, id).catch(() => undefined);
  });

  /**
   * Express side: who is uploading, and a CSRF fence. tus requests carry a `Tus-Resumable`
   * header, which a cross-site form cannot send and a cross-site fetch cannot send without a
   * pre-flight we never grant; Origin and Fetch Metadata are checked as for the JSON API.
   */
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      if (req.method !== 'OPTIONS') {
        if (req.method === 'GET')
          throw new AppError(405, 'bad_request', 'Download attachments from /api/attachments/:id.');
        if (!req.headers['tus-resumable'])
          throw new AppError(400, 'bad_request', 'Tus-Resumable header required.');
        const origin = req.headers.origin;
        if (
          (origin !== undefined && !sameHost(origin, req.headers.host)) ||
          req.headers['sec-fetch-site'] === 'cross-site'
        ) {
          throw new AppError(403, 'csrf', 'Cross-site request refused.');
        }
        const viewer = await viewerOf(ctx, req);
        if (!viewer.user) throw new AppError(401, 'unauthenticated', 'Sign in to upload files.');
        uploaders.set(req, viewer.user);
      }
      await tus.handle(req, res);
    } catch (error) {
      next(error);
    }
  };
}

function sameHost(origin: string, host: string | undefined): boolean {
  if (!host || origin === 'null') return false;
  try {
    return new URL(origin).host === host.toLowerCase();
  } catch {
    return false;
  }
}
