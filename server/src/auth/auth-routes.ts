import { LoginBody, RegisterBody } from '@parley/shared';
import { Router } from 'express';
import type { AppContext } from '../app-context';
import { parseOr400 } from '../http/errors';
import { login, logout, register, requireMe } from './auth-service';
import { clearSessionCookie, sessionTokenOf, setSessionCookie, viewerOf } from './request-session';

export function authRoutes(ctx: AppContext): Router {
  const router = Router();

  router.post('/register', async (req, res) => {
    const body = parseOr400(RegisterBody, req.body, 'invalid_body');
    const { me, token } = await register(ctx, body, sessionTokenOf(req));
    setSessionCookie(ctx.config, req, res, token);
    res.status(201).json(me);
  });

  router.post('/login', async (req, res) => {
    const body = parseOr400(LoginBody, req.body, 'invalid_body');
    const { me, token } = await login(ctx, body, req.ip ?? 'unknown', sessionTokenOf(req));
    setSessionCookie(ctx.config, req, res, token);
    res.json(me);
  });

  router.post('/logout', async (req, res) => {
    await logout(ctx, sessionTokenOf(req));
    clearSessionCookie(ctx.config, req, res);
    res.status(204).end();
  });

  router.get('/me', async (req, res) => {
    res.set('Cache-Control', 'no-store').json(requireMe(await viewerOf(ctx, req)));
  });

  return router;
}
