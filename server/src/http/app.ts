import compression from 'compression';
import express, { type Request, type Response } from 'express';
import type { Logger } from 'pino';
import type { AppContext } from '../app-context';
import { authRoutes } from '../auth/auth-routes';
import { invitationRoutes } from '../invitations/invitation-routes';
import { createMailer } from '../mail/mailer';
import { passwordResetRoutes } from '../password-reset/reset-routes';
import type { Config } from '../config/config';
import { inProcessChanges, type ChangeNotifier } from '../db/changes';
import type { Db } from '../db/db';
import { createMetrics } from '../observability/metrics';
import { checkReadiness } from '../observability/readiness';
import { createLogger, requestLog } from '../observability/request-log';
import { StreamRegistry } from '../sync/stream';
import { syncRoutes } from '../sync/sync-routes';
import { moderationRoutes } from '../moderation/moderation-routes';
import { attachmentRoutes } from '../attachments/attachment-routes';
import { tusUploads } from '../attachments/tus-uploads';
import { deleteQueuedFiles } from '../attachments/file-deletions';
import { uploadStorageFor } from '../attachments/storage/storage-for-config';
import { uploadSweeper, type UploadSweeper } from '../attachments/upload-sweep';
import { reportRoutes } from '../report/report-routes';
import { spaceDocumentRoutes } from '../space-documents/space-document-routes';
import { announcementRoutes } from '../announcements/announcement-routes';
import { spaceLifecycleRoutes } from '../spaces/space-lifecycle-routes';
import { securityHeaders } from '../security/headers';
import { peopleRoutes } from '../people/people-routes';
import { pushRoutes } from '../notifications/push-routes';
import { apiDocument } from '../openapi/api-document';
import { rateLimits, uploadRateLimits } from '../security/rate-limits';
import { storableText } from '../security/storable-text';
import { csrfGuard } from './csrf';
import { AppError, errorHandler } from './errors';
import { clientRoutes } from './static';

export const JSON_LIMIT = '2mb';

/**
 * Sync pages are JSON of natural-language text: gzip makes them 3–4× smaller, which on a slow
 * link is 3–4× faster. Server-sent events are left alone: a compressor buffers its output, and
 * an event must leave the moment it is written.
 */
function shouldCompress(req: Request, res: Response): boolean {
  const type = String(res.getHeader('Content-Type') ?? '');
  if (type.startsWith('text/event-stream') || req.path.endsWith('/stream')) return false;
  return compression.filter(req, res);
}

/** Express's "trust proxy" accepts booleans, hop counts and address lists; env gives a string. */
function trustProxy(value: string): boolean | number | string {
  if (value === 'true' || value === 'false') return value === 'true';
  return /^\d+$/.test(value) ? Number(value) : value;
}

export interface ParleyApp {
  app: express.Express;
  ctx: AppContext;
  /**
   * Ends open streams (they would otherwise keep server.close() waiting forever), each with an SSE
   * reconnection hint of `retryMs()` milliseconds when given.
   */
  endStreams(retryMs?: () => number): void;
  /**
   * Deletes stale uploads (attachments/upload-sweep.ts). Not started by createApp: the server's
   * entry point starts it and stops it at shutdown; tests run rounds themselves.
   */
  uploadSweeper: UploadSweeper;
}

export function createApp(deps: {
  db: Db;
  config: Config;
  changes?: ChangeNotifier;
  /** The process's logger (main.ts makes one before the database opens); absent = one from config. */
  logger?: Logger;
}): ParleyApp {
  const logger = deps.logger ?? createLogger(deps.config);
  const mailer = createMailer(deps.config);
  const ctx: AppContext = {
    db: deps.db,
    config: deps.config,
    changes: deps.changes ?? inProcessChanges(logger),
    mailer,
    logger,
  };
  const streams = new StreamRegistry(ctx.db, { fanOut: ctx.config.streamFanOut ?? true });
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', trustProxy(ctx.config.trustProxy));
  app.use(securityHeaders({ sentryDsn: ctx.config.sentryDsn }));
  app.use(compression({ filter: shouldCompress }));

  const metrics = createMetrics(ctx, () => streams.size);
  const api = express.Router();
  // One store for uploads and downloads: a directory, or a bucket shared by every instance.
  const storage = uploadStorageFor(ctx.config);
  // Files whose deletion a crash interrupted after the removal committed.
  void deleteQueuedFiles(ctx, storage);
  api.use(requestLog(logger));
  api.use(metrics.timeRequests);
  api.get('/metrics', metrics.serve);
  // Liveness: the process answers. Touches no database (readiness does), so an orchestrator
  // does not restart every instance for a database outage a restart cannot fix.
  api.get('/live', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ ok: true });
  });
  api.use(csrfGuard);
  api.use(rateLimits(ctx, ctx.config.rateLimitScale ?? 1));
  api.use(express.json({ limit: JSON_LIMIT }));
  api.use(storableText);
  api.get('/health', async (_req, res) => {
    await ctx.db.query('SELECT 1');
    res.set('Cache-Control', 'no-store').json({ ok: true });
  });
  // Readiness for a load balancer: the database answers and its schema is this build's.
  api.get('/ready', async (_req, res) => {
    const readiness = await checkReadiness(ctx.db);
    res
      .status(readiness.ready ? 200 : 503)
      .set('Cache-Control', 'no-store')
      .json(readiness);
  });
  api.get('/config', (_req, res) => {
    res.json({ sentryDsn: ctx.config.sentryDsn, sentryEnvironment: ctx.config.sentryEnvironment });
  });
  api.get('/openapi.json', (_req, res) => {
    res.json(apiDocument());
  });
  api.use('/auth/password-reset', passwordResetRoutes(ctx, mailer));
  api.use('/invitations', invitationRoutes(ctx, mailer));
  api.use('/auth', authRoutes(ctx));
  api.use('/sync', syncRoutes(ctx, streams));
  api.use(moderationRoutes(ctx));
  api.use(peopleRoutes(ctx, storage));
  api.use(pushRoutes(ctx));
  api.use(attachmentRoutes(ctx, storage));
  api.use(reportRoutes(ctx));
  api.use(spaceDocumentRoutes(ctx));
  api.use(announcementRoutes(ctx));
  api.use(spaceLifecycleRoutes(ctx));
  api.use((req, _res, next) => next(new AppError(404, 'not_found', `No route ${req.method} ${req.path}.`)));
  api.use(errorHandler(logger));

  // tus speaks its own content type (offset+octet-stream), so it sits before the JSON API's
  // CSRF guard and body parser, with its own checks (attachments/tus-uploads.ts).
  app.all(
    /^\/api\/uploads(?:\/[^/]+)?\/?$/,
    uploadRateLimits(ctx, ctx.config.rateLimitScale ?? 1),
    tusUploads(ctx, storage),
    errorHandler(logger),
  );
  app.use('/api', api);
  app.use(clientRoutes(ctx.config.clientDist));
  app.use(errorHandler(logger));

  return {
    app,
    ctx,
    endStreams: (retryMs) => streams.closeAll(retryMs),
    uploadSweeper: uploadSweeper(ctx, storage),
  };
}
