import {
  ANONYMOUS_VIEWER,
  CollectionName,
  ECHO_HEADER,
  ECHO_STORED,
  PER_SPACE_COLLECTIONS,
  PullQuery,
  PushBody,
  StreamQuery,
  VIEWER_HEADER,
  VIEWER_PARAM,
  type CollectionName as Collection,
} from '@parley/shared';
import { Router, type Request } from 'express';
import type { AppContext } from '../app-context';
import type { Viewer } from '../auth/viewer';
import { sessionTokenOf, viewerOf } from '../auth/request-session';
import { hashSessionToken } from '../auth/session-token';
import { AppError, parseOr400 } from '../http/errors';
import { linkOrigin } from '../http/link-origin';
import { SYNC_COLLECTIONS } from './collections';
import { pull, type SyncViewer } from './pull';
import { streamCaps } from '../security/rate-limits';
import { openStream, type StreamRegistry } from './stream';

function collectionOf(req: Request<{ collection: string }>): Collection {
  const parsed = CollectionName.safeParse(req.params.collection);
  if (!parsed.success)
    throw new AppError(404, 'unknown_collection', `No collection "${req.params.collection}".`);
  return parsed.data;
}

/**
 * The followed spaces a pull or stream asks for (null: all). Spaces and questions are listed in
 * full on every device, so only per-space collections take the filter.
 */
function followedSpaces(collection: Collection, spaces: string[] | null): string[] | null {
  if (spaces !== null && !(PER_SPACE_COLLECTIONS as readonly Collection[]).includes(collection))
    throw new AppError(
      400,
      'invalid_query',
      `spaces: only ${PER_SPACE_COLLECTIONS.join(' and ')} can be filtered by space.`,
    );
  return spaces;
}

/**
 * The device names whose database the request fills (VIEWER_HEADER, or `?viewer=` on a stream);
 * when the session now belongs to someone else, its rows must not go there. A read without the
 * claim (older clients, scripts) is answered for the session; a push must carry it.
 */
async function viewerFor(ctx: AppContext, req: Request): Promise<Viewer> {
  const viewer = await viewerOf(ctx, req);
  const query = req.query[VIEWER_PARAM];
  const claimed = req.get(VIEWER_HEADER) ?? (typeof query === 'string' ? query : undefined);
  if (claimed !== undefined && claimed !== (viewer.user?.id ?? ANONYMOUS_VIEWER))
    throw new AppError(
      409,
      'viewer_changed',
      'This session belongs to someone else now: check who is signed in, then sync that database.',
    );
  return viewer;
}

/** The RxDB HTTP replication routes: thin, each calls one service function. */
export function syncRoutes(ctx: AppContext, streams: StreamRegistry): Router {
  const router = Router();

  router.get('/:collection/pull', async (req, res) => {
    const collection = collectionOf(req);
    const badCheckpoint = !PullQuery.shape.checkpoint.safeParse(req.query.checkpoint).success;
    const query = parseOr400(PullQuery, req.query, badCheckpoint ? 'invalid_checkpoint' : 'invalid_query');
    const spaces = followedSpaces(collection, query.spaces);
    const viewer: SyncViewer = { ...(await viewerFor(ctx, req)), followedSpaces: spaces };
    res.set('Cache-Control', 'no-store');
    res.json(await pull(ctx.db, collection, viewer, query.checkpoint, query.limit));
  });

  router.post('/:collection/push', async (req, res) => {
    const collection = collectionOf(req);
    if (!(await viewerOf(ctx, req)).user) throw new AppError(401, 'unauthenticated', 'Sign in first.');
    // A write must say whose it is: a post queued on a shared phone, replayed after the next
    // person signed in, would otherwise go out under their name (DESIGN.md, shared devices).
    if (req.get(VIEWER_HEADER) === undefined)
      throw new AppError(
        400,
        'viewer_claim_required',
        `Say whose changes these are: send the ${VIEWER_HEADER} header with the signed-in account's id.`,
      );
    const viewer = await viewerFor(ctx, req);
    const rows = parseOr400(PushBody, req.body, 'invalid_body');
    const echoStored = req.get(ECHO_HEADER) === ECHO_STORED;
    const origin = linkOrigin(ctx.config, req) ?? undefined;
    res.json(await SYNC_COLLECTIONS[collection].push(ctx, viewer, rows, { echoStored, origin }));
  });

  router.get('/:collection/stream', async (req, res) => {
    const collection = collectionOf(req);
    const spaces = followedSpaces(collection, parseOr400(StreamQuery, req.query, 'invalid_query').spaces);
    const viewer: SyncViewer = { ...(await viewerFor(ctx, req)), followedSpaces: spaces };
    const ip = req.ip ?? 'unknown';
    streams.admit(ip, viewer.user?.id ?? null, streamCaps(ctx.config.rateLimitScale ?? 1));
    const token = viewer.user ? sessionTokenOf(req) : null;
    await openStream(
      ctx,
      streams,
      collection,
      viewer,
      {
        ip,
        sessionHash: token ? hashSessionToken(token) : null,
        maxAgeMs: (ctx.config.streamMaxAgeSeconds ?? 1800) * 1000,
      },
      res,
    );
  });

  return router;
}
