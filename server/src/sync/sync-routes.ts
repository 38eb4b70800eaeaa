import { CollectionName, PullQuery, PushBody, type CollectionName as Collection } from '@parley/shared';
import { Router, type Request } from 'express';
import type { AppContext } from '../app-context';
import { viewerOf } from '../auth/request-session';
import { AppError, parseOr400 } from '../http/errors';
import { ECHO_HEADER, SYNC_COLLECTIONS } from './collections';
import { pull } from './pull';
import { openStream, type StreamRegistry } from './stream';

function collectionOf(req: Request<{ collection: string }>): Collection {
  const parsed = CollectionName.safeParse(req.params.collection);
  if (!parsed.success)
    throw new AppError(404, 'unknown_collection', `No collection "${req.params.collection}".`);
  return parsed.data;
}

/** The RxDB HTTP replication routes: thin, each calls one service function. */
export function syncRoutes(ctx: AppContext, streams: StreamRegistry): Router {
  const router = Router();

  router.get('/:collection/pull', async (req, res) => {
    const collection = collectionOf(req);
    const badCheckpoint = !PullQuery.shape.checkpoint.safeParse(req.query.checkpoint).success;
    const query = parseOr400(PullQuery, req.query, badCheckpoint ? 'invalid_checkpoint' : 'invalid_query');
    const viewer = await viewerOf(ctx, req);
    res.set('Cache-Control', 'no-store');
    res.json(await pull(ctx.db, collection, viewer, query.checkpoint, query.limit));
  });

  router.post('/:collection/push', async (req, res) => {
    const collection = collectionOf(req);
    const viewer = await viewerOf(ctx, req);
    if (!viewer.user) throw new AppError(401, 'unauthenticated', 'Sign in first.');
    const rows = parseOr400(PushBody, req.body, 'invalid_body');
    const echoStored = req.get(ECHO_HEADER) === 'stored';
    const origin = `${req.protocol}://${req.get('host') ?? 'localhost'}`;
    res.json(await SYNC_COLLECTIONS[collection].push(ctx, viewer, rows, { echoStored, origin }));
  });

  router.get('/:collection/stream', async (req, res) => {
    const collection = collectionOf(req);
    await openStream(ctx, streams, collection, await viewerOf(ctx, req), res);
  });

  return router;
}
