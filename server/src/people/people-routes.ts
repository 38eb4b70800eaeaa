import { DeleteAccountBody } from '@parley/shared';
import { Router } from 'express';
import type { AppContext } from '../app-context';
import type { UploadStorage } from '../attachments/storage/upload-storage';
import { clearSessionCookie, viewerOf } from '../auth/request-session';
import { parseOr400 } from '../http/errors';
import { deleteMyAccount, exportMyData } from './people-service';

/** A person's own data: download it all, or delete the account. */
export function peopleRoutes(ctx: AppContext, storage: UploadStorage): Router {
  const router = Router();

  router.get('/me/export', async (req, res) => {
    const data = await exportMyData(ctx, await viewerOf(ctx, req));
    res
      .set({
        'Cache-Control': 'no-store',
        'Content-Disposition': 'attachment; filename="parley-my-data.json"',
      })
      .json(data);
  });

  router.delete('/me', async (req, res) => {
    const body = parseOr400(DeleteAccountBody, req.body, 'invalid_body');
    const result = await deleteMyAccount(ctx, storage, await viewerOf(ctx, req), body);
    clearSessionCookie(ctx.config, req, res);
    res.json(result);
  });

  return router;
}
