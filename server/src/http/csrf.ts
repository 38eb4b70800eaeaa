import type { RequestHandler } from 'express';
import { AppError } from './errors';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * CSRF defence for cookie-authenticated writes. A cross-site HTML form can only send
 * form/text content types, so requiring application/json shuts forms out; a cross-site fetch
 * with JSON is then either pre-flighted (and refused, we send no CORS headers) or, from a browser,
 * labelled with an Origin that does not match our Host.
 */
export const csrfGuard: RequestHandler = (req, _res, next) => {
  if (!UNSAFE.has(req.method)) return next();
  // Not req.is(): it answers null for a body-less request such as logout, whatever the header.
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') {
    return next(new AppError(415, 'unsupported_media_type', 'Send Content-Type: application/json.'));
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !sameHost(origin, req.headers.host)) {
    return next(new AppError(403, 'csrf', 'Cross-site request refused.'));
  }
  // Browsers that send Fetch Metadata say outright when a request comes from another site; a
  // request without Origin (old browsers, non-browser clients) still needed the JSON type above.
  if (req.headers['sec-fetch-site'] === 'cross-site') {
    return next(new AppError(403, 'csrf', 'Cross-site request refused.'));
  }
  next();
};

function sameHost(origin: string, host: string | undefined): boolean {
  if (!host || origin === 'null') return false;
  try {
    return new URL(origin).host === host.toLowerCase();
  } catch {
    return false;
  }
}
