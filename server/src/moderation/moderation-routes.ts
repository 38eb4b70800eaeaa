import { FlagBody, Id, ModeratorBody } from '@parley/shared';
import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../app-context';
import { viewerOf } from '../auth/request-session';
import { parseOr400 } from '../http/errors';
import { exportAuditCsv } from './audit-export';
import { flagPost } from './flags';
import { assignSpaceModerator, removeSpaceModerator } from './moderator-admin';

const Slug = z.string().min(1).max(80);

/** Moderation outside replication: flags, the audit export, who moderates a space. Thin handlers. */
export function moderationRoutes(ctx: AppContext): Router {
  const router = Router();

  router.post('/posts/:id/flags', async (req, res) => {
    const postId = parseOr400(Id, req.params.id, 'bad_request');
    const body = parseOr400(FlagBody, req.body, 'invalid_body');
    res.status(201).json(await flagPost(ctx, await viewerOf(ctx, req), postId, body));
  });

  router.get('/spaces/:slug/moderation.csv', async (req, res) => {
    const slug = parseOr400(Slug, req.params.slug, 'bad_request');
    const { filename, csv } = await exportAuditCsv(ctx, await viewerOf(ctx, req), slug);
    res
      .status(200)
      .set({
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${filename}"`,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      })
      .send(csv);
  });

  router.post('/spaces/:slug/moderators', async (req, res) => {
    const slug = parseOr400(Slug, req.params.slug, 'bad_request');
    const body = parseOr400(ModeratorBody, req.body, 'invalid_body');
    res.json(await assignSpaceModerator(ctx, await viewerOf(ctx, req), slug, body.email));
  });

  router.delete('/spaces/:slug/moderators', async (req, res) => {
    const slug = parseOr400(Slug, req.params.slug, 'bad_request');
    const body = parseOr400(ModeratorBody, req.body, 'invalid_body');
    res.json(await removeSpaceModerator(ctx, await viewerOf(ctx, req), slug, body.email));
  });

  return router;
}
