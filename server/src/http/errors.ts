import type { ErrorBody, ErrorCode } from '@parley/shared';
import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import type { z } from 'zod';

/** An error a client is meant to see: its status, stable code and a plain-English message. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** Parses with a shared schema or throws a 400 with the given code and the zod issues as details. */
export function parseOr400<S extends z.ZodType>(schema: S, value: unknown, code: ErrorCode): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issues = result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw new AppError(
      400,
      code,
      issues.map((i) => `${i.path || 'body'}: ${i.message}`).join('; '),
      {},
      issues,
    );
  }
  return result.data;
}

/** body-parser errors carry a `type`; map them to our codes instead of leaking its messages. */
function fromBodyParser(err: { type?: unknown; status?: unknown }): AppError | null {
  switch (err.type) {
    case 'entity.parse.failed':
      return new AppError(400, 'bad_request', 'The body is not valid JSON.');
    case 'entity.too.large':
      return new AppError(413, 'payload_too_large', 'The body is too large.');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppError(415, 'unsupported_media_type', 'Unsupported body encoding.');
    default:
      if (typeof err.status === 'number' && err.status >= 400 && err.status < 500) {
        return new AppError(400, 'bad_request', 'The request could not be read.');
      }
      return null;
  }
}

/**
 * Sends errors as ErrorBody. Unexpected ones are logged on the request's logger, so the line
 * carries the request id; `logger` covers routes outside the request log (uploads, static files).
 */
export const errorHandler =
  (logger?: Logger): ErrorRequestHandler =>
  (err: unknown, req, res, _next) => {
    const known =
      err instanceof AppError ? err : typeof err === 'object' && err !== null ? fromBodyParser(err) : null;
    if (!known) ((req.log as Logger | undefined) ?? logger)?.error({ err }, 'unexpected error');
    const error = known ?? new AppError(500, 'internal', 'Something went wrong on the server.');
    if (res.headersSent) {
      res.end();
      return;
    }
    const body: ErrorBody = {
      error: {
        code: error.code,
        message: error.message,
        ...(error.details ? { details: error.details } : {}),
      },
    };
    res.status(error.status).set(error.headers).json(body);
  };
