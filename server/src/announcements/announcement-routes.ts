import { AnnouncementBody } from '@parley/shared';
import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../app-context';
import { viewerOf } from '../auth/request-session';
import { parseOr400 } from '../http/errors';
import { publishAnnouncement, removeAnnouncement } from './announcement';

const Slug = z.string().min(1).max(80);

/** A space's pinned announcement: moderators of the space, global moderators and admins. */
export function announcementRoutes(ctx: AppContext): Router {
  const router = Router();
  router.put('/moderation/spaces/:slug/announcement', async (req, res) => {
    const slug = parseOr400(Slug, req.params.slug, 'bad_request');
    const body = parseOr400(AnnouncementBody, req.body, 'invalid_body');
    res.json(await publishAnnouncement(ctx, await viewerOf(ctx, req), slug, body));
  });
  router.delete('/moderation/spaces/:slug/announcement', async (req, res) => {
    const slug = parseOr400(Slug, req.params.slug, 'bad_request');
    await removeAnnouncement(ctx, await viewerOf(ctx, req), slug);
    res.status(204).end();
  });
  return router;
}
