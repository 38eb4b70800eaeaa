import type { Request, Response } from 'express';
import type { AppContext } from '../app-context';
import type { Config } from '../config/config';
import { viewerFromToken } from './auth-service';
import { DEVICE_COOKIE, DEVICE_MAX_AGE_SECONDS } from './known-device';
import { readCookie, SESSION_COOKIE, SESSION_MAX_AGE_SECONDS } from './session-token';
import type { Viewer } from './viewer';

export const sessionTokenOf = (req: Request) => readCookie(req.headers.cookie, SESSION_COOKIE);

const viewers = new WeakMap<Request, Promise<Viewer>>();

/** The request's viewer, looked up once per request however many handlers ask. */
export function viewerOf(ctx: AppContext, req: Request): Promise<Viewer> {
  let viewer = viewers.get(req);
  if (!viewer) viewers.set(req, (viewer = viewerFromToken(ctx, sessionTokenOf(req))));
  return viewer;
}

const secure = (config: Config, req: Request) =>
  config.cookieSecure === 'always' || (config.cookieSecure === 'auto' && req.secure);

export function setSessionCookie(config: Config, req: Request, res: Response, token: string): void {
  res.cookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: secure(config, req),
    maxAge: SESSION_MAX_AGE_SECONDS * 1000,
  });
}

/** Only sign-in reads it: it travels to /api/auth alone, and survives sign-out (it is no session). */
export function setDeviceCookie(config: Config, req: Request, res: Response, value: string): void {
  res.cookie(DEVICE_COOKIE, value, {
    httpOnly: true,
    sameSite: 'strict',
    path: '/api/auth',
    secure: secure(config, req),
    maxAge: DEVICE_MAX_AGE_SECONDS * 1000,
  });
}

export function clearSessionCookie(config: Config, req: Request, res: Response): void {
  res.clearCookie(SESSION_COOKIE, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: secure(config, req),
  });
}
