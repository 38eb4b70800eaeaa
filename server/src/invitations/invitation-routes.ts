import { AcceptInvitationBody, InspectInvitationBody, InviteBody } from '@parley/shared';
import { Router } from 'express';
import type { AppContext } from '../app-context';
import { sessionTokenOf, setSessionCookie, viewerOf } from '../auth/request-session';
import { AppError, parseOr400 } from '../http/errors';
import { linkOrigin, NO_LINK_ORIGIN } from '../http/link-origin';
import type { Mailer } from '../mail/mailer';
import { acceptInvitation, inspectInvitation, invite } from './invitation-service';

/** Invitations by e-mail: an organiser sends one; its link's page inspects and accepts it. Thin handlers. */
export function invitationRoutes(ctx: AppContext, mailer: Mailer): Router {
  const router = Router();

  router.post('/', async (req, res) => {
    const body = parseOr400(InviteBody, req.body, 'invalid_body');
    const origin = linkOrigin(ctx.config, req);
    if (!origin) {
      req.log.error({ host: req.get('host') }, NO_LINK_ORIGIN);
      throw new AppError(400, 'bad_request', 'This server cannot send links: PUBLIC_URL is not set.');
    }
    const { result, sent } = await invite(ctx, mailer, await viewerOf(ctx, req), body, origin);
    res.status(201).json(result);
    sent.catch((err: unknown) => {
      // The error's code only: an SMTP message can quote the recipient's address.
      const { code, responseCode } = err as { code?: unknown; responseCode?: unknown };
      req.log.warn({ code, responseCode }, 'invitation e-mail failed');
    });
  });

  router.post('/inspect', async (req, res) => {
    const body = parseOr400(InspectInvitationBody, req.body, 'invalid_body');
    res.set('Cache-Control', 'no-store').json(await inspectInvitation(ctx, body.token));
  });

  router.post('/accept', async (req, res) => {
    const body = parseOr400(AcceptInvitationBody, req.body, 'invalid_body');
    const { me, token } = await acceptInvitation(ctx, await viewerOf(ctx, req), body, sessionTokenOf(req));
    if (token) setSessionCookie(ctx.config, req, res, token);
    res.set('Cache-Control', 'no-store').json(me);
  });

  return router;
}
