import { PushSubscriptionBody, PushUnsubscribeBody } from '@parley/shared';
import { Router } from 'express';
import type { AppContext } from '../app-context';
import { viewerOf } from '../auth/request-session';
import { AppError, parseOr400 } from '../http/errors';
import { deleteSubscription, saveSubscription } from './push-repository';
import { endpointAllowed } from './web-push';

/**
 * Web Push: the server's public key, and the signed-in person's browser subscriptions (saved and
 * deleted only for themselves: the user comes from the session, never from the body).
 */
export function pushRoutes(ctx: AppContext): Router {
  const router = Router();

  router.get('/push/key', (_req, res) => {
    const vapid = ctx.config.vapid;
    if (!vapid) throw new AppError(404, 'not_found', 'This server does not send push notifications.');
    res.set('Cache-Control', 'no-cache').json({ publicKey: vapid.publicKey });
  });

  router.post('/push/subscriptions', async (req, res) => {
    const body = parseOr400(PushSubscriptionBody, req.body, 'invalid_body');
    const viewer = await viewerOf(ctx, req);
    if (!viewer.user) throw new AppError(401, 'unauthenticated', 'Sign in first.');
    if (!ctx.config.vapid)
      throw new AppError(404, 'not_found', 'This server does not send push notifications.');
    if (!endpointAllowed(ctx.config, body.endpoint)) {
      throw new AppError(400, 'invalid_body', 'The endpoint is not a push service this server posts to.');
    }
    await saveSubscription(ctx.db, {
      endpoint: body.endpoint,
      userId: viewer.user.id,
      p256dh: body.keys.p256dh,
      auth: body.keys.auth,
    });
    res.status(201).json({ subscribed: true });
  });

  router.delete('/push/subscriptions', async (req, res) => {
    const body = parseOr400(PushUnsubscribeBody, req.body, 'invalid_body');
    const viewer = await viewerOf(ctx, req);
    if (!viewer.user) throw new AppError(401, 'unauthenticated', 'Sign in first.');
    res.json({ unsubscribed: await deleteSubscription(ctx.db, viewer.user.id, body.endpoint) });
  });

  return router;
}
