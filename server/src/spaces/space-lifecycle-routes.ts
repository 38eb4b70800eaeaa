import { Id, SpaceStatusBody } from '@parley/shared';
import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../app-context';
import { viewerOf } from '../auth/request-session';
import { parseOr400 } from '../http/errors';
import { changeSpaceStatus, removeSpaceQuestion } from './space-lifecycle';

const Slug = z.string().min(1).max(80);

/** An administrator publishes, closes, reopens, archives a space, and removes its questions. */
export function spaceLifecycleRoutes(ctx: AppContext): Router {
  const router = Router();
  router.put('/spaces/:slug/status', async (req, res) => {
    const slug = parseOr400(Slug, req.params.slug, 'bad_request');
    const body = parseOr400(SpaceStatusBody, req.body, 'invalid_body');
    res.json(await changeSpaceStatus(ctx, await viewerOf(ctx, req), slug, body.status));
  });
  router.delete('/spaces/:slug/questions/:id', async (req, res) => {
    const slug = parseOr400(Slug, req.params.slug, 'bad_request');
    const id = parseOr400(Id, req.params.id, 'bad_request');
    res.json(await removeSpaceQuestion(ctx, await viewerOf(ctx, req), slug, id));
  });
  return router;
}
