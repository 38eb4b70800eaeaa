import { pipeline } from 'node:stream/promises';
import { Id } from '@parley/shared';
import { Router } from 'express';
import type { AppContext } from '../app-context';
import { viewerOf } from '../auth/request-session';
import { parseOr400 } from '../http/errors';
import { attachmentForDownload } from './attachment-service';
import { downloadPart } from './download-range';
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
    // An upload's bytes never change once complete, so its id and size are a strong validator.
    const etag = `"${upload.id}-${upload.size}"`;
    const common = {
      'Accept-Ranges': 'bytes',
      ETag: etag,
      // Private: visibility depends on who asks, and can change (a post hidden later).
      // No-transform: gzip would make byte offsets count encoded bytes, breaking resumption.
      'Cache-Control': 'private, no-store, no-transform',
    };
    const part = downloadPart(req, upload.size, etag);
    if (part.kind === 'unsatisfiable') {
      res
        .status(416)
        .set({ ...common, 'Content-Range': `bytes */${upload.size}` })
        .end();
      return;
    }
    const range = part.kind === 'part' ? part.range : undefined;
    // Opened before the headers go out, so a store that fails answers 500, not a cut-off file.
    const body = await storage.stream(upload.id, range);
    res.status(range ? 206 : 200).set({
      ...common,
      'Content-Type': upload.mime,
      'Content-Length': String(range ? range.end - range.start + 1 : upload.size),
      ...(range ? { 'Content-Range': `bytes ${range.start}-${range.end}/${upload.size}` } : {}),
      'Content-Disposition': contentDisposition(upload.name),
      'X-Content-Type-Options': 'nosniff',
    });
    await pipeline(body, res);
  });
  return router;
}
