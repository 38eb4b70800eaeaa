import { pipeline } from 'node:stream/promises';
import { Id } from '@parley/shared';
import { Router } from 'express';
import type { AppContext } from '../app-context';
import { viewerOf } from '../auth/request-session';
import { parseOr400 } from '../http/errors';
import { attachmentForDownload } from './attachment-service';
import type { UploadStorage } from './storage/upload-storage';

/** RFC 5987/6266: the UTF-8 name for browsers, an ASCII fallback for the rest. */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export function attachmentRoutes(ctx: AppContext, storage: UploadStorage): Router {
  const router = Router();
  router.get('/attachments/:id', async (req, res) => {
    const id = parseOr400(Id, req.params.id, 'bad_request');
    const upload = await attachmentForDownload(ctx, await viewerOf(ctx, req), id);
    // Opened before the headers go out, so a store that fails answers 500, not a cut-off file.
    const body = await storage.stream(upload.id);
    res.status(200).set({
      'Content-Type': upload.mime,
      'Content-Length': String(upload.size),
      'Content-Disposition': contentDisposition(upload.name),
      'X-Content-Type-Options': 'nosniff',
      // Private: visibility depends on who asks, and can change (a post hidden later).
      'Cache-Control': 'private, no-store',
    });
    await pipeline(body, res);
  });
  return router;
}
