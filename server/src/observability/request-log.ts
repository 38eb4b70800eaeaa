import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pino, type DestinationStream, type Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import type { Config } from '../config/config';

/**
 * Errors keep what a developer needs and drop the rest: PostgreSQL's `detail` quotes the row's
 * values (an e-mail address in a unique violation), and pino's default would copy it. pino hands
 * this the Error; pino-http its own serialized copy ({ type, message, stack, … }).
 */
function errorFields(err: unknown) {
  if (typeof err !== 'object' || err === null) return { message: String(err) };
  const { type, name, message, stack, code } = err as Record<string, unknown>;
  return { type: type ?? name, message, stack, ...(code !== undefined ? { code } : {}) };
}

export function createLogger(config: Pick<Config, 'logLevel'>, destination?: DestinationStream): Logger {
  return pino({ level: config.logLevel, serializers: { err: errorFields } }, destination);
}

/** Probes a balancer or orchestrator calls every few seconds: a line each would drown the rest. */
const PROBES = new Set(['/api/live', '/api/ready', '/api/health', '/api/metrics']);

/**
 * One structured line per request with a request id (kept from X-Request-Id when a proxy set
 * one, echoed back for support). No personal data: no cookies, no bodies, no query strings
 * (a checkpoint is harmless, but e-mail links may carry tokens), no IP addresses. Probes get
 * an id but no line; one that throws still logs its error (http/errors.ts).
 */
export function requestLog(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId(req: IncomingMessage, res: ServerResponse) {
      const incoming = req.headers['x-request-id'];
      const id = typeof incoming === 'string' && /^[\w-]{8,64}$/.test(incoming) ? incoming : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        path: req.url.split('?')[0],
      }),
      res: (res: { statusCode: number }) => ({ status: res.statusCode }),
      err: errorFields,
    },
    autoLogging: {
      // The router is mounted at /api, so req.url lacks the prefix; originalUrl has it.
      ignore: (req) =>
        PROBES.has(((req as { originalUrl?: string }).originalUrl ?? req.url ?? '').split('?')[0]!),
    },
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
  });
}
