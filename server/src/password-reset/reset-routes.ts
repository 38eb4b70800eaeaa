import { PasswordResetConfirmBody, PasswordResetRequestBody } from '@parley/shared';
import { Router } from 'express';
import type { AppContext } from '../app-context';
import { parseOr400 } from '../http/errors';
import { linkOrigin, NO_LINK_ORIGIN } from '../http/link-origin';
import type { Mailer } from '../mail/mailer';
import { confirmReset, requestReset } from './reset-service';

export function passwordResetRoutes(ctx: AppContext, mailer: Mailer): Router {
  const router = Router();

  router.post('/', (req, res) => {
    const body = parseOr400(PasswordResetRequestBody, req.body, 'invalid_body');
    // 202 before the mail goes out: the timing says nothing about whether the account exists.
    res.status(202).json({ accepted: true });
    const origin = linkOrigin(ctx.config, req);
    if (!origin) return req.log.error({ host: req.get('host') }, NO_LINK_ORIGIN);
    requestReset(ctx, mailer, body.email, origin).catch((err: unknown) => {
      // The error's code only: an SMTP message can quote the recipient's address.
      const { code, responseCode } = err as { code?: unknown; responseCode?: unknown };
      req.log.warn({ code, responseCode }, 'password reset e-mail failed');
    });
  });

  router.post('/confirm', async (req, res) => {
    const body = parseOr400(PasswordResetConfirmBody, req.body, 'invalid_body');
    await confirmReset(ctx, body);
    res.status(204).end();
  });

  return router;
}
