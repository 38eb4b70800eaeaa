import { Id, SpaceDocumentBody } from '@parley/shared';
import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../app-context';
import { viewerOf } from '../auth/request-session';
import { parseOr400 } from '../http/errors';
import { addSpaceDocument, removeSpaceDocument } from './space-documents';

const Slug = z.string().min(1).max(80);

/**
 * An administrator binds finished uploads (sent through /api/uploads) to a space, or takes them
 * off. Downloads go through /api/attachments/:id like every file; the new list replicates with
 * the space.
 */
export function spaceDocumentRoutes(ctx: AppContext): Router {
  const router = Router();
  router.post('/spaces/:slug/documents', async (req, res) => {
    const slug = parseOr400(Slug, req.params.slug, 'bad_request');
    const body = parseOr400(SpaceDocumentBody, req.body, 'invalid_body');
    res.status(201).json({ documents: await addSpaceDocument(ctx, await viewerOf(ctx, req), slug, body) });
  });
  router.delete('/spaces/:slug/documents/:id', async (req, res) => {
    const slug = parseOr400(Slug, req.params.slug, 'bad_request');
    const id = parseOr400(Id, req.params.id, 'bad_request');
    res.json({ documents: await removeSpaceDocument(ctx, await viewerOf(ctx, req), slug, id) });
  });
  return router;
}
