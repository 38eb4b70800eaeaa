import type { RequestHandler } from 'express';
import { AppError } from '../http/errors';

/**
 * PostgreSQL text cannot hold NUL (U+0000): an INSERT with one fails, which would turn a
 * device's post into a 500 and, retried forever, block its whole outbox. Lone UTF-16 surrogates
 * cannot be encoded as UTF-8 and would come back changed. Both are replaced by U+FFFD (the
 * replacement character) in every string and key of a JSON body, so what is stored is what the
 * device is told was stored, and nothing else of the text is lost.
 */
export function storable(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return clean(value);
  // body-parser already bounds the size; the depth bound keeps this walk off the call stack's edge.
  if (value === null || typeof value !== 'object' || depth > 64) return value;
  if (Array.isArray(value)) return value.map((v) => storable(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    // defineProperty: a "__proto__" key stays a plain key, as JSON.parse made it.
    Object.defineProperty(out, clean(k), {
      value: storable(v, depth + 1),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// eslint-disable-next-line no-control-regex -- NUL is exactly what this looks for
const NUL = /\u0000/g;
const clean = (s: string) => s.replace(NUL, '\uFFFD').replace(LONE_SURROGATE, '\uFFFD');

// No real address holds a NUL; in a path parameter or query it would reach SQL and fail there.
const NUL_IN_URL = /%00/i;

export const storableText: RequestHandler = (req, _res, next) => {
  if (NUL_IN_URL.test(req.originalUrl)) {
    return next(new AppError(400, 'bad_request', 'The address contains a NUL character.'));
  }
  if (req.body !== undefined) req.body = storable(req.body);
  next();
};
