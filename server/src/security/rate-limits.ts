import { Router, type Request, type RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { AppContext } from '../app-context';
import { viewerOf } from '../auth/request-session';
import { AppError } from '../http/errors';

/**
 * Request rate limits, counted per server instance in memory (express-rate-limit's MemoryStore).
 *
 * Why memory and not PostgreSQL: the PostgreSQL stores for express-rate-limit are small
 * single-maintainer packages; a well-kept store would be Redis, which Parley does not run. The
 * limit that must hold across instances — failed sign-ins per e-mail and per IP — is already
 * counted in PostgreSQL (auth-service THROTTLE). These limits are the coarse outer fence against
 * floods, and N instances behind a balancer allow at most N times the figures below.
 */
export const RATE_LIMITS = {
  windowMs: 60_000,
  /** Sign-in, sign-up, password reset, log-out-everywhere, account deletion: per IP address. */
  authPerIp: 60,
  /** Any write (POST/PUT/PATCH/DELETE) under /api: per IP address (a shared NAT hides many people). */
  writesPerIp: 1_200,
  /** Any write by one signed-in account, whatever its IP. */
  writesPerAccount: 600,
  /**
   * Requests to the tus endpoint (/api/uploads: create, HEAD, PATCH of 2 MB pieces, DELETE). A
   * 20 MB file over a link cut every few seconds takes a few dozen; these leave room for a post's
   * ten files and a retry storm, and stop a script filling the disk.
   */
  uploadsPerIp: 600,
  uploadsPerAccount: 240,
  /**
   * Pulls (GET /api/sync/:collection/pull, at most 1,000 rows each). Every opening of the app
   * pulls each collection once or twice, and a device back after a week offline needs a handful
   * more: 20 a second per account leaves a busy person (and a test visiting every screen) room,
   * and still stops a script pulling 1,000 rows as fast as it can. Per IP it is higher: a school
   * or a mobile carrier's NAT puts many devices behind one address.
   */
  pullsPerIp: 3_600,
  pullsPerAccount: 1_200,
  /**
   * Live streams open at once (not per minute). A device opens one, or two for a moderator, in
   * its leading tab only: twelve are a person's phone, tablet and computers with room to spare.
   */
  streamsPerIp: 200,
  streamsPerAccount: 12,
} as const;

/** The caps on open streams (StreamRegistry.admit), scaled like the rest; 0 = none. */
export function streamCaps(scale: number): { perIp: number; perAccount: number } {
  const cap = (n: number) => (scale === 0 ? 0 : Math.max(1, Math.round(n * scale)));
  return { perIp: cap(RATE_LIMITS.streamsPerIp), perAccount: cap(RATE_LIMITS.streamsPerAccount) };
}

const PULL_PATH = /^\/sync\/[a-z]+\/pull$/;

const WRITE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const AUTH_PATHS = new Set([
  '/auth/login',
  '/auth/register',
  '/auth/register/confirm',
  '/auth/logout-all',
  '/auth/password-reset',
  '/auth/password-reset/confirm',
  '/invitations/inspect',
  '/invitations/accept',
  '/me',
]);

const tooMany = (what: string): RequestHandler => {
  return (_req, res, next) => {
    const retry = res.getHeader('Retry-After');
    next(
      new AppError(429, 'rate_limited', `Too many ${what}. Try again in a minute.`, {
        ...(retry !== undefined ? { 'Retry-After': String(retry) } : {}),
      }),
    );
  };
};

const ipKey = (req: Request) => ipKeyGenerator(req.ip ?? 'unknown');

/**
 * The limits of the tus endpoint, which sits outside the JSON API (its own body format): per IP,
 * then per signed-in account. The 429 carries `Retry-After`; tus-js-client retries it
 * (client/src/attachments/tus-upload.ts) and the upload resumes where it stopped.
 */
export function uploadRateLimits(ctx: AppContext, scale = 1): Router {
  const router = Router();
  if (scale === 0) return router;
  const limit = (n: number) => Math.max(1, Math.round(n * scale));
  const common = {
    windowMs: RATE_LIMITS.windowMs,
    standardHeaders: 'draft-8' as const,
    legacyHeaders: false,
    // A CORS pre-flight carries no cookie and does no work.
    skip: (req: Request) => req.method === 'OPTIONS',
  };
  const byIp = rateLimit({
    ...common,
    limit: limit(RATE_LIMITS.uploadsPerIp),
    keyGenerator: (req) => `upload-ip:${ipKey(req)}`,
    handler: (req, res, next) => tooMany('uploads from this address')(req, res, next),
  });
  const byAccount = rateLimit({
    ...common,
    limit: limit(RATE_LIMITS.uploadsPerAccount),
    // Anonymous uploads are refused later anyway (401); the per-IP limit covers them.
    skip: async (req) => req.method === 'OPTIONS' || !(await viewerOf(ctx, req)).user,
    keyGenerator: async (req) => `upload-user:${(await viewerOf(ctx, req)).user!.id}`,
    handler: (req, res, next) => tooMany('uploads from this account')(req, res, next),
  });
  return router.use(byIp, byAccount);
}

/** The limiters, in the order they apply; `scale` multiplies every limit, 0 turns them off. */
export function rateLimits(ctx: AppContext, scale = 1): Router {
  const router = Router();
  if (scale === 0) return router;
  const limit = (n: number) => Math.max(1, Math.round(n * scale));
  const common = {
    windowMs: RATE_LIMITS.windowMs,
    standardHeaders: 'draft-8' as const,
    legacyHeaders: false,
  };
  const auth = rateLimit({
    ...common,
    limit: limit(RATE_LIMITS.authPerIp),
    skip: (req) => !(WRITE.has(req.method) && AUTH_PATHS.has(req.path)),
    keyGenerator: (req) => `auth:${ipKey(req)}`,
    handler: (req, res, next) => tooMany('sign-in attempts')(req, res, next),
  });
  const writesByIp = rateLimit({
    ...common,
    limit: limit(RATE_LIMITS.writesPerIp),
    skip: (req) => !WRITE.has(req.method),
    keyGenerator: (req) => `ip:${ipKey(req)}`,
    handler: (req, res, next) => tooMany('requests from this address')(req, res, next),
  });
  const writesByAccount = rateLimit({
    ...common,
    limit: limit(RATE_LIMITS.writesPerAccount),
    // Anonymous writes are refused later anyway (401); the per-IP limit covers them.
    skip: async (req) => !WRITE.has(req.method) || !(await viewerOf(ctx, req)).user,
    keyGenerator: async (req) => `user:${(await viewerOf(ctx, req)).user!.id}`,
    handler: (req, res, next) => tooMany('changes from this account')(req, res, next),
  });
  const pull = (req: Request) => req.method === 'GET' && PULL_PATH.test(req.path);
  const pullsByIp = rateLimit({
    ...common,
    limit: limit(RATE_LIMITS.pullsPerIp),
    skip: (req) => !pull(req),
    keyGenerator: (req) => `pull-ip:${ipKey(req)}`,
    handler: (req, res, next) => tooMany('sync requests from this address')(req, res, next),
  });
  const pullsByAccount = rateLimit({
    ...common,
    limit: limit(RATE_LIMITS.pullsPerAccount),
    skip: async (req) => !pull(req) || !(await viewerOf(ctx, req)).user,
    keyGenerator: async (req) => `pull-user:${(await viewerOf(ctx, req)).user!.id}`,
    handler: (req, res, next) => tooMany('sync requests from this account')(req, res, next),
  });
  return router.use(auth, writesByIp, writesByAccount, pullsByIp, pullsByAccount);
}
