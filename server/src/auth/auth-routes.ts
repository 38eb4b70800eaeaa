import { LoginBody, RegisterBody, RegisterConfirmBody, UpdateMeBody } from '@parley/shared';
import { Router } from 'express';
import type { AppContext } from '../app-context';
import { parseOr400 } from '../http/errors';
import { linkOrigin, NO_LINK_ORIGIN } from '../http/link-origin';
import {
  confirmSignUp,
  login,
  logout,
  logoutEverywhere,
  registerAtOnce,
  requestSignUp,
  signUpByEmail,
  requireMe,
  updateMe,
} from './auth-service';
import { DEVICE_COOKIE } from './known-device';
import {
  clearSessionCookie,
  sessionTokenOf,
  setDeviceCookie,
  setSessionCookie,
  viewerOf,
} from './request-session';
import { readCookie } from './session-token';

export function authRoutes(ctx: AppContext): Router {
  const router = Router();

  // 202 before anything is looked up or mailed: neither the answer nor its timing says whether
  // the address has an account. The e-mail does (requestSignUp).
  router.post('/register', async (req, res) => {
    const body = parseOr400(RegisterBody, req.body, 'invalid_body');
    if (!signUpByEmail(ctx.config)) {
      const { me, token } = await registerAtOnce(ctx, body, sessionTokenOf(req));
      setSessionCookie(ctx.config, req, res, token);
      return res.status(201).json(me);
    }
    res.status(202).json({ accepted: true });
    const origin = linkOrigin(ctx.config, req);
    if (!origin) return req.log.error({ host: req.get('host') }, NO_LINK_ORIGIN);
    if (!ctx.mailer) return;
    requestSignUp(ctx, ctx.mailer, body, origin).catch((err: unknown) => {
      // The error's code only: an SMTP message can quote the recipient's address.
      const { code, responseCode } = err as { code?: unknown; responseCode?: unknown };
      req.log.warn({ code, responseCode }, 'sign-up e-mail failed');
    });
  });

  router.post('/register/confirm', async (req, res) => {
    const body = parseOr400(RegisterConfirmBody, req.body, 'invalid_body');
    const { me, token } = await confirmSignUp(ctx, body.token, sessionTokenOf(req));
    setSessionCookie(ctx.config, req, res, token);
    res.status(201).json(me);
  });

  router.post('/login', async (req, res) => {
    const body = parseOr400(LoginBody, req.body, 'invalid_body');
    const { me, token, deviceCookie } = await login(ctx, body, {
      ip: req.ip ?? 'unknown',
      oldToken: sessionTokenOf(req),
      deviceCookie: readCookie(req.headers.cookie, DEVICE_COOKIE),
    });
    setSessionCookie(ctx.config, req, res, token);
    setDeviceCookie(ctx.config, req, res, deviceCookie);
    res.json(me);
  });

  router.post('/logout', async (req, res) => {
    await logout(ctx, sessionTokenOf(req));
    clearSessionCookie(ctx.config, req, res);
    res.status(204).end();
  });

  router.post('/logout-all', async (req, res) => {
    const ended = await logoutEverywhere(ctx, await viewerOf(ctx, req));
    clearSessionCookie(ctx.config, req, res);
    res.json(ended);
  });

  router.get('/me', async (req, res) => {
    res.set('Cache-Control', 'no-store').json(requireMe(await viewerOf(ctx, req)));
  });

  router.patch('/me', async (req, res) => {
    const body = parseOr400(UpdateMeBody, req.body, 'invalid_body');
    res.set('Cache-Control', 'no-store').json(await updateMe(ctx, await viewerOf(ctx, req), body));
  });

  return router;
}
